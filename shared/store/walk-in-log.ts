import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { appendCount, appendLog, type CountRecord, getLogRecord, type RecordOutcome } from './scans-store';
import { noteFlaggedWalkIns, walkInMinuteUpdate } from './walk-in-rate-store';

/**
 * Walk-in counts as a gate's steward sends them, bound to their tables: the scan log they are appended
 * to and the fair table's minutes they are judged against. A use case depends on this, not on keys.
 */
export interface WalkInLog {
  /** A count with its gate's minute, in one transaction: `implausible` past `limit` in that minute. */
  appendCount(
    record: CountRecord,
    minute: { gateId: string; minute: string; limit: number },
  ): Promise<RecordOutcome<CountRecord> | { kind: 'implausible' }>;
  /** A record that moves no minute (a flagged count, a retraction); a used id answers with the first. */
  append(record: CountRecord): Promise<RecordOutcome<CountRecord>>;
  get(scanId: string): Promise<CountRecord | undefined>;
  /** People left out as implausible in a gate's minute. */
  noteFlagged(gateId: string, minute: string, people: number): Promise<void>;
}

export const walkInLog = (client: DynamoDBDocumentClient, tables: { scans: string; fair: string }): WalkInLog => ({
  appendCount: (record, { gateId, minute, limit }) =>
    appendCount(client, tables.scans, record, walkInMinuteUpdate(tables.fair, gateId, minute, record, limit)),
  append: (record) => appendLog(client, tables.scans, record),
  get: (scanId) => getLogRecord<CountRecord>(client, tables.scans, scanId),
  noteFlagged: (gateId, minute, people) => noteFlaggedWalkIns(client, tables.fair, gateId, minute, people),
});
