import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/**
 * Short codes that named no ticket, per credential and window (fair table, `GUESSES#<window>`, one
 * item per credential): read before a lookup, added to after a miss, listed by the escalation run.
 */
export interface GuessRun {
  credentialId: string;
  label: string;
  misses: number;
  window: string;
}

const partition = (window: string) => `GUESSES#${window}`;

export async function missesIn(
  client: DynamoDBDocumentClient,
  table: string,
  window: string,
  credentialId: string,
): Promise<number> {
  const { Item } = await client.send(
    new GetCommand({
      TableName: table,
      Key: { pk: partition(window), sk: credentialId },
      ProjectionExpression: 'misses',
    }),
  );
  return Number(Item?.misses ?? 0);
}

export async function recordMiss(
  client: DynamoDBDocumentClient,
  table: string,
  window: string,
  who: { credentialId: string; label: string },
  expiresAt: number,
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: partition(window), sk: who.credentialId },
      UpdateExpression: 'ADD misses :one SET label = :label, expiresAt = :expires',
      ExpressionAttributeValues: { ':one': 1, ':label': who.label, ':expires': expiresAt },
    }),
  );
}

/** The credentials with at least `atLeast` misses in a window. */
export async function runsOfMisses(
  client: DynamoDBDocumentClient,
  table: string,
  window: string,
  atLeast: number,
): Promise<GuessRun[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'misses >= :least',
    ExpressionAttributeValues: { ':pk': partition(window), ':least': atLeast },
  });
  return items.map((item) => ({
    credentialId: String(item.sk),
    label: String(item.label ?? ''),
    misses: Number(item.misses),
    window,
  }));
}
