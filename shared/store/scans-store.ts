import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GateVerdict } from '../domain/gate-verdicts';
import type { Direction, Presence } from '../domain/scan-rules';
import type { Category } from '../domain/ticket-token';
import { cancellationCodes, isConditionFailure, isTransactionConflict } from './conditional';

/**
 * The append-only scan log, keyed by the device's scan id (which makes every write idempotent). Its
 * stream feeds the occupancy projector: `deltas` says which zone counts this scan changes.
 */
export interface ScanRecord {
  scanId: string;
  ticketId?: string;
  category?: Category;
  gateId: string;
  zoneId: string;
  direction: Direction;
  deviceId: string;
  scannedAt: string;
  receivedAt: string;
  day: string;
  verdict: GateVerdict;
  deltas: Record<string, number>;
  offline: boolean;
  conflict?: boolean;
  /** Set only on conflicts: a sparse index lists them for organisers. */
  conflictKey?: 'CONFLICT';
}

export const CONFLICT_INDEX = 'byConflict';

export type RecordOutcome = { kind: 'recorded' } | { kind: 'replay'; existing: ScanRecord } | { kind: 'stale' };

export async function getScan(
  client: DynamoDBDocumentClient,
  table: string,
  scanId: string,
): Promise<ScanRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { scanId }, ConsistentRead: true }));
  return Item as ScanRecord | undefined;
}

async function replay(client: DynamoDBDocumentClient, table: string, scanId: string): Promise<RecordOutcome> {
  const existing = await getScan(client, table, scanId);
  if (!existing) throw new Error(`scan ${scanId} reported as existing but cannot be read`);
  return { kind: 'replay', existing };
}

/**
 * Records a scan; with `change`, moves the ticket in the same transaction, on condition that nobody
 * moved it since it was read (`version`). `stale` means someone did: read again and judge again.
 */
export async function recordScan(
  client: DynamoDBDocumentClient,
  tables: { scans: string; tickets: string },
  record: ScanRecord,
  change?: { ticketId: string; expectedVersion: number; next: Presence },
): Promise<RecordOutcome> {
  const putScan = { TableName: tables.scans, Item: record, ConditionExpression: 'attribute_not_exists(scanId)' };
  if (!change) {
    try {
      await client.send(new PutCommand(putScan));
      return { kind: 'recorded' };
    } catch (error) {
      if (isConditionFailure(error)) return replay(client, tables.scans, record.scanId);
      throw error;
    }
  }
  const { next } = change;
  const names = { '#zone': 'zoneId' };
  const values: Record<string, unknown> = {
    ':inside': next.inside,
    ':entries': next.entries,
    ':device': next.lastDeviceId ?? record.deviceId,
    ':expected': change.expectedVersion,
    ':one': 1,
  };
  let update = 'SET inside = :inside, entries = :entries, lastDeviceId = :device, version = version + :one';
  if (next.zoneId) {
    update += ', #zone = :zone';
    values[':zone'] = next.zoneId;
  } else {
    update += ' REMOVE #zone';
  }
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tables.tickets,
              Key: { ticketId: change.ticketId },
              UpdateExpression: update,
              ConditionExpression: 'version = :expected',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          { Put: putScan },
        ],
      }),
    );
    return { kind: 'recorded' };
  } catch (error) {
    if (isTransactionConflict(error)) return { kind: 'stale' };
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (codes[1] === 'ConditionalCheckFailed') return replay(client, tables.scans, record.scanId);
    if (codes[0] === 'ConditionalCheckFailed') return { kind: 'stale' };
    throw error;
  }
}

export async function listConflicts(client: DynamoDBDocumentClient, table: string, limit = 200): Promise<ScanRecord[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: CONFLICT_INDEX,
      KeyConditionExpression: 'conflictKey = :conflict',
      ExpressionAttributeValues: { ':conflict': 'CONFLICT' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items as ScanRecord[];
}
