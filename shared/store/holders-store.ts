import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get';
import { addPartOnce, withoutShardMarks } from './shard-counters';

/**
 * Ticket holders counted as they come, for the reports: a day's distinct holders by category (a
 * ticket's first entry from outside that day), and among them those who came for the first time at
 * all (`first#<category>`), whose sum over the fair's days is the fair's distinct holders. One item a
 * day in the stats table; a batch of the tickets stream adds its coalesced counts to it once, the item
 * keeping how far it counted each stream shard (shard-counters.ts). Reports read one item a day.
 */
export type HolderCounts = Record<string, number>;

const FIRST_PREFIX = 'first#';
const key = (day: string) => ({ pk: `HOLDERS#${day}`, sk: 'total' });

/** A day's coalesced holders: first entries that day, and first entries ever, by category. */
export interface DayHolders {
  day: string;
  entries: HolderCounts;
  firstEver: HolderCounts;
}

/**
 * Adds a day's part of one shard's batch once: `count` coalesces the records it is given (those above
 * the day item's mark for the shard, after a redelivery), undefined when they count nothing.
 */
export function addHoldersOnce<T extends { sequence: string }>(
  client: DynamoDBDocumentClient,
  statsTable: string,
  shardId: string,
  records: T[],
  count: (records: T[]) => DayHolders | undefined,
): Promise<{ applied: number; skipped: number }> {
  return addPartOnce(client, shardId, records, (pending) => {
    const holders = count(pending);
    if (!holders) return undefined;
    const fields = [
      ...Object.entries(holders.entries),
      ...Object.entries(holders.firstEver).map(([category, n]) => [`${FIRST_PREFIX}${category}`, n] as const),
    ].filter(([, n]) => n !== 0);
    if (fields.length === 0) return undefined;
    return {
      TableName: statsTable,
      Key: key(holders.day),
      set: [],
      add: fields.map((_, i) => `#c${i} :c${i}`),
      names: Object.fromEntries(fields.map(([field], i) => [`#c${i}`, field])),
      values: Object.fromEntries(fields.map(([, n], i) => [`:c${i}`, n])),
    };
  });
}

/** The counters of the days' items, by field, without keys or marks. */
async function countsOf(
  client: DynamoDBDocumentClient,
  statsTable: string,
  days: readonly string[],
): Promise<HolderCounts[]> {
  if (days.length === 0) return [];
  const items = await batchGetAll(client, statsTable, days.map(key));
  return items.map((item) => {
    const { pk: _pk, sk: _sk, ...counts } = withoutShardMarks(item);
    return Object.fromEntries(Object.entries(counts).map(([field, n]) => [field, Number(n)]));
  });
}

/** A day's distinct ticket holders by category, as counted so far. */
export async function holdersOn(
  client: DynamoDBDocumentClient,
  statsTable: string,
  day: string,
): Promise<HolderCounts> {
  const [counts = {}] = await countsOf(client, statsTable, [day]);
  return Object.fromEntries(Object.entries(counts).filter(([field]) => !field.startsWith(FIRST_PREFIX)));
}

/** The fair's distinct ticket holders by category: each counted on the day it first came in. */
export async function fairHolders(
  client: DynamoDBDocumentClient,
  statsTable: string,
  days: readonly string[],
): Promise<HolderCounts> {
  const total: HolderCounts = {};
  for (const counts of await countsOf(client, statsTable, days))
    for (const [field, n] of Object.entries(counts))
      if (field.startsWith(FIRST_PREFIX)) {
        const category = field.slice(FIRST_PREFIX.length);
        total[category] = (total[category] ?? 0) + n;
      }
  return total;
}
