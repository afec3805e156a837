import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AlertFacts } from '../domain/alert-text';
import { conditionHeld, isConditionFailure } from './conditional';
import { ALERT_FEED_INDEX } from './index-names';
import { queryAll } from './query-all';

/**
 * One item per change of a zone's level, keyed `<zoneId>.<levelVersion>`: a redelivered stream
 * record writes the same key and its conditional put fails, so no alert is ever raised twice. The
 * feed index (one partition: a fair has dozens of alerts a day, not thousands) orders them by time.
 */

/** An alert as stored: what it says (`AlertFacts`), its zone, its place in the feed, and what became of it. */
export interface AlertRecord extends AlertFacts {
  zoneId: string;
  feed: 'ALERTS';
  feedKey: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /** When the alert (or its latest escalation) went to SNS and the webhooks. */
  deliveredAt?: string;
}

/** The id of the event that says `day` was closed: one per day, like a level change is one per zone. */
export const dayClosedAlertId = (day: string) => `closed-${day}.0`;

export async function putAlertIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  alert: AlertRecord,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({ TableName: table, Item: alert, ConditionExpression: 'attribute_not_exists(alertId)' }),
    ),
  );
}

export async function getAlert(
  client: DynamoDBDocumentClient,
  table: string,
  alertId: string,
): Promise<AlertRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { alertId }, ConsistentRead: true }));
  return Item as AlertRecord | undefined;
}

/** Alerts raised once by their id, bound to the alerts table: what raising a notice depends on. */
export interface AlertLog {
  /** `putAlertIfAbsent`: true when this call stored it. */
  putIfAbsent(alert: AlertRecord): Promise<boolean>;
  get(alertId: string): Promise<AlertRecord | undefined>;
}

export const alertLog = (client: DynamoDBDocumentClient, table: string): AlertLog => ({
  putIfAbsent: (alert) => putAlertIfAbsent(client, table, alert),
  get: (alertId) => getAlert(client, table, alertId),
});

export async function markDelivered(
  client: DynamoDBDocumentClient,
  table: string,
  alertId: string,
  escalation: number,
  at: string,
): Promise<void> {
  await client
    .send(
      new UpdateCommand({
        TableName: table,
        Key: { alertId },
        UpdateExpression: 'SET deliveredAt = :at',
        ConditionExpression: 'escalation = :escalation',
        ExpressionAttributeValues: { ':at': at, ':escalation': escalation },
      }),
    )
    .catch((error) => {
      if (!isConditionFailure(error)) throw error; // escalated meanwhile: that escalation delivers itself
    });
}

export async function acknowledgeAlert(
  client: DynamoDBDocumentClient,
  table: string,
  alertId: string,
  by: string,
  at: string,
): Promise<AlertRecord | undefined> {
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { alertId },
        UpdateExpression:
          'SET acknowledgedAt = if_not_exists(acknowledgedAt, :at), acknowledgedBy = if_not_exists(acknowledgedBy, :by)',
        ConditionExpression: 'attribute_exists(alertId)',
        ExpressionAttributeValues: { ':at': at, ':by': by },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as AlertRecord;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Raises an unacknowledged alert again: a new escalation number and a new place in the feed. */
export async function escalateAlert(
  client: DynamoDBDocumentClient,
  table: string,
  alert: AlertRecord,
  at: string,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { alertId: alert.alertId },
        UpdateExpression: 'SET escalation = :next, feedKey = :feedKey, raisedAt = :at REMOVE deliveredAt',
        ConditionExpression: 'escalation = :current AND attribute_not_exists(acknowledgedAt)',
        ExpressionAttributeValues: {
          ':next': alert.escalation + 1,
          ':current': alert.escalation,
          ':feedKey': `${at}#${alert.alertId}`,
          ':at': at,
        },
      }),
    ),
  );
}

export async function listAlerts(
  client: DynamoDBDocumentClient,
  table: string,
  from: string | undefined,
  limit = 200,
): Promise<AlertRecord[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: ALERT_FEED_INDEX,
      KeyConditionExpression: from ? 'feed = :feed AND feedKey > :from' : 'feed = :feed',
      ExpressionAttributeValues: { ':feed': 'ALERTS', ...(from ? { ':from': from } : {}) },
      Limit: limit,
    }),
  );
  return Items as AlertRecord[];
}

/** The alerts raised (or last escalated) between two instants, in order. */
export async function listAlertsBetween(
  client: DynamoDBDocumentClient,
  table: string,
  from: string,
  to: string,
): Promise<AlertRecord[]> {
  return (await queryAll(client, {
    TableName: table,
    IndexName: ALERT_FEED_INDEX,
    KeyConditionExpression: 'feed = :feed AND feedKey BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':feed': 'ALERTS', ':from': from, ':to': `${to}~` },
  })) as unknown as AlertRecord[];
}

/** Alerts not acknowledged whose zone is still at their level: candidates for escalation. */
export async function listOpenAlerts(client: DynamoDBDocumentClient, table: string): Promise<AlertRecord[]> {
  return (await queryAll(client, {
    TableName: table,
    IndexName: ALERT_FEED_INDEX,
    KeyConditionExpression: 'feed = :feed',
    FilterExpression: 'attribute_not_exists(acknowledgedAt)',
    ExpressionAttributeValues: { ':feed': 'ALERTS' },
  })) as unknown as AlertRecord[];
}
