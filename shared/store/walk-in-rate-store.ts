import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/**
 * Walk-ins counted through each gate, minute by minute (in the fair table, one partition per gate):
 * what a door can plausibly pass is judged against it, and the dashboard shows each gate's inflow of
 * the last minutes from it. Kept two days (TTL): the day's figures live in the gate statistics.
 */
export interface WalkInMinute {
  gateId: string;
  /** The minute, as an ISO instant truncated to the minute (UTC). */
  minute: string;
  in: number;
  out: number;
  /** People in counts left out as implausible this minute. */
  flagged?: number;
}

const RATE_TTL_SECONDS = 2 * 86_400;
const pk = (gateId: string) => `WALKINS#${gateId}`;

/** The minute an instant falls in, as the key of its item. */
export function minuteOf(at: Date): string {
  return `${at.toISOString().slice(0, 16)}:00Z`;
}

/**
 * Adds a count to its gate's minute on condition that neither direction passes `limit` people: sent
 * in the same transaction as the count's log record, so a resent count adds nothing twice.
 */
export function walkInMinuteUpdate(
  table: string,
  gateId: string,
  minute: string,
  counted: { in: number; out: number },
  limit: number,
) {
  return {
    TableName: table,
    Key: { pk: pk(gateId), sk: minute },
    UpdateExpression: 'SET gateId = :gate, expiresAt = if_not_exists(expiresAt, :expires) ADD #in :in, #out :out',
    // A direction this count does not add to cannot go over by it.
    ConditionExpression:
      '(attribute_not_exists(#in) OR #in <= :inLeft) AND (attribute_not_exists(#out) OR #out <= :outLeft)',
    ExpressionAttributeNames: { '#in': 'in', '#out': 'out' },
    ExpressionAttributeValues: {
      ':gate': gateId,
      ':in': counted.in,
      ':out': counted.out,
      ':inLeft': counted.in === 0 ? Number.MAX_SAFE_INTEGER : limit - counted.in,
      ':outLeft': counted.out === 0 ? Number.MAX_SAFE_INTEGER : limit - counted.out,
      ':expires': Math.floor(Date.parse(minute) / 1000) + RATE_TTL_SECONDS,
    },
  };
}

/**
 * Notes people left out as implausible in a gate's minute (what the dashboard shows beside the inflow).
 * Called once per flagged count, after its log record was written for the first time.
 */
export async function noteFlaggedWalkIns(
  client: DynamoDBDocumentClient,
  table: string,
  gateId: string,
  minute: string,
  people: number,
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: pk(gateId), sk: minute },
      UpdateExpression: 'SET gateId = :gate, expiresAt = if_not_exists(expiresAt, :expires) ADD flagged :people',
      ExpressionAttributeValues: {
        ':gate': gateId,
        ':people': people,
        ':expires': Math.floor(Date.parse(minute) / 1000) + RATE_TTL_SECONDS,
      },
    }),
  );
}

/** Each gate's minutes from `since` on (the dashboard's inflow). */
export async function listWalkInMinutes(
  client: DynamoDBDocumentClient,
  table: string,
  gateIds: readonly string[],
  since: string,
): Promise<WalkInMinute[]> {
  const perGate = await Promise.all(
    gateIds.map((gateId) =>
      queryAll(client, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: { ':pk': pk(gateId), ':since': since },
      }),
    ),
  );
  return perGate.flat().map((item) => ({
    gateId: String(item.gateId),
    minute: String(item.sk),
    in: Number(item.in ?? 0),
    out: Number(item.out ?? 0),
    ...(item.flagged ? { flagged: Number(item.flagged) } : {}),
  }));
}
