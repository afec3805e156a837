import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DayTally } from '../domain/footfall';
import { cancellationCodes, isTransactionConflict, itemFailed, writeTransaction } from './conditional';
import { queryAll } from './query-all';

/**
 * A booth's day in the stats table, under `BOOTH#<booth>#<day>`: the DAY item (totals and the
 * `version` every writer conditions on), one HOUR#<hh> item per hour, the event ids already counted in
 * SEEN#<hh> items (so a redelivery or a resend counts nothing), and the tickets seen in
 * VISITORS#<shard> items, those who agreed at the booth to leave their contact in LEADS#<shard> items.
 * The day's ranking row lives under `BOOTHS#<day>`.
 *
 * No item may pass DynamoDB's 400 KB: event ids are kept per hour of the event (a resend carries its
 * own time, so it meets its id again), and an hour that holds MAX_IDS_PER_ITEM ids (36-character ids:
 * about 300 KB) goes on in a next item (`SEEN#<hh>#2`, `#3`...). A batch reads only the hours it
 * touches. Visitors are spread over 16 shards by ticket id: 400 KB each holds some 10,000 tickets, so
 * 160,000 different ticket holders at one booth in one day, far beyond a fair's crowd.
 */
const VISITOR_SHARDS = 16;
export const MAX_IDS_PER_ITEM = 8000;

function shardOf(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return (hash % VISITOR_SHARDS).toString(16);
}

export interface BoothDay {
  visits: number;
  uniqueVisitors: number;
  version: number;
  byHour: { hour: number; visits: number }[];
  /** Event ids counted before, in the hours read. */
  seen: Set<string>;
  /** Tickets seen before, in the shards read. */
  visitors: Set<string>;
  /** Tickets whose holders agreed at the booth to leave their contact (read with `allVisitors`). */
  consented: Set<string>;
  /** Each hour's chain of seen items and how full its last one is, in the hours read. */
  chains: Map<string, { last: string; size: number }>;
}

const dayKey = (boothId: string, day: string) => `BOOTH#${boothId}#${day}`;
const chainBase = (sk: string) => sk.split('#').slice(0, 2).join('#');
/** Chains grow `SEEN#<hh>`, `SEEN#<hh>#2`, `#3`...: an item's place in its chain. */
const rank = (sk: string) => Number(sk.split('#')[2] ?? 1);

async function partition(
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  condition: { between: [string, string] } | { prefix: string },
) {
  return queryAll(client, {
    TableName: table,
    KeyConditionExpression:
      'between' in condition ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': pk,
      ...('between' in condition
        ? { ':from': condition.between[0], ':to': condition.between[1] }
        : { ':prefix': condition.prefix }),
    },
    ConsistentRead: true,
  });
}

/**
 * A booth's day: its totals and hours, and what a batch needs to tell new from seen: the event ids of
 * `hours`, the tickets of the shards `visitorIds` fall in (all of them when `allVisitors`).
 */
export async function readBoothDay(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  day: string,
  needs: { hours?: string[]; visitorIds?: string[]; allVisitors?: boolean } = {},
): Promise<BoothDay> {
  const pk = dayKey(boothId, day);
  const result: BoothDay = {
    visits: 0,
    uniqueVisitors: 0,
    version: 0,
    byHour: [],
    seen: new Set(),
    visitors: new Set(),
    consented: new Set(),
    chains: new Map(),
  };
  for (const item of await partition(client, table, pk, { between: ['DAY', 'HOUR#~'] })) {
    const sk = String(item.sk);
    if (sk === 'DAY')
      Object.assign(result, {
        visits: item.visits ?? 0,
        uniqueVisitors: item.uniqueVisitors ?? 0,
        version: item.version ?? 0,
      });
    else result.byHour.push({ hour: Number(sk.slice(5)), visits: Number(item.visits ?? 0) });
  }
  result.byHour.sort((a, b) => a.hour - b.hour);
  for (const hour of new Set(needs.hours ?? [])) {
    for (const item of await partition(client, table, pk, { between: [`SEEN#${hour}`, `SEEN#${hour}#~`] })) {
      const ids = (item.ids as Set<string> | undefined) ?? new Set<string>();
      for (const id of ids) result.seen.add(id);
      const sk = String(item.sk);
      const base = chainBase(sk);
      const known = result.chains.get(base);
      if (!known || rank(sk) > rank(known.last)) result.chains.set(base, { last: sk, size: ids.size });
    }
  }
  const visitorShards = needs.allVisitors ? [''] : [...new Set((needs.visitorIds ?? []).map((id) => shardOf(id)))];
  for (const shard of visitorShards) {
    for (const item of await partition(client, table, pk, { prefix: `VISITORS#${shard}` }))
      for (const id of (item.ids as Set<string> | undefined) ?? []) result.visitors.add(id);
  }
  if (needs.allVisitors)
    for (const item of await partition(client, table, pk, { prefix: 'LEADS#' }))
      for (const id of (item.ids as Set<string> | undefined) ?? []) result.consented.add(id);
  return result;
}

/**
 * Applies a booth-day's new events in one transaction, on condition that nobody changed that day
 * since it was read: the counts, the event ids now seen, the visitors, and the ranking row. `stale`
 * means read again and retry.
 */
export async function applyBoothDay(
  client: DynamoDBDocumentClient,
  table: string,
  target: { boothId: string; day: string; before: BoothDay },
  tally: DayTally,
  maxIdsPerItem = MAX_IDS_PER_ITEM,
): Promise<'applied' | 'stale'> {
  const pk = dayKey(target.boothId, target.day);
  const newVisitors = [...tally.visitors].filter((id) => !target.before.visitors.has(id));
  const uniqueVisitors = target.before.uniqueVisitors + newVisitors.length;
  const visits = target.before.visits + tally.visits;
  // Each id to its hour; a full item goes on in the next of its chain.
  const writes = new Map<string, string[]>();
  const filling = new Map<string, { last: string; size: number }>(target.before.chains);
  for (const { id, hour } of tally.eventHours) {
    const base = `SEEN#${hour}`;
    const chain = filling.get(base) ?? { last: base, size: 0 };
    if (chain.size >= maxIdsPerItem) {
      chain.last = `${base}#${rank(chain.last) + 1}`;
      chain.size = 0;
    }
    chain.size += 1;
    filling.set(base, chain);
    writes.set(chain.last, [...(writes.get(chain.last) ?? []), id]);
  }
  const visitorWrites = new Map<string, string[]>();
  for (const id of newVisitors)
    visitorWrites.set(`VISITORS#${shardOf(id)}`, [...(visitorWrites.get(`VISITORS#${shardOf(id)}`) ?? []), id]);
  // A yes is kept (a set: a resent one adds nothing); a later no at the same booth does not take it back.
  for (const id of tally.consented)
    visitorWrites.set(`LEADS#${shardOf(id)}`, [...(visitorWrites.get(`LEADS#${shardOf(id)}`) ?? []), id]);
  const expected = target.before.version;
  const add = (sk: string, ids: string[]) => ({
    Update: {
      TableName: table,
      Key: { pk, sk },
      UpdateExpression: 'ADD ids :ids',
      ExpressionAttributeValues: { ':ids': new Set(ids) },
    },
  });
  try {
    await writeTransaction(client, {
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: { pk, sk: 'DAY' },
            UpdateExpression:
              'SET visits = :visits, uniqueVisitors = :unique, version = :next, boothId = :booth, #day = :day',
            ConditionExpression:
              expected === 0 ? 'attribute_not_exists(version) OR version = :expected' : 'version = :expected',
            ExpressionAttributeNames: { '#day': 'day' },
            ExpressionAttributeValues: {
              ':visits': visits,
              ':unique': uniqueVisitors,
              ':next': expected + 1,
              ':expected': expected,
              ':booth': target.boothId,
              ':day': target.day,
            },
          },
        },
        ...[...tally.visitsByHour].map(([hour, count]) => ({
          Update: {
            TableName: table,
            Key: { pk, sk: `HOUR#${hour}` },
            UpdateExpression: 'ADD visits :n',
            ExpressionAttributeValues: { ':n': count },
          },
        })),
        ...[...writes].map(([sk, ids]) => add(sk, ids)),
        ...[...visitorWrites].map(([sk, ids]) => add(sk, ids)),
        {
          Update: {
            TableName: table,
            Key: { pk: `BOOTHS#${target.day}`, sk: target.boothId },
            UpdateExpression: 'SET visits = :visits, uniqueVisitors = :unique, boothId = :booth',
            ExpressionAttributeValues: { ':visits': visits, ':unique': uniqueVisitors, ':booth': target.boothId },
          },
        },
      ],
    });
    return 'applied';
  } catch (error) {
    if (isTransactionConflict(error) || itemFailed(cancellationCodes(error), 0)) return 'stale';
    throw error;
  }
}

export async function listBoothRanking(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
): Promise<{ boothId: string; visits: number; uniqueVisitors: number }[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `BOOTHS#${day}` },
  });
  return items.map((item) => ({
    boothId: String(item.boothId),
    visits: Number(item.visits),
    uniqueVisitors: Number(item.uniqueVisitors),
  }));
}
