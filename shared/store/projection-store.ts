import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Level } from '../domain/levels';
import { cancellationCodes, isTransactionConflict } from './conditional';

/**
 * Applies a batch's coalesced changes (zone counts and levels, gate statistics) together with a
 * marker for the batch in one transaction: either all of a batch counts, once, or none of it does.
 * The marker is keyed by the first stream record of what it covers and holds the last sequence number
 * covered, so a redelivery starting at that record finds it and skips what was applied.
 */
export interface ZoneWrite {
  zoneId: string;
  expectedVersion: number;
  count: number;
  level: Level;
  levelVersion: number;
}

export interface GateStatDelta {
  day: string;
  gateId: string;
  hour: string;
  entries: number;
  exits: number;
  refused: number;
}

export type ApplyOutcome = 'applied' | 'already-applied' | 'stale';

/** Stream sequence numbers are decimal strings of varying length: pad them to compare as strings. */
export function sortableSequence(sequence: string): string {
  return sequence.padStart(48, '0');
}

const MARKER_TTL_SECONDS = 3 * 86_400; // the stream keeps records 24 h; a marker outlives any redelivery

export async function getMarker(
  client: DynamoDBDocumentClient,
  statsTable: string,
  firstEventId: string,
): Promise<string | undefined> {
  const { Item } = await client.send(
    new GetCommand({
      TableName: statsTable,
      Key: { pk: `MARKER#${firstEventId}`, sk: 'projection' },
      ConsistentRead: true,
    }),
  );
  return Item?.lastSequence as string | undefined;
}

export async function applyProjection(
  client: DynamoDBDocumentClient,
  tables: { zones: string; stats: string },
  batch: { markerId: string; lastSequence: string; zones: ZoneWrite[]; gates: GateStatDelta[]; at: string },
): Promise<ApplyOutcome> {
  const zoneItems = batch.zones.map((zone) => ({
    Update: {
      TableName: tables.zones,
      Key: { zoneId: zone.zoneId },
      UpdateExpression:
        'SET #count = :count, #level = :level, levelVersion = :levelVersion, updatedAt = :at, version = :next',
      ConditionExpression:
        zone.expectedVersion === 0 ? 'attribute_not_exists(version) OR version = :expected' : 'version = :expected',
      ExpressionAttributeNames: { '#count': 'count', '#level': 'level' },
      ExpressionAttributeValues: {
        ':count': zone.count,
        ':level': zone.level,
        ':levelVersion': zone.levelVersion,
        ':at': batch.at,
        ':expected': zone.expectedVersion,
        ':next': zone.expectedVersion + 1,
      },
    },
  }));
  const gateItems = batch.gates.map((gate) => ({
    Update: {
      TableName: tables.stats,
      Key: { pk: `GATE#${gate.day}`, sk: `${gate.gateId}#${gate.hour}` },
      UpdateExpression: 'SET gateId = :gate, #hour = :hour ADD entries :entries, exits :exits, refused :refused',
      ExpressionAttributeNames: { '#hour': 'hour' },
      ExpressionAttributeValues: {
        ':gate': gate.gateId,
        ':hour': gate.hour,
        ':entries': gate.entries,
        ':exits': gate.exits,
        ':refused': gate.refused,
      },
    },
  }));
  const marker = {
    Put: {
      TableName: tables.stats,
      Item: {
        pk: `MARKER#${batch.markerId}`,
        sk: 'projection',
        lastSequence: batch.lastSequence,
        expiresAt: Math.floor(Date.parse(batch.at) / 1000) + MARKER_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  try {
    await client.send(new TransactWriteCommand({ TransactItems: [...zoneItems, ...gateItems, marker] }));
    return 'applied';
  } catch (error) {
    if (isTransactionConflict(error)) return 'stale';
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (codes.at(-1) === 'ConditionalCheckFailed') return 'already-applied';
    if (codes.includes('ConditionalCheckFailed')) return 'stale';
    throw error;
  }
}
