import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DayTally, SEEN_SHARDS, seenShard } from '../domain/footfall';
import { cancellationCodes, isTransactionConflict, writeTransaction } from './conditional';
import { queryAll } from './query-all';

/**
 * A booth's day in the stats table, under `BOOTH#<booth>#<day>`: the DAY item (totals and the
 * `version` every writer conditions on), one HOUR# item per hour, the SEEN# shards (event ids already
 * counted) and VISITORS (ticket ids seen). The day's ranking row lives under `BOOTHS#<day>`.
 */
export interface BoothDay {
  visits: number;
  uniqueVisitors: number;
  version: number;
  byHour: { hour: number; visits: number }[];
  seen: Set<string>;
  visitors: Set<string>;
}

const dayKey = (boothId: string, day: string) => `BOOTH#${boothId}#${day}`;

export async function readBoothDay(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  day: string,
): Promise<BoothDay> {
  const result: BoothDay = {
    visits: 0,
    uniqueVisitors: 0,
    version: 0,
    byHour: [],
    seen: new Set(),
    visitors: new Set(),
  };
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': dayKey(boothId, day) },
    ConsistentRead: true,
  });
  for (const item of items) {
    const sk = String(item.sk);
    if (sk === 'DAY')
      Object.assign(result, {
        visits: item.visits ?? 0,
        uniqueVisitors: item.uniqueVisitors ?? 0,
        version: item.version ?? 0,
      });
    else if (sk.startsWith('HOUR#'))
      result.byHour.push({ hour: Number(sk.slice(5)), visits: Number(item.visits ?? 0) });
    else if (sk.startsWith('SEEN#')) for (const id of (item.ids as Set<string> | undefined) ?? []) result.seen.add(id);
    else if (sk === 'VISITORS') for (const id of (item.ids as Set<string> | undefined) ?? []) result.visitors.add(id);
  }
  result.byHour.sort((a, b) => a.hour - b.hour);
  return result;
}

/**
 * Applies a booth-day's new events in one transaction, on condition that nobody changed that day
 * since it was read: the counts, the event ids now seen (so a redelivery counts nothing), the
 * visitors, and the ranking row. `stale` means read again and retry.
 */
export async function applyBoothDay(
  client: DynamoDBDocumentClient,
  table: string,
  target: { boothId: string; day: string; before: BoothDay },
  tally: DayTally,
): Promise<'applied' | 'stale'> {
  const pk = dayKey(target.boothId, target.day);
  const visitors = new Set([...target.before.visitors, ...tally.visitors]);
  const visits = target.before.visits + tally.visits;
  const shards = new Map<string, string[]>();
  for (const id of tally.eventIds) shards.set(seenShard(id), [...(shards.get(seenShard(id)) ?? []), id]);
  const expected = target.before.version;
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
              ':unique': visitors.size,
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
        ...[...shards].map(([shard, ids]) => ({
          Update: {
            TableName: table,
            Key: { pk, sk: `SEEN#${shard}` },
            UpdateExpression: 'ADD ids :ids',
            ExpressionAttributeValues: { ':ids': new Set(ids) },
          },
        })),
        ...(tally.visitors.size > 0
          ? [
              {
                Update: {
                  TableName: table,
                  Key: { pk, sk: 'VISITORS' },
                  UpdateExpression: 'ADD ids :ids',
                  ExpressionAttributeValues: { ':ids': tally.visitors },
                },
              },
            ]
          : []),
        {
          Update: {
            TableName: table,
            Key: { pk: `BOOTHS#${target.day}`, sk: target.boothId },
            UpdateExpression: 'SET visits = :visits, uniqueVisitors = :unique, boothId = :booth',
            ExpressionAttributeValues: { ':visits': visits, ':unique': visitors.size, ':booth': target.boothId },
          },
        },
      ],
    });
    return 'applied';
  } catch (error) {
    if (isTransactionConflict(error) || cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'stale';
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

export const SHARD_COUNT = SEEN_SHARDS;
