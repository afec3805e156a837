import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BroadcastAudience, IncidentKind } from '../domain/incidents';
import { partitionItems, queryAll } from './query-all';

/**
 * The incident log, in the fair table: one item per incident under `INCIDENT#<day>`, ordered by time;
 * each page's read receipt of a broadcast under `RECEIPT#<incidentId>`. Minimal data: a kind, a zone, a
 * short text (no health details beyond the kind), who recorded it.
 */

export interface IncidentRecord {
  incidentId: string;
  kind: IncidentKind;
  zoneId?: string;
  text: string;
  at: string;
  day: string;
  by: string;
  broadcast?: BroadcastAudience;
}

export interface ReadReceipt {
  incidentId: string;
  credentialId: string;
  label: string;
  deviceId: string;
  readAt: string;
}

export async function putIncident(
  client: DynamoDBDocumentClient,
  table: string,
  incident: IncidentRecord,
): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: { pk: `INCIDENT#${incident.day}`, sk: `${incident.at}#${incident.incidentId}`, ...incident },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function listIncidents(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
): Promise<IncidentRecord[]> {
  return partitionItems<IncidentRecord>(client, table, `INCIDENT#${day}`, true);
}

/** A page read a broadcast: kept once per credential and device (a second read changes nothing). */
export async function putReceipt(client: DynamoDBDocumentClient, table: string, receipt: ReadReceipt): Promise<void> {
  await client
    .send(
      new PutCommand({
        TableName: table,
        Item: { pk: `RECEIPT#${receipt.incidentId}`, sk: `${receipt.credentialId}#${receipt.deviceId}`, ...receipt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error) => {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
}

export async function listReceipts(
  client: DynamoDBDocumentClient,
  table: string,
  incidentId: string,
): Promise<ReadReceipt[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `RECEIPT#${incidentId}` },
  });
  return items.map(({ pk: _pk, sk: _sk, ...receipt }) => receipt as unknown as ReadReceipt);
}
