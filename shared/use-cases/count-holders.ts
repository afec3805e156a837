import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addHoldersOnce, type DayHolders, type HolderCounts } from '../store/holders-store';

/**
 * Distinct ticket holders, counted as they come in from the tickets stream: a ticket whose day of
 * entry from outside (`enteredOn`) changes came in for the first time that day; one that had none came
 * in for the first time at all. A batch's counts are coalesced and added once (each day's item keeps a
 * mark per stream shard, as the zones do for the occupancy projector), so the day report reads one item
 * a day instead of the scan log.
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
}

/** One day's first entries, coalesced by category. */
function dayHolders(day: string, changes: HolderChange[]): DayHolders | undefined {
  const entries: HolderCounts = {};
  const firstEver: HolderCounts = {};
  for (const change of changes) {
    entries[change.category] = (entries[change.category] ?? 0) + 1;
    if (change.firstEver) firstEver[change.category] = (firstEver[change.category] ?? 0) + 1;
  }
  return Object.keys(entries).length > 0 ? { day, entries, firstEver } : undefined;
}

/**
 * Counts one shard's batch of first entries, exactly once in effect: each day's item keeps how far it
 * counted the shard, so a redelivery (the same batch, or a longer one from the same first record)
 * counts only what lies above it, with one conditional update a day and no marker. A batch with no
 * first entry (most changes of a ticket are not) writes nothing.
 */
export async function countHolders(
  deps: HoldersDeps,
  changes: HolderChange[],
  shardId: string,
): Promise<{ counted: number }> {
  let counted = 0;
  const days = [...new Set(changes.flatMap((change) => (change.day ? [change.day] : [])))];
  for (const day of days) {
    const ofDay = changes.filter((change) => change.day === day);
    const outcome = await addHoldersOnce(deps.client, deps.tables.stats, shardId, ofDay, (pending) =>
      dayHolders(day, pending),
    );
    counted += outcome.applied;
  }
  return { counted };
}
