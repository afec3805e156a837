import { type DynamoDBDocumentClient, PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { VerdictReason } from '../domain/gate-verdicts';
import type { AdmissionVerdict, ExitVerdict } from '../domain/workshop-rules';
import { batchGetTables } from './batch-get';
import { cancellationCodes, conditionHeld, itemFailed, NoLongerWanted, writeTransaction } from './conditional';
import { queryAll } from './query-all';
import { type DoorRecord, logKey, logPut } from './scans-store';
import { getTicket, leaveRoom, type TicketRecord } from './tickets-store';
import { listWaiting } from './workshop-registrations-store';
import {
  getWorkshop,
  getWorkshopItem,
  workshopKey as key,
  listWorkshops,
  markRoomEmptied,
  type WorkshopRecord,
  recordOf as workshopRecordOf,
} from './workshops-store';

/**
 * A workshop's door: each scan recorded once, seats taken and freed in transactions. A movement in a
 * room placed in a zone is recorded by its record in the scan log (which counts the room), with what
 * the host was told; a refusal, or a movement in a room in no zone, by a SCAN# item in the workshops
 * table. One record a scan: each record in a transaction costs two write units.
 */
export interface DoorScan {
  scanId: string;
  kind: 'admission' | 'exit';
  ticketId?: string;
  verdict: AdmissionVerdict | ExitVerdict;
  /** An exit that passed a ticket that would not be let in again: why not. */
  reason?: VerdictReason;
}

/** A door scan's record, on condition its id is new: what makes every door scan answer once. */
const scanRecord = (table: string, workshopId: string, scan: DoorScan) => ({
  TableName: table,
  Item: { ...key(workshopId, `SCAN#${scan.scanId}`), ...scan },
  ConditionExpression: 'attribute_not_exists(pk)',
});

/** The door scan a scan log record answers for, if it says what the host was told. */
function scanOfLog(scanId: string, record: DoorRecord | undefined): DoorScan | undefined {
  if (!record?.door) return undefined;
  return {
    scanId,
    kind: record.direction === 'in' ? 'admission' : 'exit',
    ticketId: record.ticketId,
    verdict: record.door.verdict,
    ...(record.door.reason ? { reason: record.door.reason } : {}),
  };
}

/** The keys of a door scan's two possible records, by table: its SCAN# item and its scan log record. */
const scanKeys = (tables: DoorTables, workshopId: string, scanId: string) => ({
  [tables.workshops]: [key(workshopId, `SCAN#${scanId}`)],
  [tables.scans]: [{ scanId: logKey.door(workshopId, scanId) }],
});

/** The door scan answered before with this id, from the items read at `scanKeys` (among others). */
function earlierScan(
  tables: DoorTables,
  workshopId: string,
  scanId: string,
  items: Record<string, Record<string, unknown>[]>,
): DoorScan | undefined {
  const scanSk = key(workshopId, `SCAN#${scanId}`).sk;
  const item = items[tables.workshops]?.find((found) => found.sk === scanSk);
  if (item) return item as unknown as DoorScan;
  const logId = logKey.door(workshopId, scanId);
  return scanOfLog(scanId, items[tables.scans]?.find((found) => found.scanId === logId) as DoorRecord | undefined);
}

/** The tables a door scan reads and writes. */
export interface DoorTables {
  workshops: string;
  tickets: string;
  scans: string;
}

export async function getDoorScan(
  client: DynamoDBDocumentClient,
  tables: DoorTables,
  workshopId: string,
  scanId: string,
): Promise<DoorScan | undefined> {
  return earlierScan(tables, workshopId, scanId, await batchGetTables(client, scanKeys(tables, workshopId, scanId)));
}

/** Records a refusal, so a resent scan gets the same answer; false when the scan id was already used. */
export async function recordDoorScan(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scan: DoorScan,
): Promise<boolean> {
  return conditionHeld(client.send(new PutCommand(scanRecord(table, workshopId, scan))));
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Admits one ticket: a seat taken (`admitted < capacity`), the ticket marked inside (not already),
 * the scan recorded (new id), and when registration is checked, the ticket registered. All or none.
 * A ticket's first admission also counts it as attended (distinct tickets, never lowered by exits):
 * the first try assumes a first admission; a ticket seen before is admitted by a second try without it.
 * `alsoPut` (the scan log's record of the door, with its answer) stands for the scan's SCAN# item.
 */
export async function admit(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scan: DoorScan & { ticketId: string },
  checkRegistration: boolean,
  alsoPut?: TransactItem['Put'],
  /** The tickets table: the ticket's room becomes this one, on condition it is in no other. */
  ticketsTable?: string,
): Promise<AdmissionVerdict | 'REPLAY' | 'IN_ANOTHER_ROOM'> {
  for (const firstTime of [true, false]) {
    const items: TransactItem[] = [
      {
        Update: {
          TableName: table,
          Key: key(workshopId, 'META'),
          UpdateExpression: firstTime
            ? 'SET admitted = admitted + :one, attended = if_not_exists(attended, :zero) + :one'
            : 'SET admitted = admitted + :one',
          ConditionExpression: 'admitted < #capacity',
          ExpressionAttributeNames: { '#capacity': 'capacity' },
          ExpressionAttributeValues: { ':one': 1, ...(firstTime ? { ':zero': 0 } : {}) },
        },
      },
      {
        Update: {
          TableName: table,
          Key: key(workshopId, `ADM#${scan.ticketId}`),
          UpdateExpression: 'SET inside = :true ADD admissions :one',
          ConditionExpression: firstTime ? 'attribute_not_exists(pk)' : 'inside = :false',
          ExpressionAttributeValues: { ':true': true, ':one': 1, ...(firstTime ? {} : { ':false': false }) },
        },
      },
      // The scan's one record: the scan log's, which counts the room, or its SCAN# item.
      { Put: alsoPut ?? scanRecord(table, workshopId, scan) },
    ];
    const registrationAt = checkRegistration ? items.length : -1;
    if (checkRegistration) {
      items.push({
        ConditionCheck: {
          TableName: table,
          Key: key(workshopId, `REG#${scan.ticketId}`),
          ConditionExpression: '#status = :registered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':registered': 'registered' },
        },
      });
    }
    // One room at a time: the ticket's room, set with the seat, on condition it is in no other.
    const roomAt = ticketsTable ? items.length : -1;
    if (ticketsTable) {
      items.push({
        Update: {
          TableName: ticketsTable,
          Key: { ticketId: scan.ticketId },
          UpdateExpression: 'SET inRoom = :room',
          ConditionExpression: 'attribute_exists(ticketId) AND (attribute_not_exists(inRoom) OR inRoom = :room)',
          ExpressionAttributeValues: { ':room': workshopId },
        },
      });
    }
    // Between tries lost to other admissions, a room found full stops trying: its refusal is read.
    const seatLeft = async () => {
      const meta = await getWorkshopItem<{ admitted: number; capacity: number }>(client, table, workshopId, 'META');
      return meta !== undefined && meta.admitted < meta.capacity;
    };
    try {
      await writeTransaction(client, { TransactItems: items }, seatLeft);
      return 'ADMITTED';
    } catch (error) {
      if (error instanceof NoLongerWanted)
        return (await refusalAtFullRoom(client, table, workshopId, scan.ticketId, checkRegistration)) ?? 'FULL';
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = (index: number) => itemFailed(codes, index);
      if (failed(2)) return 'REPLAY';
      if (failed(1)) {
        if (firstTime) continue; // admitted before: try again as a returning ticket
        return 'ALREADY_ADMITTED';
      }
      if (checkRegistration && failed(registrationAt)) return 'NOT_REGISTERED';
      if (ticketsTable && failed(roomAt)) return 'IN_ANOTHER_ROOM';
      if (failed(0)) return 'FULL';
      throw error;
    }
  }
  return 'ALREADY_ADMITTED';
}

/**
 * Why a ticket would be refused at a full room's door, read without a transaction: already inside
 * (admitted and not let out), or not registered where registration is checked; else undefined (FULL).
 * The order is the transaction's: a full room's rush is answered without contending for its seats.
 */
export async function refusalAtFullRoom(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  ticketId: string,
  checkRegistration: boolean,
): Promise<'ALREADY_ADMITTED' | 'NOT_REGISTERED' | undefined> {
  const [admission, registration] = await Promise.all([
    getWorkshopItem<{ inside?: boolean }>(client, table, workshopId, `ADM#${ticketId}`),
    checkRegistration
      ? getWorkshopItem<{ status?: string }>(client, table, workshopId, `REG#${ticketId}`)
      : Promise.resolve(undefined),
  ]);
  if (admission?.inside) return 'ALREADY_ADMITTED';
  if (checkRegistration && registration?.status !== 'registered') return 'NOT_REGISTERED';
  return undefined;
}

/** Lets one ticket out: its seat freed, only if it was inside. `alsoPut` stands for the SCAN# item. */
export async function exit(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scan: DoorScan & { ticketId: string },
  alsoPut?: TransactItem['Put'],
): Promise<ExitVerdict | 'REPLAY'> {
  try {
    await writeTransaction(client, {
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: key(workshopId, 'META'),
            UpdateExpression: 'SET admitted = admitted - :one',
            ConditionExpression: 'admitted > :zero',
            ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
          },
        },
        {
          Update: {
            TableName: table,
            Key: key(workshopId, `ADM#${scan.ticketId}`),
            UpdateExpression: 'SET inside = :false',
            ConditionExpression: 'inside = :true',
            ExpressionAttributeValues: { ':true': true, ':false': false },
          },
        },
        { Put: alsoPut ?? scanRecord(table, workshopId, scan) },
      ],
    });
    return 'EXITED';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (itemFailed(codes, 2)) return 'REPLAY';
    if (itemFailed(codes, 1)) return 'NOT_ADMITTED';
    throw error;
  }
}

/** The tickets a workshop's door admitted: all of them (its attendance), or those still in the room. */
async function admittedTickets(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  stillInside: boolean,
): Promise<string[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :adm)',
    ...(stillInside
      ? {
          FilterExpression: 'inside = :true',
          ExpressionAttributeValues: { ':pk': key(workshopId, '').pk, ':adm': 'ADM#', ':true': true },
        }
      : { ExpressionAttributeValues: { ':pk': key(workshopId, '').pk, ':adm': 'ADM#' } }),
    ConsistentRead: true,
  });
  return items.map((item) => String(item.sk).slice('ADM#'.length));
}

/** Every ticket a workshop's door ever admitted (its attendance, exits or not). */
export const ticketsAttended = (client: DynamoDBDocumentClient, table: string, workshopId: string) =>
  admittedTickets(client, table, workshopId, false);

/** The tickets a workshop's room holds now (admitted and not let out). */
export const ticketsInRoom = (client: DynamoDBDocumentClient, table: string, workshopId: string) =>
  admittedTickets(client, table, workshopId, true);

/** What a door scan reads before it decides: an earlier scan with its id, the workshop, the ticket. */
export interface DoorContext {
  earlier?: DoorScan;
  workshop?: WorkshopRecord;
  ticket?: TicketRecord;
}

/** Which door scan a context was read for: the room, the scan's id, the ticket its token names. */
export interface DoorContextQuery {
  workshopId: string;
  scanId: string;
  ticketId: string | undefined;
}

/** The keys of a door scan's context, by table: to read alone, or with other items in one request. */
export function doorContextKeys(
  tables: DoorTables,
  query: DoorContextQuery,
): Record<string, Record<string, unknown>[]> {
  const scan = scanKeys(tables, query.workshopId, query.scanId);
  return {
    ...scan,
    [tables.workshops]: [...(scan[tables.workshops] ?? []), key(query.workshopId, 'META')],
    ...(query.ticketId ? { [tables.tickets]: [{ ticketId: query.ticketId }] } : {}),
  };
}

/** A door scan's context from the items read at its keys (`doorContextKeys`), by table. */
export function doorContextFrom(
  tables: DoorTables,
  query: DoorContextQuery,
  items: Record<string, Record<string, unknown>[]>,
): DoorContext {
  const earlier = earlierScan(tables, query.workshopId, query.scanId, items);
  const workshop = items[tables.workshops]?.find((item) => item.sk === 'META');
  const ticket = query.ticketId ? items[tables.tickets]?.[0] : undefined;
  return {
    ...(earlier ? { earlier } : {}),
    ...(workshop ? { workshop: workshopRecordOf(workshop) } : {}),
    ...(ticket ? { ticket: ticket as unknown as TicketRecord } : {}),
  };
}

/**
 * What a door scan reads before it decides, in one consistent request: an earlier scan with this id,
 * the workshop, and the ticket its token names (when the token was good).
 */
export async function getDoorContext(
  client: DynamoDBDocumentClient,
  tables: DoorTables,
  query: DoorContextQuery,
): Promise<DoorContext> {
  return doorContextFrom(tables, query, await batchGetTables(client, doorContextKeys(tables, query)));
}

/**
 * A workshop's door bound to its tables (the workshops table, the tickets' rooms, the scan log): what
 * the door's use case depends on, with every key and the door's record in the scan log built here.
 */
export interface WorkshopDoor {
  /** `getDoorContext`: an earlier scan with this id, the workshop and the ticket, in one read. */
  context(query: DoorContextQuery): Promise<DoorContext>;
  scan(workshopId: string, scanId: string): Promise<DoorScan | undefined>;
  /** A refusal recorded once; false when the scan id was already used. */
  recordRefusal(workshopId: string, scan: DoorScan): Promise<boolean>;
  /** `admit`, the ticket's room set with the seat; `record` (the room's door in the scan log) with them. */
  admit(
    workshopId: string,
    scan: DoorScan & { ticketId: string },
    checkRegistration: boolean,
    record?: DoorRecord,
  ): Promise<AdmissionVerdict | 'REPLAY' | 'IN_ANOTHER_ROOM'>;
  exit(workshopId: string, scan: DoorScan & { ticketId: string }, record?: DoorRecord): Promise<ExitVerdict | 'REPLAY'>;
  refusalAtFullRoom(
    workshopId: string,
    ticketId: string,
    checkRegistration: boolean,
  ): Promise<'ALREADY_ADMITTED' | 'NOT_REGISTERED' | undefined>;
  /** The tickets the room holds now. */
  inRoom(workshopId: string): Promise<string[]>;
  /** The room a ticket was last admitted to and not let out of. */
  roomOf(ticketId: string): Promise<string | undefined>;
  leaveRoom(ticketId: string, workshopId: string): Promise<void>;
  /** The tickets waiting for a seat, first in line first. */
  waiting(workshopId: string): Promise<{ ticketId: string }[]>;
  workshop(workshopId: string): Promise<WorkshopRecord | undefined>;
  workshops(): Promise<WorkshopRecord[]>;
  markEmptied(workshopId: string, at: string): Promise<void>;
}

export const workshopDoor = (client: DynamoDBDocumentClient, tables: DoorTables): WorkshopDoor => ({
  context: (query) => getDoorContext(client, tables, query),
  scan: (workshopId, scanId) => getDoorScan(client, tables, workshopId, scanId),
  recordRefusal: (workshopId, scan) => recordDoorScan(client, tables.workshops, workshopId, scan),
  admit: (workshopId, scan, checkRegistration, record) =>
    admit(
      client,
      tables.workshops,
      workshopId,
      scan,
      checkRegistration,
      record ? logPut(tables.scans, record) : undefined,
      tables.tickets,
    ),
  exit: (workshopId, scan, record) =>
    exit(client, tables.workshops, workshopId, scan, record ? logPut(tables.scans, record) : undefined),
  refusalAtFullRoom: (workshopId, ticketId, checkRegistration) =>
    refusalAtFullRoom(client, tables.workshops, workshopId, ticketId, checkRegistration),
  inRoom: (workshopId) => ticketsInRoom(client, tables.workshops, workshopId),
  roomOf: async (ticketId) => (await getTicket(client, tables.tickets, ticketId))?.inRoom,
  leaveRoom: (ticketId, workshopId) => leaveRoom(client, tables.tickets, ticketId, workshopId),
  waiting: (workshopId) => listWaiting(client, tables.workshops, workshopId),
  workshop: (workshopId) => getWorkshop(client, tables.workshops, workshopId),
  workshops: () => listWorkshops(client, tables.workshops),
  markEmptied: (workshopId, at) => markRoomEmptied(client, tables.workshops, workshopId, at),
});
