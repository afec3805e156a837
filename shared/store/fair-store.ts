import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CategoryAccess, categoryAccessOf } from '../domain/access-rules';
import type { Booth, Fair, Gate } from '../domain/fair';
import { type DayHours, dayHoursOf } from '../domain/opening-hours';
import { CATEGORIES } from '../domain/ticket-token';
import { deleteAll, putAll } from './batch-write';
import { conditionHeld, isConditionFailure } from './conditional';
import { queryAll } from './query-all';

/**
 * The fair's static description: one item for the fair itself, one per gate and booth, grouped by kind
 * under `pk` so each kind is one query. Zones and workshops live in tables of their own, where their
 * counts change.
 */
type Kind = 'FAIR' | 'GATE' | 'BOOTH' | 'DAY';

export interface FairMeta {
  fairId: string;
  name: string;
  localNames: Fair['localNames'];
  timezone: string;
  /** The offsets the fair's file pins (each day's); absent when the zone database decides. */
  utcOffsets?: Record<string, string>;
  days: string[];
  alertLanguage: Fair['alertLanguage'];
  /** The languages badges print in (absent on fairs loaded before it: Arabic and French). */
  badgeLanguages?: Fair['badgeLanguages'];
  /** The venue Wi-Fi's name, printed on the phones' sign-in cards. */
  venueWifiName?: string;
  categories: Fair['categories'];
  /** The provinces exhibitors come from, named (absent on fairs loaded before they were listed). */
  provinces?: Fair['provinces'];
  /** Each day's opening hours, as wall-clock times and as instants. */
  hours: DayHours[];
  closingGraceMinutes: number;
  /** Self-counted visits a booth may add in a minute (absent on fairs loaded before it existed). */
  boothVisitsPerMinute?: number;
  /** A gate or door page silent this long during opening hours raises an alert. */
  deviceSilentMinutes?: number;
  /** Each ticket category's gates, hours and once-a-day rule (a fair loaded before rules: the default's). */
  access: CategoryAccess[];
}

/** What the functions read of a fair (its META item), from its file. */
export function fairMetaOf(fair: Fair): FairMeta {
  const hours = dayHoursOf(fair);
  return {
    fairId: fair.fairId,
    name: fair.name,
    localNames: fair.localNames,
    timezone: fair.timezone,
    ...(fair.utcOffsets ? { utcOffsets: fair.utcOffsets } : {}),
    days: fair.days,
    alertLanguage: fair.alertLanguage,
    badgeLanguages: fair.badgeLanguages,
    ...(fair.venueWifiName ? { venueWifiName: fair.venueWifiName } : {}),
    categories: fair.categories,
    provinces: fair.provinces,
    hours,
    closingGraceMinutes: fair.closingGraceMinutes,
    boothVisitsPerMinute: fair.boothVisitsPerMinute,
    deviceSilentMinutes: fair.deviceSilentMinutes,
    access: categoryAccessOf(fair, hours, CATEGORIES, fair.access),
  };
}

function itemsOf(fair: Fair): Record<string, unknown>[] {
  return [
    { pk: 'FAIR', sk: 'META', ...fairMetaOf(fair) },
    // Apart from META, which most functions read every minute: only reports need it.
    { pk: 'FAIR', sk: 'LOGO', ...(fair.logo ? { logo: fair.logo } : {}) },
    ...fair.gates.map((gate) => ({ pk: 'GATE', sk: gate.gateId, ...gate })),
    ...fair.booths.map((booth) => ({ pk: 'BOOTH', sk: booth.boothId, ...booth })),
  ];
}

/**
 * Writes the static description as the fair's file now says it: the fair, its gates and booths, and
 * removes the gates and booths the file no longer has (what was recorded at them stays in the scan
 * log and the statistics). Answers the ids removed. Re-running it with the same fair changes nothing.
 */
export async function replaceFairDescription(
  client: DynamoDBDocumentClient,
  table: string,
  fair: Fair,
): Promise<{ gates: string[]; booths: string[] }> {
  const [gates, booths] = await Promise.all([listGates(client, table), listBooths(client, table)]);
  await putAll(client, table, itemsOf(fair));
  const keptGates = new Set(fair.gates.map((gate) => gate.gateId));
  const keptBooths = new Set(fair.booths.map((booth) => booth.boothId));
  const removed = {
    gates: gates.map((gate) => gate.gateId).filter((id) => !keptGates.has(id)),
    booths: booths.map((booth) => booth.boothId).filter((id) => !keptBooths.has(id)),
  };
  await deleteAll(client, table, [
    ...removed.gates.map((sk) => ({ pk: 'GATE', sk })),
    ...removed.booths.map((sk) => ({ pk: 'BOOTH', sk })),
  ]);
  return removed;
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

async function queryKind<T>(client: DynamoDBDocumentClient, table: string, kind: Kind): Promise<T[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :kind',
    ExpressionAttributeValues: { ':kind': kind },
  });
  return items.map((item) => strip<T>(item));
}

export async function getFairMeta(client: DynamoDBDocumentClient, table: string): Promise<FairMeta | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: 'FAIR', sk: 'META' } }));
  if (!Item) return undefined;
  const meta = strip<Omit<FairMeta, 'access'> & { access?: CategoryAccess[] }>(Item);
  // A fair loaded before access rules existed has none stored: every category at the fair's hours.
  return { ...meta, access: meta.access ?? categoryAccessOf(meta, meta.hours, CATEGORIES, undefined) };
}

/** The fair's logo as its file gives it (a data URL), if it gives one. */
export async function getFairLogo(client: DynamoDBDocumentClient, table: string): Promise<string | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: 'FAIR', sk: 'LOGO' } }));
  return typeof Item?.logo === 'string' ? Item.logo : undefined;
}

export async function getGate(
  client: DynamoDBDocumentClient,
  table: string,
  gateId: string,
): Promise<Gate | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: 'GATE', sk: gateId } }));
  return Item ? strip<Gate>(Item) : undefined;
}

export async function getBooth(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
): Promise<Booth | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: 'BOOTH', sk: boothId } }));
  return Item ? strip<Booth>(Item) : undefined;
}

export const listGates = (client: DynamoDBDocumentClient, table: string) => queryKind<Gate>(client, table, 'GATE');
export const listBooths = (client: DynamoDBDocumentClient, table: string) => queryKind<Booth>(client, table, 'BOOTH');

/**
 * A fair day's closing: when it began and who began it, what the zones swept out (known at once), the
 * sweep jobs still to do (`<presenceDay>#<shard>` of the inside index), the tickets let out so far, and
 * once every job is done, when it completed.
 */
export interface DayClosingRecord {
  day: string;
  closedAt: string;
  by: 'organiser' | 'schedule';
  completedAt?: string;
  sweptOut?: Record<string, number>;
  ticketsSwept?: number;
  /** Tickets counted inside when the closing began: about what its sweep lets out (a scan racing it may change it by one). */
  ticketsInside?: number;
  /** Each zone's most people at once that day, and when. */
  peaks?: Record<string, { count: number; at: string }>;
  /** Each zone's walk-in exits that found nobody counted to let out. */
  unmatchedOut?: Record<string, number>;
  /** Sweep jobs not done yet; absent once every one is. */
  pendingShards?: string[];
}

export async function getDayClosing(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
): Promise<DayClosingRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: { pk: 'DAY', sk: day }, ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pendingShards, ...rest } = strip<DayClosingRecord & { pendingShards?: Set<string> }>(Item);
  return { ...rest, ...(pendingShards ? { pendingShards: [...pendingShards] } : {}) };
}

/**
 * Starts a day's closing once: a second start (a retry, the schedule and an organiser at once) finds
 * the first and answers it.
 */
export async function startDayClosing(
  client: DynamoDBDocumentClient,
  table: string,
  closing: DayClosingRecord,
): Promise<DayClosingRecord> {
  const { pendingShards, ...rest } = closing;
  try {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: 'DAY',
          sk: closing.day,
          ...rest,
          ticketsSwept: 0,
          ...(pendingShards?.length ? { pendingShards: new Set(pendingShards) } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return closing;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await getDayClosing(client, table, closing.day)) ?? closing;
  }
}

/**
 * Marks one sweep job done with what it let out, once (a job run twice counts once). Answers how many
 * jobs are left, or undefined when this job was marked before.
 */
export async function markShardSwept(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
  shard: string,
  swept: number,
): Promise<number | undefined> {
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'DAY', sk: day },
        UpdateExpression: 'DELETE pendingShards :shard ADD ticketsSwept :swept',
        ConditionExpression: 'contains(pendingShards, :one)',
        ExpressionAttributeValues: { ':shard': new Set([shard]), ':one': shard, ':swept': swept },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return (Attributes?.pendingShards as Set<string> | undefined)?.size ?? 0;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return undefined;
  }
}

/** Marks the closing complete, once (a second finisher's figures change nothing). */
export async function finishDayClosing(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
  completedAt: string,
): Promise<void> {
  await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'DAY', sk: day },
        UpdateExpression: 'SET completedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(completedAt)',
        ExpressionAttributeValues: { ':at': completedAt },
      }),
    ),
  );
}

/** The fair table's day closings, bound to the table: what closing a day depends on. */
export interface DayClosings {
  get(day: string): Promise<DayClosingRecord | undefined>;
  /** `startDayClosing`: the first start, or the one found. */
  start(closing: DayClosingRecord): Promise<DayClosingRecord>;
  /** `markShardSwept`: jobs left, or undefined when this one was marked before. */
  markShardSwept(day: string, shard: string, swept: number): Promise<number | undefined>;
  finish(day: string, completedAt: string): Promise<void>;
}

export const dayClosings = (client: DynamoDBDocumentClient, table: string): DayClosings => ({
  get: (day) => getDayClosing(client, table, day),
  start: (closing) => startDayClosing(client, table, closing),
  markShardSwept: (day, shard, swept) => markShardSwept(client, table, day, shard, swept),
  finish: (day, completedAt) => finishDayClosing(client, table, day, completedAt),
});

export async function listDayClosings(client: DynamoDBDocumentClient, table: string): Promise<DayClosingRecord[]> {
  return queryKind<DayClosingRecord>(client, table, 'DAY');
}
