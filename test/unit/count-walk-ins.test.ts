import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Place } from '#shared/domain/alert-text';
import { type Gate, walkInsPerMinute } from '#shared/domain/fair';
import { zonedIso, zoneOf } from '#shared/domain/fair-time';
import { ZoneTree } from '#shared/domain/zone-tree';
import { demoFair } from '#shared/fair/demo-fair';
import type { AlertRecord } from '#shared/store/alerts-store';
import {
  type CountInput,
  countWalkIns,
  UNDO_WINDOW_MS,
  undoCount,
  type WalkInDeps,
} from '#shared/use-cases/count-walk-ins';
import { FakeStores } from '../support/fake-stores';

/**
 * Walk-in counts' orchestration on in-memory stores: a count appended with its gate's minute, a resend
 * answered as the first time, an implausible count kept flagged and raised once, an undo by its own
 * device in its window. `test/integration/walk-ins.test.ts` and the gate page's tests run the real path.
 */
const day = '2027-03-27';
const main = demoFair.gates.find((gate) => gate.gateId === 'main') as Gate;
const limit = walkInsPerMinute(main);

function setUp(venueCount = 100) {
  const fake = new FakeStores();
  fake.addZones(demoFair.zones);
  Object.assign(fake.zones.get('venue') ?? {}, { day, ticketed: venueCount, count: venueCount });
  let now = new Date(zonedIso(day, '11:00', zoneOf(demoFair)));
  const notices: { alert: AlertRecord; place: Place }[] = [];
  const deps: WalkInDeps = {
    stores: { walkIns: fake.walkInLog, zones: fake.zoneReader },
    fair: { timezone: demoFair.timezone, utcOffsets: demoFair.utcOffsets, days: demoFair.days },
    tree: new ZoneTree(demoFair.zones),
    now: () => now,
    notify: async (alert, place) => {
      notices.push({ alert, place });
    },
  };
  const count = (people: { in?: number; out?: number }, countId: string = crypto.randomUUID()): CountInput => ({
    countId,
    in: people.in ?? 0,
    out: people.out ?? 0,
    countedAt: now.toISOString(),
    deviceId: 'steward-1',
  });
  const send = (input: CountInput) => countWalkIns(deps, main, input, false, { credentialLabel: 'Main gate, steward' });
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { fake, deps, notices, count, send, later };
}

describe('walk-ins counted at a gate, orchestrated (in-memory stores)', () => {
  it('appends a count with its gate’s minute and answers where the zone behind the gate now stands', async () => {
    const { fake, count, send } = setUp(100);
    const result = await send(count({ in: 3 }));
    expect(result).toMatchObject({ zoneId: 'venue', count: 103, capacity: 1800, level: 'normal', full: false });
    expect(result.flagged).toBeUndefined();
    expect(fake.calls).toEqual(['zones.get', 'walkIns.appendCount']);
    expect([...fake.minutes.values()]).toEqual([{ in: 3, out: 0, flagged: 0 }]);
    const [record] = [...fake.scans.values()];
    expect(record?.deltas).toEqual({ venue: 3 });
  });

  it('answers a resent count as the first time, adding nothing to the minute', async () => {
    const { fake, count, send } = setUp();
    const input = count({ in: 2, out: 1 });
    const first = await send(input);
    const again = await send(input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(fake.scans.size).toBe(1);
    expect([...fake.minutes.values()]).toEqual([{ in: 2, out: 1, flagged: 0 }]);
  });

  it('keeps a count the door could not have passed, flagged and moving nothing, and tells organisers once', async () => {
    const { fake, notices, count, send } = setUp(100);
    await send(count({ in: limit - 10 }));
    const input = count({ in: 20 });
    const flagged = await send(input);
    // The zone as projected (no projector runs here: still 100), with nothing of this count in it.
    expect(flagged).toMatchObject({ flagged: true, count: 100 });
    expect(fake.scans.get(`count:${input.countId}`)).toMatchObject({ flagged: true, deltas: {} });
    expect([...fake.minutes.values()]).toEqual([{ in: limit - 10, out: 0, flagged: 20 }]);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.alert).toMatchObject({
      kind: 'implausible-count',
      gateId: 'main',
      credentialLabel: 'Main gate, steward',
      people: 20,
      perMinute: limit,
    });
    expect(notices[0]?.place.zoneId).toBe('main');
    // Sent again: the first answer, no second notice, nothing more noted.
    expect(await send(input)).toEqual({ ...flagged, replayed: true });
    expect(notices).toHaveLength(1);
    expect(fake.calls.filter((call) => call === 'walkIns.noteFlagged')).toHaveLength(1);
    // A single count over the limit is flagged without asking the minute.
    fake.calls.length = 0;
    const over = count({ out: limit + 1 });
    expect((await send(over)).flagged).toBe(true);
    expect(fake.calls).not.toContain('walkIns.appendCount');
    // Its resend raises nothing more either.
    const raised = notices.length;
    expect((await send(over)).replayed).toBe(true);
    expect(notices).toHaveLength(raised);
  });

  it('takes a count back once, by its own device and within its window', async () => {
    const { deps, count, send, later } = setUp(100);
    const input = count({ in: 4 });
    await send(input);
    expect(await undoCount(deps, main, input.countId, 'another-phone')).toEqual({ kind: 'unknown' });
    expect(await undoCount(deps, main, 'never-sent', 'steward-1')).toEqual({ kind: 'unknown' });
    const undone = await undoCount(deps, main, input.countId, 'steward-1');
    // The zone as projected (100, the count not yet in it) with the retraction's own part: 96.
    expect(undone).toMatchObject({ kind: 'undone', result: { count: 96 } });
    const again = await undoCount(deps, main, input.countId, 'steward-1');
    expect(again).toMatchObject({ kind: 'undone', result: { replayed: true } });
    const late = count({ in: 1 });
    await send(late);
    later(UNDO_WINDOW_MS + 1);
    expect(await undoCount(deps, main, late.countId, 'steward-1')).toEqual({ kind: 'too-late' });
  });

  it('fails loudly when the gate leads into a zone the fair does not have', async () => {
    const { fake, count, send } = setUp();
    fake.zones.delete('venue');
    await expect(send(count({ in: 1 }))).rejects.toThrow(/does not have/);
    expect(fake.scans.size).toBe(0);
  });

  it('however counts, resends and undos interleave within a minute: the minute never passes the door, each id counts once', async () => {
    type Step = { kind: 'count' | 'again' | 'undo'; in: number; out: number };
    const step = fc.record({
      kind: fc.constantFrom<Step['kind']>('count', 'count', 'again', 'undo'),
      in: fc.integer({ min: 0, max: limit + 5 }),
      out: fc.integer({ min: 0, max: 60 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const { fake, deps, count, send } = setUp(0);
        const sent: CountInput[] = [];
        let netIn = 0;
        const undone = new Set<string>();
        for (const next of steps) {
          const last = sent.at(-1);
          if (next.kind === 'undo' && last) {
            const outcome = await undoCount(deps, main, last.countId, 'steward-1');
            expect(outcome.kind).toBe('undone');
            const original = fake.scans.get(`count:${last.countId}`);
            if (!undone.has(last.countId) && original && !('flagged' in original && original.flagged))
              netIn -= (original.deltas.venue ?? 0) as number;
            undone.add(last.countId);
            continue;
          }
          const input = next.kind === 'again' && last ? last : count(next);
          const result = await send(input);
          if (input === last) {
            expect(result.replayed).toBe(true);
            continue;
          }
          sent.push(input);
          if (!result.flagged) netIn += input.in - input.out;
        }
        const [minute] = [...fake.minutes.values()];
        expect(minute?.in ?? 0).toBeLessThanOrEqual(limit);
        expect(minute?.out ?? 0).toBeLessThanOrEqual(limit);
        // What moves the zone is exactly what was accepted and not taken back.
        const deltas = [...fake.scans.values()].reduce((sum, record) => sum + (record.deltas.venue ?? 0), 0);
        expect(deltas).toBe(netIn);
        expect(fake.scans.size).toBe(sent.length + undone.size);
      }),
      { numRuns: 200 },
    );
  });
});
