import type { ApplyOutcome } from '../store/projection-store';
import { sortableSequence } from '../store/projection-store';

/** A stream record as a batch consumer keeps it: where it sits in its shard. */
export interface StreamPosition {
  eventId: string;
  sequence: string;
}

/** How many times a chunk is tried again when what it read moved under it (another shard's batch). */
const MAX_ATTEMPTS = 10;

/**
 * A stream batch applied exactly once in effect, in chunks that each fit one transaction with their
 * marker. A batch comes from one shard in order and is retried from its first record (whole batches:
 * the mappings neither bisect nor report partial failures), so a marker keyed by a chunk's first record
 * finds whatever part a delivery applied before: that part is left out and the rest goes on.
 */
export async function applyInMarkedChunks<T extends StreamPosition>(
  records: T[],
  steps: {
    /** The last sequence the chunk starting at this record was applied up to, if it was. */
    appliedUpTo: (firstEventId: string) => Promise<string | undefined>;
    /** How many of these records, from the first, fit one transaction. */
    chunkLength: (pending: T[]) => number;
    /** Writes a chunk and its marker; `stale` when what it read moved (it is read and tried again). */
    apply: (chunk: T[], marker: { markerId: string; lastSequence: string }) => Promise<ApplyOutcome>;
  },
): Promise<{ applied: number; skipped: number }> {
  let pending = records;
  let applied = 0;
  let skipped = 0;
  while (pending.length > 0) {
    const first = pending[0] as T;
    const appliedUpTo = await steps.appliedUpTo(first.eventId);
    if (appliedUpTo) {
      const remaining = pending.filter((record) => sortableSequence(record.sequence) > appliedUpTo);
      skipped += pending.length - remaining.length;
      pending = remaining;
      continue;
    }
    const chunk = pending.slice(0, steps.chunkLength(pending));
    const marker = { markerId: first.eventId, lastSequence: sortableSequence((chunk.at(-1) as T).sequence) };
    let outcome: ApplyOutcome = 'stale';
    for (let attempt = 0; attempt < MAX_ATTEMPTS && outcome === 'stale'; attempt += 1)
      outcome = await steps.apply(chunk, marker);
    if (outcome === 'stale')
      throw new Error(`the batch's targets kept changing for ${MAX_ATTEMPTS} attempts; it will be retried`);
    if (outcome === 'already-applied') continue; // another delivery won the race: its marker says how far
    applied += chunk.length;
    pending = pending.slice(chunk.length);
  }
  return { applied, skipped };
}

/**
 * How many of the records, from the first, touch at most `max` distinct items (`keysOf` names what
 * each touches): at least one, and after 5,000 records stop even if more would fit.
 */
export function fittingLength<T>(records: T[], max: number, keysOf: (record: T) => string[]): number {
  const keys = new Set<string>();
  for (let index = 0; index < records.length; index += 1) {
    const before = keys.size;
    for (const key of keysOf(records[index] as T)) keys.add(key);
    if (keys.size > max) return Math.max(1, index);
    if (keys.size === before && index > 5000) return index;
  }
  return records.length;
}
