import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyHolderCounts, getHoldersMarker, type HolderCounts } from '../store/holders-store';
import { sortableSequence } from '../store/projection-store';

/**
 * Distinct ticket holders, counted as they come in from the tickets stream: a ticket whose day of
 * entry from outside (`enteredOn`) changes came in for the first time that day; one that had none came
 * in for the first time at all. A batch's counts are coalesced and added once (a marker per batch, as
 * the occupancy projector keeps), so the day report reads two items instead of the scan log.
 */
export interface TicketImage {
  category?: unknown;
  enteredOn?: unknown;
}

export interface HolderChange {
  eventId: string;
  sequence: string;
  /** The day the ticket first came in from outside, or undefined when the change is not such an entry. */
  day?: string;
  category: string;
  firstEver: boolean;
}

/** What one change of a ticket item says about its holder: a first entry that day, a first ever, or nothing. */
export function holderEntry(
  old: TicketImage | undefined,
  next: TicketImage | undefined,
): { day: string; category: string; firstEver: boolean } | undefined {
  const day = typeof next?.enteredOn === 'string' ? next.enteredOn : undefined;
  if (!day || old?.enteredOn === day) return undefined;
  return {
    day,
    category: typeof next?.category === 'string' ? next.category : 'visitor',
    firstEver: typeof old?.enteredOn !== 'string',
  };
}

export interface HoldersDeps {
  client: DynamoDBDocumentClient;
  tables: { stats: string };
  now: () => Date;
}

/**
 * Counts a stream batch's first entries, exactly once in effect, from wherever a redelivery starts and
 * however long it is: what a marker covers is left out, the rest counted under a marker of its own.
 */
export async function countHolders(deps: HoldersDeps, changes: HolderChange[]): Promise<{ counted: number }> {
  let pending = changes;
  let counted = 0;
  // Nothing to count (most changes of a ticket are not a first entry): nothing to write, no marker.
  while (pending.some((change) => change.day)) {
    const first = pending[0] as HolderChange;
    const appliedUpTo = await getHoldersMarker(deps.client, deps.tables.stats, first.eventId);
    if (appliedUpTo) {
      pending = pending.filter((change) => sortableSequence(change.sequence) > appliedUpTo);
      continue;
    }
    const byDay = new Map<string, HolderCounts>();
    const fair: HolderCounts = {};
    for (const change of pending) {
      if (!change.day) continue;
      const counts = byDay.get(change.day) ?? {};
      counts[change.category] = (counts[change.category] ?? 0) + 1;
      byDay.set(change.day, counts);
      if (change.firstEver) fair[change.category] = (fair[change.category] ?? 0) + 1;
    }
    const outcome = await applyHolderCounts(deps.client, deps.tables.stats, {
      markerId: first.eventId,
      lastSequence: sortableSequence((pending.at(-1) as HolderChange).sequence),
      byDay,
      fair,
      at: deps.now().toISOString(),
    });
    // Another delivery won the race: its marker now says how far; read it and go on from there.
    if (outcome === 'already-applied') continue;
    counted += pending.filter((change) => change.day).length;
    pending = [];
  }
  return { counted };
}
