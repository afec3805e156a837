import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { GateVerdict, VerdictReason } from '../domain/gate-verdicts';
import type { Level } from '../domain/levels';
import type { Direction, Presence } from '../domain/scan-rules';
import type { Category } from '../domain/ticket-token';
import type { AdmissionVerdict, ExitVerdict } from '../domain/workshop-rules';
import {
  cancellationCodes,
  cancellationItems,
  conditionHeld,
  isConditionFailure,
  itemFailed,
  retryingConflicts,
  writeTransaction,
} from './conditional';
import { isTransactionConflict } from './contention';
import { CONFLICT_INDEX } from './index-names';
import {
  hasSeen,
  type PresenceExpectation,
  presenceUpdate,
  type ScanMark,
  seenMark,
  type TicketRecord,
} from './tickets-store';
import type { walkInMinuteUpdate } from './walk-in-rate-store';

/**
 * The append-only scan log: every ticket scanned at a gate, every group of walk-ins counted there, every
 * ticket let in or out at a workshop door. Each record is keyed by the id its device gave it, which
 * makes every write idempotent; its stream feeds the occupancy projector, and `deltas` says which zone
 * counts the record changes. The shapes the stream carries are in events/scan-record.ts.
 */
interface LogBase {
  scanId: string;
  gateId: string;
  zoneId: string;
  receivedAt: string;
  day: string;
  deltas: Record<string, number>;
  /** TTL (epoch seconds): 90 days after the fair (shared/domain/retention.ts). */
  expiresAt?: number;
}

export interface ScanRecord extends LogBase {
  kind?: 'scan';
  ticketId?: string;
  category?: Category;
  direction: Direction;
  deviceId: string;
  scannedAt: string;
  verdict: GateVerdict;
  reason?: VerdictReason;
  offline: boolean;
  /** What the device told the holder when it judged offline (a conflict compares it with the verdict). */
  offlineVerdict?: GateVerdict;
  /** The device's time was not used to judge the scan (too far from the server's): judged at receipt. */
  clockAdjusted?: boolean;
  conflict?: boolean;
  /** A supervisor admitted despite a refusal: why, what it overrode, who. */
  override?: { reason: string; refused: GateVerdict; by: string; credentialId: string };
  /**
   * Set only on scans organisers must look at, and which: two offline devices disagreed (`CONFLICT`),
   * or a supervisor overrode a refusal (`OVERRIDE`). A sparse index lists each kind by time.
   */
  conflictKey?: ReviewKind;
}

/** The kinds of scans the sparse review index (`byConflict`) lists for organisers. */
export type ReviewKind = 'CONFLICT' | 'OVERRIDE';

/** What a count's device was told: the zone behind the gate, with this count in it. */
export interface CountAnswer {
  zoneId: string;
  count: number;
  capacity: number;
  level: Level;
  full: boolean;
}

export interface CountRecord extends LogBase {
  kind: 'count' | 'uncount';
  countId: string;
  fromZoneId: string;
  deviceId: string;
  countedAt: string;
  in: number;
  out: number;
  offline: boolean;
  answer: CountAnswer;
  /**
   * More people than the gate can pass in a minute (a misused credential, a stuck clicker): kept in the
   * log with no deltas, so it moves no count, and raised to organisers.
   */
  flagged?: true;
}

export interface DoorRecord extends LogBase {
  kind: 'door';
  workshopId: string;
  ticketId: string;
  direction: Direction;
  scannedAt: string;
  /**
   * What the host was told: a resend of the door scan is answered from this record, the door's only
   * record of a movement (records written before it existed have a SCAN# item in the workshops table).
   */
  door?: { verdict: AdmissionVerdict | ExitVerdict; reason?: VerdictReason };
}

export type LogRecord = ScanRecord | CountRecord | DoorRecord;

/** Log keys by kind: a device's uuid for a scan, prefixed ids for the others, so none can collide. */
export const logKey = {
  count: (countId: string) => `count:${countId}`,
  uncount: (countId: string) => `uncount:${countId}`,
  door: (workshopId: string, scanId: string) => `door:${workshopId}:${scanId}`,
};

export type RecordOutcome<T extends LogRecord = ScanRecord> =
  | { kind: 'recorded' }
  | { kind: 'replay'; existing: T; ticket?: TicketRecord }
  /**
   * The ticket is not as expected: as it stands when the transaction says so (`null`: there is no such
   * ticket), or unknown after a lost race (read it).
   */
  | { kind: 'stale'; ticket?: TicketRecord | null };

export async function getLogRecord<T extends LogRecord = ScanRecord>(
  client: DynamoDBDocumentClient,
  table: string,
  scanId: string,
): Promise<T | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { scanId }, ConsistentRead: true }));
  return Item as T | undefined;
}

async function replay<T extends LogRecord>(client: DynamoDBDocumentClient, table: string, scanId: string) {
  const existing = await getLogRecord<T>(client, table, scanId);
  if (!existing) throw new Error(`scan ${scanId} reported as existing but cannot be read`);
  return { kind: 'replay' as const, existing };
}

/** The put of a log record on condition its id is new: alone, or inside another store's transaction. */
export function logPut(table: string, record: LogRecord) {
  return { TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(scanId)' };
}

/** Appends a record that moves no ticket (a refusal, a count); a used id answers with the first record. */
export async function appendLog<T extends LogRecord>(
  client: DynamoDBDocumentClient,
  table: string,
  record: T,
): Promise<RecordOutcome<T>> {
  try {
    await client.send(new PutCommand(logPut(table, record)));
    return { kind: 'recorded' };
  } catch (error) {
    if (isConditionFailure(error)) return replay<T>(client, table, record.scanId);
    throw error;
  }
}

/**
 * Appends a walk-in count together with its gate's minute (`minute`, built by the walk-in rate store),
 * whose condition holds while the door could have passed that many: `implausible` when it does not (the
 * count is then logged flagged, by the caller); a used id answers with the first record.
 */
export async function appendCount(
  client: DynamoDBDocumentClient,
  table: string,
  record: CountRecord,
  minute: ReturnType<typeof walkInMinuteUpdate>,
): Promise<RecordOutcome<CountRecord> | { kind: 'implausible' }> {
  try {
    await writeTransaction(client, { TransactItems: [{ Put: logPut(table, record) }, { Update: minute }] });
    return { kind: 'recorded' };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (itemFailed(codes, 0)) return replay<CountRecord>(client, table, record.scanId);
    if (itemFailed(codes, 1)) return { kind: 'implausible' };
    throw error;
  }
}

/**
 * Records a scan; with `change`, moves the ticket on condition that it is as expected (unchanged since
 * it was read, or as an unread entry assumes). `stale` means it is not: read it and judge again.
 * Without one, a refusal that names a ticket (judged on the ticket read) is marked on it as seen, in
 * the transaction that logs it; one that names none (a token that does not verify) is logged alone.
 *
 * Unread (the common case at a gate), the move is one conditional update of the ticket that carries
 * the scan's record (`carriedScan`) and marks its id as seen; the tickets stream's log writer puts the
 * record into the log (`putCarried`). Read, the move and the record go in one transaction.
 */
export async function recordScan(
  client: DynamoDBDocumentClient,
  tables: { scans: string; tickets: string },
  record: ScanRecord,
  change?: PresenceChange,
): Promise<RecordOutcome> {
  if (!change && record.ticketId) return recordRefusal(client, tables, record, record.ticketId);
  if (!change) return appendLog(client, tables.scans, record);
  const mark: ScanMark = {
    scanId: record.scanId,
    day: record.day,
    ...(change.forget ? { forget: change.forget } : {}),
  };
  if (!('version' in change.expected)) return carryScan(client, tables, record, change, mark);
  // Either refusal returns the item that refused: the ticket as it stands, the scan recorded first.
  const asItWas = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const };
  const update = presenceUpdate(tables.tickets, change.ticketId, change.expected, change.next, mark);
  try {
    await writeTransaction(client, {
      TransactItems: [{ Update: { ...update, ...asItWas } }, { Put: { ...logPut(tables.scans, record), ...asItWas } }],
    });
    return { kind: 'recorded' };
  } catch (error) {
    if (isTransactionConflict(error)) return { kind: 'stale' };
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const [ticket, existing] = cancellationItems(error) as [TicketRecord | undefined, ScanRecord | undefined];
    if (itemFailed(codes, 1)) {
      if (!existing) return replay<ScanRecord>(client, tables.scans, record.scanId);
      return { kind: 'replay', existing, ...(ticket ? { ticket } : {}) };
    }
    if (itemFailed(codes, 0)) return { kind: 'stale', ticket: ticket ?? null };
    throw error;
  }
}

/**
 * A refusal of a ticket read: its record, and its id marked as seen on the ticket, so that the same
 * scan sent again after the ticket moved on (outside again, as an unread entry assumes) is answered
 * as refused rather than applied. A used id answers with the first record. A ticket whose day's set is
 * full (`SEEN_REFUSALS_CAP`) refuses the mark: the refusal is then logged alone.
 */
async function recordRefusal(
  client: DynamoDBDocumentClient,
  tables: { scans: string; tickets: string },
  record: ScanRecord,
  ticketId: string,
): Promise<RecordOutcome> {
  try {
    await writeTransaction(client, {
      TransactItems: [
        { Put: { ...logPut(tables.scans, record), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        { Update: seenMark(tables.tickets, ticketId, record.scanId, record.day) },
      ],
    });
    return { kind: 'recorded' };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (itemFailed(codes, 0)) {
      const [existing] = cancellationItems(error) as [ScanRecord | undefined];
      return existing ? { kind: 'replay', existing } : replay<ScanRecord>(client, tables.scans, record.scanId);
    }
    if (itemFailed(codes, 1)) return appendLog(client, tables.scans, record);
    throw error;
  }
}

/**
 * The common case's one write: the ticket moved, the scan's record carried on it, its id seen. A
 * refusal returns the ticket as it stands: one that has seen the scan answers it as a replay.
 */
async function carryScan(
  client: DynamoDBDocumentClient,
  tables: { scans: string; tickets: string },
  record: ScanRecord,
  change: PresenceChange,
  mark: ScanMark,
): Promise<RecordOutcome> {
  const update = presenceUpdate(tables.tickets, change.ticketId, change.expected, change.next, {
    ...mark,
    carried: record as unknown as Record<string, unknown>,
  });
  try {
    await retryingConflicts(() =>
      client.send(new UpdateCommand({ ...update, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    return { kind: 'recorded' };
  } catch (error) {
    if (isTransactionConflict(error)) return { kind: 'stale' };
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const ticket = error.Item ? (unmarshall(error.Item) as TicketRecord) : null;
    const existing = ticket ? await seenScan(client, tables.scans, ticket, record.scanId, record.day) : undefined;
    if (ticket && existing) return { kind: 'replay', existing, ticket };
    return { kind: 'stale', ticket };
  }
}

/** How long a replay waits for the log writer to put a scan the ticket has seen (a stream's hop). */
const CARRIED_WAIT_MS = 10_000;

/**
 * The record of a scan that has already moved this ticket (its id is in the day's seen set), or
 * undefined when it has not: carried on the ticket if it was the last, else from the log, waited for
 * while the tickets stream's log writer has not yet put it.
 */
export async function seenScan(
  client: DynamoDBDocumentClient,
  table: string,
  ticket: TicketRecord,
  scanId: string,
  day: string,
): Promise<ScanRecord | undefined> {
  if (!hasSeen(ticket, scanId, day)) return undefined;
  const carried = ticket.carriedScan as ScanRecord | undefined;
  if (carried?.scanId === scanId) return carried;
  const deadline = Date.now() + CARRIED_WAIT_MS;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    const logged = await getLogRecord(client, table, scanId);
    if (logged) return logged;
    if (Date.now() > deadline) throw new Error(`scan ${scanId} moved ticket ${ticket.ticketId} but is not logged`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * The log writer's put of a record a ticket carried: on condition its id is new, so a redelivered
 * stream record puts nothing twice. False when the log already had it.
 */
export function putCarried(client: DynamoDBDocumentClient, table: string, record: ScanRecord): Promise<boolean> {
  return conditionHeld(client.send(new PutCommand(logPut(table, record))));
}

/** A presence change a scan carries: the ticket it moves, what it expects of it, what it makes of it. */
export interface PresenceChange {
  ticketId: string;
  expected: PresenceExpectation;
  next: Presence;
  /** The fair day before the scan's: its seen set is dropped from the ticket (see ScanMark). */
  forget?: string;
}

/** The scan log as a gate writes it, bound to its tables (the log and the tickets it moves). */
export interface ScanLog {
  /** `recordScan`: the record, with the ticket's move when there is one. */
  record(record: ScanRecord, change?: PresenceChange): Promise<RecordOutcome>;
  /** `seenScan`: the record of a scan that has already moved the ticket read, if it has. */
  earlier(ticket: TicketRecord, scanId: string, day: string): Promise<ScanRecord | undefined>;
}

export const scanLog = (client: DynamoDBDocumentClient, tables: { scans: string; tickets: string }): ScanLog => ({
  record: (record, change) => recordScan(client, tables, record, change),
  earlier: (ticket, scanId, day) => seenScan(client, tables.scans, ticket, scanId, day),
});

/** Scans of one review kind, newest first; between two instants when given (a day's overrides). */
export async function listForReview(
  client: DynamoDBDocumentClient,
  table: string,
  kind: ReviewKind,
  options: { limit?: number; from?: string; to?: string } = {},
): Promise<ScanRecord[]> {
  const between = options.from !== undefined && options.to !== undefined;
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: CONFLICT_INDEX,
      KeyConditionExpression: `conflictKey = :kind${between ? ' AND receivedAt BETWEEN :from AND :to' : ''}`,
      ExpressionAttributeValues: { ':kind': kind, ...(between ? { ':from': options.from, ':to': options.to } : {}) },
      ScanIndexForward: false,
      Limit: options.limit ?? 200,
    }),
  );
  return Items as ScanRecord[];
}

export const listConflicts = (client: DynamoDBDocumentClient, table: string, limit = 200) =>
  listForReview(client, table, 'CONFLICT', { limit });
