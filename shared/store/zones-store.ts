import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Zone } from '../domain/fair';
import type { ZoneLive } from '../domain/zone-session';
import { batchGetAll } from './batch-get';
import { conditionHeld, isConditionFailure } from './conditional';

/** A zone as stored: its configuration, its live counts for one fair day and the level last judged. */
export interface ZoneRecord extends Zone, ZoneLive {
  updatedAt: string;
  /** Every writer (projector, PATCH, closing, reconciliation) conditions on it and raises it. */
  version?: number;
  /** Rules an organiser changed on the day (PATCH): a later fair file does not overwrite them. */
  editedFields?: string[];
  /** When the fair's file stopped listing it; kept for what was counted in it, not shown. */
  retiredAt?: string;
  /** An organiser's last changes on the day: when, by whom, why, each field from and to. */
  changes?: ZoneChange[];
  /** Being evacuated: nobody comes in, exits pass (set on every zone for the whole venue). */
  evacuation?: { evacuationId: string; startedAt: string };
  /** How far the occupancy projector has counted each stream shard's records into this zone. */
  projectedUpTo?: ShardWatermarks;
}

/** Per stream shard: the last sequence number counted (as the stream gives it), and when. */
export type ShardWatermarks = Record<string, { sequence: string; at: string }>;

export interface ZoneChange {
  at: string;
  by: string;
  reason?: string;
  [field: string]: unknown;
}

/** The live part of a zone, as the projector, the closing and reconciliation write it. */
export function liveOf(zone: ZoneRecord): ZoneLive {
  const {
    count,
    ticketed,
    counted,
    day,
    closedDay,
    level,
    levelVersion,
    levelCause,
    lastClose,
    peak,
    unmatchedOut,
    trend,
  } = zone;
  return {
    count,
    // Zones written before walk-ins were counted hold only ticket holders.
    ticketed: ticketed ?? count,
    counted: counted ?? 0,
    level,
    levelVersion: levelVersion ?? 0,
    ...(day ? { day } : {}),
    ...(closedDay ? { closedDay } : {}),
    ...(levelCause ? { levelCause } : {}),
    ...(lastClose ? { lastClose } : {}),
    ...(peak ? { peak } : {}),
    ...(unmatchedOut ? { unmatchedOut } : {}),
    ...(trend ? { trend } : {}),
  };
}

/** Creates a zone once; a later seed never overwrites live counts or capacities changed on the day. */
export async function createZoneIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  zone: Zone,
  now: string,
): Promise<boolean> {
  const record: ZoneRecord = {
    ...zone,
    count: 0,
    ticketed: 0,
    counted: 0,
    level: 'normal',
    updatedAt: now,
    version: 0,
    levelVersion: 0,
  };
  return conditionHeld(
    client.send(
      new PutCommand({ TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(zoneId)' }),
    ),
  );
}

/** A fair has a handful of zones: one scan reads them all. Items without a capacity are bookkeeping. */
export async function listZones(client: DynamoDBDocumentClient, table: string): Promise<ZoneRecord[]> {
  const zones: ZoneRecord[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items ?? []) if (typeof item.capacity === 'number') zones.push(item as ZoneRecord);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return zones.sort((a, b) => a.zoneId.localeCompare(b.zoneId));
}

/** The keys of zones (each once), to read with other items in one request: the gate path's read. */
export const zoneKeys = (zoneIds: readonly string[]) => [...new Set(zoneIds)].map((zoneId) => ({ zoneId }));

/** The zones among items read at `zoneKeys`, by table. */
export const zonesAmong = (table: string, items: Record<string, Record<string, unknown>[]>) =>
  (items[table] ?? []) as unknown as ZoneRecord[];

/** Several zones in one consistent read (a gate's zone and the zones around it). */
export async function getZones(
  client: DynamoDBDocumentClient,
  table: string,
  zoneIds: readonly string[],
): Promise<ZoneRecord[]> {
  return (await batchGetAll(client, table, zoneKeys(zoneIds))) as unknown as ZoneRecord[];
}

/**
 * The zones `zoneIds` names among zones this request already read, when every one of them was read
 * (the gate path reads them with the credential); undefined when any is missing: read them.
 */
export function zonesIfRead(read: readonly ZoneRecord[] | undefined, zoneIds: readonly string[]) {
  if (!read || !zoneIds.every((zoneId) => read.some((zone) => zone.zoneId === zoneId))) return undefined;
  return read.filter((zone) => zoneIds.includes(zone.zoneId));
}

export async function getZone(
  client: DynamoDBDocumentClient,
  table: string,
  zoneId: string,
): Promise<ZoneRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { zoneId }, ConsistentRead: true }));
  return Item as ZoneRecord | undefined;
}

/**
 * The update that sets a zone's live part, on condition nobody changed the zone since `expectedVersion`;
 * the projector's writes also set how far each stream shard is counted (`projectedUpTo`).
 */
export function zoneLiveUpdate(
  table: string,
  zoneId: string,
  expectedVersion: number,
  live: ZoneLive,
  at: string,
  projectedUpTo?: ShardWatermarks,
) {
  const values: Record<string, unknown> = {
    ':count': live.count,
    ':ticketed': live.ticketed,
    ':counted': live.counted,
    ':level': live.level,
    ':levelVersion': live.levelVersion,
    ':at': at,
    ':expected': expectedVersion,
    ':next': expectedVersion + 1,
  };
  const set = [
    '#count = :count',
    'ticketed = :ticketed',
    '#counted = :counted',
    '#level = :level',
    'levelVersion = :levelVersion',
    'updatedAt = :at',
    'version = :next',
  ];
  const names: Record<string, string> = { '#count': 'count', '#counted': 'counted', '#level': 'level' };
  const optional = {
    day: live.day,
    closedDay: live.closedDay,
    levelCause: live.levelCause,
    lastClose: live.lastClose,
    peak: live.peak,
    unmatchedOut: live.unmatchedOut,
    trend: live.trend,
    projectedUpTo,
  };
  for (const [field, value] of Object.entries(optional)) {
    if (value === undefined) continue;
    // Aliased: DAY, among others, is one of DynamoDB's reserved words.
    set.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  }
  return {
    TableName: table,
    Key: { zoneId },
    UpdateExpression: `SET ${set.join(', ')}`,
    ConditionExpression:
      expectedVersion === 0 ? 'attribute_not_exists(version) OR version = :expected' : 'version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Marks a zone as being evacuated, or no longer (`undefined`). The version is raised, so a writer that
 * read the zone before (a capacity changed, the projector) writes again on what it now says.
 */
export async function markEvacuation(
  client: DynamoDBDocumentClient,
  table: string,
  zoneId: string,
  evacuation: ZoneRecord['evacuation'],
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { zoneId },
      UpdateExpression: evacuation
        ? 'SET evacuation = :evacuation, version = if_not_exists(version, :zero) + :one'
        : 'REMOVE evacuation SET version = if_not_exists(version, :zero) + :one',
      ConditionExpression: 'attribute_exists(zoneId)',
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ...(evacuation ? { ':evacuation': evacuation } : {}) },
    }),
  );
}

/**
 * Sets a zone's live part (with the projector's watermarks, when given); false when the zone changed
 * meanwhile (read again and retry).
 */
export async function putZoneLive(
  client: DynamoDBDocumentClient,
  table: string,
  zone: ZoneRecord,
  live: ZoneLive,
  at: string,
  projectedUpTo?: ShardWatermarks,
): Promise<boolean> {
  return conditionHeld(
    client.send(new UpdateCommand(zoneLiveUpdate(table, zone.zoneId, zone.version ?? 0, live, at, projectedUpTo))),
  );
}

/** Writes a zone's new rules and the level judged against them, if nobody changed the zone meanwhile. */
export async function updateZoneRules(
  client: DynamoDBDocumentClient,
  table: string,
  zone: ZoneRecord,
  now: string,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: { ...zone, version: (zone.version ?? 0) + 1, updatedAt: now },
        ConditionExpression: zone.version
          ? 'version = :expected'
          : 'attribute_not_exists(version) OR version = :expected',
        ExpressionAttributeValues: { ':expected': zone.version ?? 0 },
      }),
    ),
  );
}

/**
 * Removes a zone the fair's file no longer lists: deleted when nothing was ever counted in it,
 * else kept as retired (its counts, alerts and scans stay; occupancy no longer shows it).
 */
export async function removeZone(
  client: DynamoDBDocumentClient,
  table: string,
  zoneId: string,
  at: string,
): Promise<'deleted' | 'retired'> {
  try {
    await client.send(
      new DeleteCommand({
        TableName: table,
        Key: { zoneId },
        ConditionExpression:
          '#count = :zero AND attribute_not_exists(#day) AND (attribute_not_exists(levelVersion) OR levelVersion = :zero)',
        ExpressionAttributeNames: { '#count': 'count', '#day': 'day' },
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
    return 'deleted';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { zoneId },
      UpdateExpression: 'SET retiredAt = if_not_exists(retiredAt, :at)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
  return 'retired';
}

/** The zones table bound to its table: what use cases depend on (in-memory fakes in the unit tests). */
export interface ZoneStore {
  /** `getZones`: several zones in one consistent read. */
  read(zoneIds: readonly string[]): Promise<ZoneRecord[]>;
  /** `getZone`: one zone, consistently. */
  get(zoneId: string): Promise<ZoneRecord | undefined>;
  /** `listZones`: every zone, in zone id order. */
  list(): Promise<ZoneRecord[]>;
  /** `putZoneLive`: false when the zone changed since it was read. */
  putLive(zone: ZoneRecord, live: ZoneLive, at: string): Promise<boolean>;
}

/** What a gate reads of the zones. */
export type ZoneReader = Pick<ZoneStore, 'read' | 'get'>;

export const zoneStore = (client: DynamoDBDocumentClient, table: string): ZoneStore => ({
  read: (zoneIds) => getZones(client, table, zoneIds),
  get: (zoneId) => getZone(client, table, zoneId),
  list: () => listZones(client, table),
  putLive: (zone, live, at) => putZoneLive(client, table, zone, live, at),
});
