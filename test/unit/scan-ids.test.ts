import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScanIds } from '../../web/src/common/scan-ids';

/** The scan ids a page sends: one per code per moment, and the same again for a code left unanswered. */
describe('a page’s scan ids', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-27T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

  it('drops a camera’s repeat within 2 s, resends a typed one with the same id, and takes a new id after', () => {
    const ids = new ScanIds();
    const first = ids.take('T1', 'camera');
    expect(first).toBeDefined();
    expect(ids.take('T1', 'camera')).toBeUndefined();
    expect(ids.take('T1', 'manual')).toBe(first);
    ids.settled('T1');
    ids.settled('T1');
    later(1_500);
    expect(ids.take('T1', 'camera')).toBeUndefined();
    expect(ids.dropped).toBe(2);
    later(2_500);
    const second = ids.take('T1', 'camera');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('sends a code whose request got no answer with the same id when it is scanned again, for 15 minutes', () => {
    const ids = new ScanIds();
    const first = ids.take('T1', 'camera');
    ids.settled('T1', false);
    // Within 2 s a camera's sighting is still the same code held in view: dropped.
    expect(ids.take('T1', 'camera')).toBeUndefined();
    later(10 * 60_000);
    // Scanned again ten minutes later (the network back): the same scan, which the API answers once.
    expect(ids.take('T1', 'camera')).toBe(first);
    ids.settled('T1');
    later(3_000);
    // Answered this time: the next scan of the code is a new one.
    const next = ids.take('T1', 'camera');
    expect(next).not.toBe(first);
    ids.settled('T1', false);
    later(15 * 60_000 + 1);
    // Left unanswered longer than a workshop's door stays busy: forgotten.
    const after = ids.take('T1', 'wedge');
    expect(after).toBeDefined();
    expect(after).not.toBe(next);
  });

  it('sends a code with the screen checking until it ends, drops a repeat unsent, and keeps an unanswered id', async () => {
    const ids = new ScanIds();
    const screen: string[] = [];
    const shown = { checking: () => screen.push('checking'), settled: () => screen.push('settled') };
    const sentIds: string[] = [];
    const unanswered = async (scanId: string) => {
      sentIds.push(scanId);
      screen.push('sent');
      return false;
    };
    expect(await ids.send('T1', 'camera', shown, unanswered)).toBe(true);
    expect(screen).toEqual(['checking', 'sent', 'settled']);
    // Within 2 s, a repeat: neither sent nor shown as checking.
    expect(await ids.send('T1', 'camera', shown, unanswered)).toBe(false);
    expect(screen).toHaveLength(3);
    later(60_000);
    // A minute on, unanswered before: the same id; a request that throws still ends the checking.
    await expect(
      ids.send('T1', 'camera', shown, async (scanId) => {
        sentIds.push(scanId);
        throw new Error('broken');
      }),
    ).rejects.toThrow('broken');
    expect(screen.at(-1)).toBe('settled');
    expect(sentIds).toHaveLength(2);
    expect(sentIds[1]).toBe(sentIds[0]);
  });
});
