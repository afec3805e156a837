import { type DynamoDBDocumentClient, GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PaceSlot, PlannedVisit } from '../domain/footfall';
import { batchGetAll } from './batch-get';
import { cancellationCodes, itemFailed, writeTransaction } from './conditional';
import { isTransactionConflict } from './contention';
import { RANKING_SHARDS } from './index-names';
import { leadsKey } from './leads-store';
import { queryAll } from './query-all';

/**
 * Booth footfall in the stats table. No item grows with a booth's traffic:
 *
 * - `FOOTFALL#<booth>#<eventId>`: one small item per event counted, put on condition that it is new,
 *   in the same transaction as what the event adds: a resend or a redelivery finds it and adds nothing.
 *   Kept a week past the fair (TTL): a phone offline for days still meets its ids.
 * - `BOOTHS#<day>#<shard>`, sort key the booth: the booth-day's row, everything a visit adds in one
 *   item: its totals (visits, badge-verified and self-counted apart, flagged, unique visitors), each
 *   hour's visits (`hour<hh>`) and each hour's self-counted visits (`pace<hh>`, what the booth's
 *   plausible pace is judged against, conditioned on what was read). The day's ranking is these rows,
 *   spread over 8 partitions so a national fair's booths do not all write one key. One row a visit
 *   where there were three items (the day, the hour's pace, the ranking): at Oujda's pace a booth's
 *   visits are a minute apart, so no batch coalesces them, and each item of a transaction is two units.
 * - `BOOTH#<booth>#<day>`: `VISITOR#<ticketId>`, put on condition that it is new (a unique visitor of
 *   the day); `DAY` the poster's interest visits. Written before this row held everything, and still
 *   read: `DAY`'s hours and the `HOUR#<hh>` items (their visits add to the row's); their pace (`PACE#`)
 *   is not, so a fair running as this deploys judges that hour's pace from then on.
 * - `LEADS#<booth>`: one item per ticket, the visitor's latest answer at this booth (a later word wins,
 *   whichever order they arrive in).
 *
 * Totals are added (ADD) inside the transaction whose event puts make them exactly-once: no read
 * before the write, no version to contend on.
 */
/** DynamoDB's limit is 100 items a transaction. */
const MAX_ITEMS = 100;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const dayKey = (boothId: string, day: string) => `BOOTH#${boothId}#${day}`;
/** An hour's visits on the booth's `DAY` item: `hour09`... */
const hourField = (hour: string) => `hour${hour}`;
const HOUR_FIELD = /^hour(\d\d)$/;
/** An hour's self-counted visits on the booth's row: `pace09`... */
const paceField = (hour: string) => `pace${hour}`;
const eventKey = (boothId: string, eventId: string) => `FOOTFALL#${boothId}#${eventId}`;

function shardOf(id: string, shards: number): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % shards;
}
/** One of the day's ranking keys: the booth-days' rows of one shard. */
const rankingKey = (day: string, shard: number) => `BOOTHS#${day}#${shard}`;
/** A booth-day's row: its totals, hours and pace, and its place in the day's ranking. */
const rowKey = (boothId: string, day: string) => ({
  pk: rankingKey(day, shardOf(boothId, RANKING_SHARDS)),
  sk: boothId,
});

export interface BoothDayTotals {
  /** Visits counted: badge-verified and self-counted. */
  visits: number;
  badgeVisits: number;
  countedVisits: number;
  /** Self-counted visits beyond the booth's plausible pace: recorded apart, never counted. */
  flaggedVisits: number;
  uniqueVisitors: number;
  /** Phones that opened the booth's poster page (anonymous, unverified: never in `visits`). */
  interestVisits?: number;
  byHour: { hour: number; visits: number }[];
}

/** A booth-day's totals, from its row (or from its day item, written before rows held them). */
const totalsOf = (item: Record<string, unknown>) => ({
  visits: Number(item.visits ?? 0),
  badgeVisits: Number(item.badgeVisits ?? 0),
  countedVisits: Number(item.countedVisits ?? 0),
  flaggedVisits: Number(item.flaggedVisits ?? 0),
  uniqueVisitors: Number(item.uniqueVisitors ?? 0),
});

/** A booth-day's row as it stands (a consistent read): undefined before its first visit. */
async function readRow(client: DynamoDBDocumentClient, table: string, boothId: string, day: string) {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: rowKey(boothId, day), ConsistentRead: true }),
  );
  return Item;
}

/**
 * A booth's day as the stats page shows it: its row, and what its day's items hold (the poster's
 * interest visits; hours written before the row held them).
 */
export async function readBoothDay(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  day: string,
): Promise<BoothDayTotals> {
  const [row, items] = await Promise.all([
    readRow(client, table, boothId, day),
    queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': dayKey(boothId, day), ':from': 'DAY', ':to': 'HOUR#~' },
      ConsistentRead: true,
    }),
  ]);
  const dayItem = items.find((item) => item.sk === 'DAY');
  // The totals are the row's; a day counted before rows held them has them on its day item.
  const result: BoothDayTotals = {
    ...totalsOf(row ?? dayItem ?? {}),
    interestVisits: Number(dayItem?.interestVisits ?? 0),
    byHour: [],
  };
  const byHour = new Map<number, number>();
  const add = (hour: number, visits: unknown) => byHour.set(hour, (byHour.get(hour) ?? 0) + Number(visits ?? 0));
  for (const item of [...(row ? [row] : []), ...items]) {
    const sk = String(item.sk);
    if (sk.startsWith('HOUR#')) add(Number(sk.slice('HOUR#'.length)), item.visits);
    else
      for (const [field, visits] of Object.entries(item)) {
        const hour = HOUR_FIELD.exec(field)?.[1];
        if (hour !== undefined) add(Number(hour), visits);
      }
  }
  result.byHour = [...byHour].map(([hour, visits]) => ({ hour, visits })).sort((a, b) => a.hour - b.hour);
  return result;
}

/** The self-counted visits of the given hours (HH) of a booth-day, as they stand (its row's). */
export async function readPaceCounts(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  day: string,
  hours: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (hours.length === 0) return counts;
  const row = await readRow(client, table, boothId, day);
  for (const hour of hours) {
    const counted = row?.[paceField(hour)];
    if (counted !== undefined) counts.set(hour, Number(counted));
  }
  return counts;
}

/** The tickets seen at a booth on a day (its unique visitors). */
export async function listBoothVisitors(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  day: string,
): Promise<string[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': dayKey(boothId, day), ':prefix': 'VISITOR#' },
    ConsistentRead: true,
  });
  return items.map((item) => String(item.sk).slice('VISITOR#'.length));
}

/** The booth-days (of those given) a visitor's badge was scanned at: personal data too. */
export async function boothDaysOfTicket(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
  boothIds: readonly string[],
  days: readonly string[],
): Promise<{ boothId: string; day: string; firstAt: string }[]> {
  const keys = boothIds.flatMap((boothId) =>
    days.map((day) => ({ pk: dayKey(boothId, day), sk: `VISITOR#${ticketId}` })),
  );
  const items = await batchGetAll(client, table, keys);
  return items
    .map((item) => {
      const [, boothId = '', day = ''] = String(item.pk).split('#');
      return { boothId, day, firstAt: String(item.firstAt) };
    })
    .sort((a, b) => a.firstAt.localeCompare(b.firstAt));
}

/** What a transaction learned when it was refused: what to leave out before trying again. */
export interface VisitsRefused {
  /** Events counted before (a resend, a redelivery). */
  duplicates: string[];
  /** Tickets already seen at the booth that day: not unique visitors. */
  seenVisitors: string[];
  /** Leads whose stored answer is later than this one. */
  olderAnswers: string[];
  /** An hour's self-counted visits changed since they were read: read again. */
  paceMoved: boolean;
}

type Tag =
  | { kind: 'event'; eventId: string }
  | { kind: 'visitor'; ticketId: string }
  | { kind: 'lead'; ticketId: string }
  | { kind: 'row' };

/**
 * Counts planned visits of one booth-day in one transaction: each event's put on condition it is new,
 * each new visitor's, each answer's on condition it is the latest, and the booth-day's row (totals and
 * hours added, each paced hour on condition it is as read). Refused, it answers what to leave out (or
 * read again); nothing of it was applied.
 */
export async function applyBoothVisits(
  client: DynamoDBDocumentClient,
  table: string,
  target: {
    boothId: string;
    day: string;
    planned: PlannedVisit[];
    /** Tickets known not to be new visitors (a refusal said so). */
    seenVisitors: ReadonlySet<string>;
    /** Leads not to write (a later answer is stored). */
    olderAnswers: ReadonlySet<string>;
    pace: ReadonlyMap<string, PaceSlot>;
    eventsExpireAt: number;
  },
): Promise<'applied' | VisitsRefused> {
  const { boothId, day, planned } = target;
  const pk = dayKey(boothId, day);
  const items: TransactItem[] = [];
  const tags: Tag[] = [];
  const push = (item: TransactItem, tag: Tag) => {
    items.push(item);
    tags.push(tag);
  };
  const visitors = new Set<string>();
  for (const visit of planned) {
    push(
      {
        Put: {
          TableName: table,
          Item: {
            pk: eventKey(boothId, visit.event.eventId),
            sk: 'E',
            day,
            at: visit.event.at,
            expiresAt: target.eventsExpireAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { kind: 'event', eventId: visit.event.eventId },
    );
    if (visit.event.kind !== 'badge') continue;
    const { ticketId } = visit.event;
    if (!visitors.has(ticketId) && !target.seenVisitors.has(ticketId)) {
      visitors.add(ticketId);
      push(
        {
          Put: {
            TableName: table,
            Item: { pk, sk: `VISITOR#${ticketId}`, firstAt: visit.event.at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { kind: 'visitor', ticketId },
      );
    }
    if (visit.event.consent !== undefined && !target.olderAnswers.has(ticketId)) {
      const { consent, at, eventId, method, recordedBy, wording } = visit.event;
      const evidence = {
        consent,
        at,
        eventId,
        ...(method ? { method } : {}),
        ...(recordedBy ? { recordedBy } : {}),
        ...(wording ? { wording } : {}),
      };
      push(
        {
          Update: {
            TableName: table,
            Key: { pk: leadsKey(boothId), sk: ticketId },
            // The answer, and every answer kept as evidence; an exhibitor's rating and note stay.
            UpdateExpression:
              'SET consent = :consent, #at = :at, #day = :day, eventId = :eventId, #method = :method, recordedBy = :by, ' +
              '#history = list_append(if_not_exists(#history, :none), :evidence)',
            // The visitor's latest word wins, whatever order the answers arrive in.
            ConditionExpression: 'attribute_not_exists(pk) OR #at <= :at',
            ExpressionAttributeNames: { '#at': 'at', '#day': 'day', '#method': 'method', '#history': 'history' },
            ExpressionAttributeValues: {
              ':consent': consent,
              ':at': at,
              ':day': day,
              ':eventId': eventId,
              ':method': method ?? 'booth-answer',
              ':by': recordedBy ?? '',
              ':none': [],
              ':evidence': [evidence],
            },
          },
        },
        { kind: 'lead', ticketId },
      );
    }
  }
  const sum = (pick: (visit: PlannedVisit) => number) => planned.reduce((total, visit) => total + pick(visit), 0);
  const badgeVisits = sum((visit) => (visit.event.kind === 'badge' ? visit.visits : 0));
  const countedVisits = sum((visit) => (visit.event.kind === 'count' ? visit.visits : 0));
  const byHour = new Map<string, number>();
  for (const visit of planned)
    if (visit.visits > 0) byHour.set(visit.hour, (byHour.get(visit.hour) ?? 0) + visit.visits);
  // The row: totals and hours added, each paced hour set to what it becomes, on condition it is as read.
  const names: Record<string, string> = { '#day': 'day' };
  const values: Record<string, unknown> = {
    ':booth': boothId,
    ':day': day,
    ':visits': badgeVisits + countedVisits,
    ':badge': badgeVisits,
    ':counted': countedVisits,
    ':flagged': sum((visit) => visit.flagged),
    ':unique': visitors.size,
  };
  const sets = ['boothId = :booth', '#day = :day'];
  const adds = [
    'visits :visits',
    'badgeVisits :badge',
    'countedVisits :counted',
    'flaggedVisits :flagged',
    'uniqueVisitors :unique',
  ];
  const conditions: string[] = [];
  [...byHour].forEach(([hour, visits], i) => {
    names[`#h${i}`] = hourField(hour);
    values[`:h${i}`] = visits;
    adds.push(`#h${i} :h${i}`);
  });
  [...target.pace].forEach(([hour, slot], i) => {
    names[`#p${i}`] = paceField(hour);
    values[`:p${i}`] = slot.after;
    values[`:b${i}`] = slot.before;
    sets.push(`#p${i} = :p${i}`);
    conditions.push(slot.before === 0 ? `(attribute_not_exists(#p${i}) OR #p${i} = :b${i})` : `#p${i} = :b${i}`);
  });
  push(
    {
      Update: {
        TableName: table,
        Key: rowKey(boothId, day),
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    { kind: 'row' },
  );
  if (items.length > MAX_ITEMS) throw new Error(`a booth-day transaction of ${items.length} items: plan smaller parts`);
  try {
    await writeTransaction(client, { TransactItems: items });
    return 'applied';
  } catch (error) {
    if (isTransactionConflict(error)) return { duplicates: [], seenVisitors: [], olderAnswers: [], paceMoved: false };
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const refused: VisitsRefused = { duplicates: [], seenVisitors: [], olderAnswers: [], paceMoved: false };
    codes.forEach((code, index) => {
      if (code !== 'ConditionalCheckFailed') return;
      const tag = tags[index];
      if (tag?.kind === 'event') refused.duplicates.push(tag.eventId);
      else if (tag?.kind === 'visitor') refused.seenVisitors.push(tag.ticketId);
      else if (tag?.kind === 'lead') refused.olderAnswers.push(tag.ticketId);
      else if (tag?.kind === 'row') refused.paceMoved = true;
    });
    return refused;
  }
}

export interface RankingRow {
  boothId: string;
  visits: number;
  badgeVisits: number;
  countedVisits: number;
  flaggedVisits: number;
  uniqueVisitors: number;
}

export async function listBoothRanking(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
): Promise<RankingRow[]> {
  const shards = await Promise.all(
    Array.from({ length: RANKING_SHARDS }, (_, shard) =>
      queryAll(client, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': rankingKey(day, shard) },
      }),
    ),
  );
  return shards.flat().map((item) => ({ boothId: String(item.boothId), ...totalsOf(item) }));
}

/**
 * An anonymous interest visit from a booth's poster: counted once per phone (its random id), booth and
 * day, beside the booth's visits (never in them: nothing verifies it). Answers whether it was counted.
 */
export async function recordInterest(
  client: DynamoDBDocumentClient,
  table: string,
  visit: { boothId: string; day: string; phoneId: string; at: string; expiresAt: number },
): Promise<boolean> {
  try {
    await writeTransaction(client, {
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: {
              pk: `INTEREST#${visit.boothId}#${visit.day}`,
              sk: visit.phoneId,
              at: visit.at,
              expiresAt: visit.expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: table,
            Key: { pk: dayKey(visit.boothId, visit.day), sk: 'DAY' },
            UpdateExpression: 'ADD interestVisits :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    });
    return true;
  } catch (error) {
    if (itemFailed(cancellationCodes(error), 0)) return false;
    throw error;
  }
}
