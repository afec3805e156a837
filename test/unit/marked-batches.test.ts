import { describe, expect, it } from 'vitest';
import { sortableSequence } from '#shared/store/projection-store';
import { applyInMarkedChunks, fittingLength } from '#shared/use-cases/marked-batches';

const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ eventId: `e${i}`, sequence: String(100 + i), key: `k${i % 150}` }));
type Item = ReturnType<typeof records>[number];

/** Markers kept as the stats table would: by the first record of what they cover. */
function markers() {
  const stored = new Map<string, string>();
  return {
    stored,
    appliedUpTo: async (id: string) => stored.get(id),
    put: (marker: { markerId: string; lastSequence: string }) => {
      if (stored.has(marker.markerId)) return false;
      stored.set(marker.markerId, marker.lastSequence);
      return true;
    },
  };
}

describe('a stream batch applied in marked chunks', () => {
  it('cuts chunks at 99 distinct items, never below one record', () => {
    expect(fittingLength(records(300), 99, (r) => [r.key])).toBe(99);
    expect(fittingLength(records(50), 99, (r) => [r.key])).toBe(50);
    // A record touching more than fits still goes alone.
    expect(fittingLength(records(3), 1, () => ['a', 'b'])).toBe(1);
  });

  it('applies every record once, and a redelivery from the first record applies nothing more', async () => {
    const { appliedUpTo, put, stored } = markers();
    const applied: string[] = [];
    const steps = {
      appliedUpTo,
      chunkLength: (pending: Item[]) => fittingLength(pending, 99, (r) => [r.key]),
      apply: async (chunk: Item[], marker: { markerId: string; lastSequence: string }) => {
        if (!put(marker)) return 'already-applied' as const;
        applied.push(...chunk.map((r) => r.eventId));
        return 'applied' as const;
      },
    };
    const batch = records(300);
    expect(await applyInMarkedChunks(batch, steps)).toEqual({ applied: 300, skipped: 0 });
    expect(stored.size).toBe(Math.ceil(300 / 99));
    expect(await applyInMarkedChunks(batch, steps)).toEqual({ applied: 0, skipped: 300 });
    // Redelivered with more behind it: only the new records count.
    expect(await applyInMarkedChunks(records(320), steps)).toEqual({ applied: 20, skipped: 300 });
    expect(new Set(applied).size).toBe(320);
    expect(applied).toHaveLength(320);
    expect(stored.get('e0')).toBe(sortableSequence('198'));
  });

  it('tries a stale chunk again, and gives the batch back after ten tries', async () => {
    let tries = 0;
    const staleTwice = {
      appliedUpTo: async () => undefined,
      chunkLength: (pending: Item[]) => pending.length,
      apply: async () => {
        tries += 1;
        return tries <= 2 ? ('stale' as const) : ('applied' as const);
      },
    };
    expect(await applyInMarkedChunks(records(5), staleTwice)).toEqual({ applied: 5, skipped: 0 });
    expect(tries).toBe(3);
    const alwaysStale = { ...staleTwice, apply: async () => 'stale' as const };
    await expect(applyInMarkedChunks(records(5), alwaysStale)).rejects.toThrow('kept changing for 10 attempts');
  });
});
