import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Zone } from '../domain/fair';

/** A zone as stored: its configuration, its live count and the level last judged. */
export interface ZoneRecord extends Zone {
  count: number;
  level: 'normal' | 'warning' | 'critical' | 'full';
  updatedAt: string;
}

/** Creates a zone once; a later seed never overwrites live counts or capacities changed on the day. */
export async function createZoneIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  zone: Zone,
  now: string,
): Promise<boolean> {
  const record: ZoneRecord = { ...zone, count: 0, level: 'normal', updatedAt: now };
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
