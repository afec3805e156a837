import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { levelFor } from '../domain/levels';
import { applyProjection, type ZoneWrite } from '../store/projection-store';
import { listZones } from '../store/zones-store';

export interface Drift {
  zoneId: string;
  counted: number;
  inside: number;
  corrected: boolean;
}

async function ticketsInside(client: DynamoDBDocumentClient, table: string): Promise<Map<string, number>> {
  const inside = new Map<string, number>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: 'inside, zoneId',
        FilterExpression: 'inside = :true',
        ExpressionAttributeValues: { ':true': true },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) inside.set(String(item.zoneId), (inside.get(String(item.zoneId)) ?? 0) + 1);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return inside;
}

/**
 * Recounts who is inside each zone from the tickets' presence and compares with the projected counts.
 * Scans still on their way through the stream make a drift that heals by itself, so a drift is only
 * corrected when the previous run saw the same one; the correction goes through the projector's own
 * transactional path, with a marker of its own.
 */
export async function reconcileOccupancy(
  client: DynamoDBDocumentClient,
  tables: { zones: string; tickets: string; stats: string },
  runId: string,
  at: string,
): Promise<Drift[]> {
  const [zones, inside] = await Promise.all([listZones(client, tables.zones), ticketsInside(client, tables.tickets)]);
  const drifts: Drift[] = [];
  const writes: ZoneWrite[] = [];
  for (const zone of zones) {
    const truth = inside.get(zone.zoneId) ?? 0;
    const key = { pk: `RECONCILE#${zone.zoneId}`, sk: 'drift' };
    const { Item } = await client.send(new GetCommand({ TableName: tables.stats, Key: key, ConsistentRead: true }));
    const seenBefore = Item?.counted === zone.count && Item?.inside === truth;
    if (truth === zone.count) {
      if (Item)
        await client.send(
          new PutCommand({ TableName: tables.stats, Item: { ...key, counted: null, inside: null, at } }),
        );
      continue;
    }
    drifts.push({ zoneId: zone.zoneId, counted: zone.count, inside: truth, corrected: seenBefore });
    await client.send(
      new PutCommand({ TableName: tables.stats, Item: { ...key, counted: zone.count, inside: truth, at } }),
    );
    if (!seenBefore) continue;
    const level = levelFor(truth, zone, zone.level);
    writes.push({
      zoneId: zone.zoneId,
      expectedVersion: zone.version ?? 0,
      count: truth,
      level,
      levelVersion: (zone.levelVersion ?? 0) + (level === zone.level ? 0 : 1),
    });
  }
  if (writes.length > 0) {
    const outcome = await applyProjection(
      client,
      { zones: tables.zones, stats: tables.stats },
      { markerId: `reconcile-${runId}`, lastSequence: '', zones: writes, gates: [], at },
    );
    if (outcome !== 'applied') for (const drift of drifts) drift.corrected = false;
  }
  return drifts;
}
