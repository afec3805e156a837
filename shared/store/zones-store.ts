import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Zone } from '../domain/fair';
import type { Level } from '../domain/levels';

/** A zone as stored: its configuration, its live count and the level last judged. */
export interface ZoneRecord extends Zone {
  count: number;
  level: Level;
  updatedAt: string;
  /** Every writer (projector, PATCH, reconciliation) conditions on it and raises it. */
  version?: number;
  /** Raised at each change of level: an alert's id is the zone and this number. */
  levelVersion?: number;
}

/** Creates a zone once; a later seed never overwrites live counts or capacities changed on the day. */
export async function createZoneIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  zone: Zone,
  now: string,
): Promise<boolean> {
  const record: ZoneRecord = { ...zone, count: 0, level: 'normal', updatedAt: now, version: 0, levelVersion: 0 };
  try {
    await client.send(
      new PutCommand({ TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(zoneId)' }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
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

export async function getZone(
  client: DynamoDBDocumentClient,
  table: string,
  zoneId: string,
): Promise<ZoneRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { zoneId }, ConsistentRead: true }));
  return Item as ZoneRecord | undefined;
}

/** Writes a zone's new rules and the level judged against them, if nobody changed the zone meanwhile. */
export async function updateZoneRules(
  client: DynamoDBDocumentClient,
  table: string,
  zone: ZoneRecord,
  now: string,
): Promise<boolean> {
  try {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: { ...zone, version: (zone.version ?? 0) + 1, updatedAt: now },
        ConditionExpression: zone.version
          ? 'version = :expected'
          : 'attribute_not_exists(version) OR version = :expected',
        ExpressionAttributeValues: { ':expected': zone.version ?? 0 },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
