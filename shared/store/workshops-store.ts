import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ProgrammeItem } from '../domain/fair';
import type { ExitReason } from '../domain/gate-verdicts';
import type { AdmissionVerdict, ExitVerdict } from '../domain/workshop-rules';
import { cancellationCodes, conditionHeld, itemFailed, writeTransaction } from './conditional';
import { WORKSHOP_LIST_INDEX } from './index-names';
import { queryAll } from './query-all';

/**
 * One partition per workshop: its META item (rules and counters: admitted, registered, waitlisted),
 * one REG# item per registration, one ADM# item per ticket admitted, one SCAN# item per door scan
 * (which makes each scan idempotent). Seats change only in transactions whose conditions hold the
 * limits: `admitted < capacity`, `registered < capacity`.
 */

export interface WorkshopRecord extends ProgrammeItem {
  doorsOpenAt?: string;
  doorsCloseAt?: string;
  releaseUnclaimedAfterMinutes?: number;
  admitted: number;
  /** Distinct tickets ever admitted: attendance, which exits do not lower. */
  attended?: number;
  registered: number;
  waitlisted: number;
  listKey: 'WORKSHOP';
  /** `file`: from the fair's file (a later file updates or removes it); else made through the API. */
  source?: 'file' | 'api';
  /** Fields an organiser changed on the day (PATCH): a later fair file does not overwrite them. */
  editedFields?: string[];
  /** Called off by an organiser, and why: its doors admit nobody. */
  cancelledAt?: string;
  cancelReason?: string;
}

export interface Registration {
  ticketId: string;
  status: 'registered' | 'waitlisted';
  /** Waitlist order: when the request came, then the ticket id. */
  position: string;
}

export interface DoorScan {
  scanId: string;
  kind: 'admission' | 'exit';
  ticketId?: string;
  verdict: AdmissionVerdict | ExitVerdict;
  /** An exit that passed a ticket that would not be let in again: why not. */
  reason?: ExitReason;
}

const key = (workshopId: string, sk: string) => ({ pk: `WS#${workshopId}`, sk });

/** A door scan's record, on condition its id is new: what makes every door scan answer once. */
const scanRecord = (table: string, workshopId: string, scan: DoorScan) => ({
  TableName: table,
  Item: { ...key(workshopId, `SCAN#${scan.scanId}`), ...scan },
  ConditionExpression: 'attribute_not_exists(pk)',
});

export async function putWorkshopIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  workshop: WorkshopRecord,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: { ...key(workshop.workshopId, 'META'), ...workshop },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function getWorkshop(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<WorkshopRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: key(workshopId, 'META'), ConsistentRead: true }),
  );
  return Item ? recordOf(Item) : undefined;
}

/** A stored item as a record: keys dropped, the edited fields' string set as a list. */
function recordOf(item: Record<string, unknown>): WorkshopRecord {
  const { pk: _pk, sk: _sk, editedFields, ...workshop } = item;
  return {
    ...(workshop as unknown as WorkshopRecord),
    ...(editedFields ? { editedFields: [...(editedFields as Iterable<string>)].sort() } : {}),
  };
}

export async function listWorkshops(client: DynamoDBDocumentClient, table: string): Promise<WorkshopRecord[]> {
  const items = await queryAll(client, {
    TableName: table,
    IndexName: WORKSHOP_LIST_INDEX,
    KeyConditionExpression: 'listKey = :list',
    ExpressionAttributeValues: { ':list': 'WORKSHOP' },
  });
  return items.map(recordOf);
}

/** Changes a workshop's rules (never its counters). */
export async function updateWorkshopRules(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  changes: Partial<
    Pick<
      WorkshopRecord,
      | 'title'
      | 'titles'
      | 'kind'
      | 'source'
      | 'zoneId'
      | 'startsAt'
      | 'endsAt'
      | 'capacity'
      | 'registrationRequired'
      | 'doorsOpenAt'
      | 'doorsCloseAt'
      | 'releaseUnclaimedAfterMinutes'
      | 'cancelledAt'
      | 'cancelReason'
    >
  >,
  /** An organiser's change on the day: these fields are remembered as edited. */
  edited = false,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return true;
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: key(workshopId, 'META'),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}${edited ? ' ADD editedFields :edited' : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
          ...(edited ? { ':edited': new Set(entries.map(([name]) => name)) } : {}),
        },
      }),
    ),
  );
}

export async function getDoorScan(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scanId: string,
): Promise<DoorScan | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: key(workshopId, `SCAN#${scanId}`), ConsistentRead: true }),
  );
  return Item as DoorScan | undefined;
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
 * `alsoPut` (the scan log's record of the door) commits with the rest.
 */
export async function admit(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scan: DoorScan & { ticketId: string },
  checkRegistration: boolean,
  alsoPut?: TransactItem['Put'],
): Promise<AdmissionVerdict | 'REPLAY'> {
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
      { Put: scanRecord(table, workshopId, scan) },
      ...(alsoPut ? [{ Put: alsoPut }] : []),
    ];
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
    try {
      await writeTransaction(client, { TransactItems: items });
      return 'ADMITTED';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = (index: number) => itemFailed(codes, index);
      if (failed(2) || (alsoPut && failed(3))) return 'REPLAY';
      if (failed(1)) {
        if (firstTime) continue; // admitted before: try again as a returning ticket
        return 'ALREADY_ADMITTED';
      }
      if (checkRegistration && failed(items.length - 1)) return 'NOT_REGISTERED';
      if (failed(0)) return 'FULL';
      throw error;
    }
  }
  return 'ALREADY_ADMITTED';
}

/** Lets one ticket out: its seat freed, only if it was inside. `alsoPut` commits with it. */
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
        { Put: scanRecord(table, workshopId, scan) },
        ...(alsoPut ? [{ Put: alsoPut }] : []),
      ],
    });
    return 'EXITED';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (itemFailed(codes, 2, 3)) return 'REPLAY';
    if (itemFailed(codes, 1)) return 'NOT_ADMITTED';
    throw error;
  }
}

export async function getRegistration(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  ticketId: string,
): Promise<Registration | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: key(workshopId, `REG#${ticketId}`), ConsistentRead: true }),
  );
  return Item as Registration | undefined;
}

/** Registers a ticket on a seat if one is left, else on the waitlist; `ALREADY` if it is on either. */
export async function register(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  ticketId: string,
  position: string,
): Promise<'REGISTERED' | 'WAITLISTED' | 'ALREADY_REGISTERED'> {
  for (const status of ['registered', 'waitlisted'] as const) {
    try {
      await writeTransaction(client, {
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: key(workshopId, 'META'),
              UpdateExpression:
                status === 'registered' ? 'SET registered = registered + :one' : 'SET waitlisted = waitlisted + :one',
              ...(status === 'registered'
                ? {
                    ConditionExpression: 'registered < #capacity',
                    ExpressionAttributeNames: { '#capacity': 'capacity' },
                  }
                : { ConditionExpression: 'attribute_exists(pk)' }),
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          {
            Put: {
              TableName: table,
              Item: { ...key(workshopId, `REG#${ticketId}`), ticketId, status, position },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
      return status === 'registered' ? 'REGISTERED' : 'WAITLISTED';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (itemFailed(codes, 1)) return 'ALREADY_REGISTERED';
      if (!itemFailed(codes, 0) || status === 'waitlisted') throw error;
    }
  }
  throw new Error('unreachable: the waitlist has no limit');
}

/** Cancels a registration (seat or waitlist place); false when there was none. */
export async function cancelRegistration(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  registration: Registration,
): Promise<boolean> {
  const counter = registration.status === 'registered' ? 'registered' : 'waitlisted';
  try {
    await writeTransaction(client, {
      TransactItems: [
        {
          Delete: {
            TableName: table,
            Key: key(workshopId, `REG#${registration.ticketId}`),
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': registration.status },
          },
        },
        {
          Update: {
            TableName: table,
            Key: key(workshopId, 'META'),
            UpdateExpression: `SET ${counter} = ${counter} - :one`,
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    });
    return true;
  } catch (error) {
    if (cancellationCodes(error)) return false;
    throw error;
  }
}

/** The tickets waiting for a seat, first in line first. */
export async function listWaiting(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<Registration[]> {
  const waiting = (await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
    FilterExpression: '#status = :waitlisted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': `WS#${workshopId}`, ':reg': 'REG#', ':waitlisted': 'waitlisted' },
    ConsistentRead: true,
  })) as unknown as Registration[];
  return waiting.sort((a, b) => a.position.localeCompare(b.position));
}

export async function firstWaiting(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<Registration | undefined> {
  return (await listWaiting(client, table, workshopId))[0];
}

/** Moves one waiting ticket onto a free seat; false when no seat is free (the guard against promoting twice). */
export async function promote(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  ticketId: string,
): Promise<boolean> {
  try {
    await writeTransaction(client, {
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: key(workshopId, 'META'),
            UpdateExpression: 'SET registered = registered + :one, waitlisted = waitlisted - :one',
            ConditionExpression: 'registered < #capacity',
            ExpressionAttributeNames: { '#capacity': 'capacity' },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        {
          Update: {
            TableName: table,
            Key: key(workshopId, `REG#${ticketId}`),
            UpdateExpression: 'SET #status = :registered',
            ConditionExpression: '#status = :waitlisted',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':registered': 'registered', ':waitlisted': 'waitlisted' },
          },
        },
      ],
    });
    return true;
  } catch (error) {
    if (cancellationCodes(error)) return false;
    throw error;
  }
}

/**
 * Removes a programme item the fair's file no longer lists, if nobody registered, waited or was
 * admitted; false when someone did (it is kept).
 */
export async function removeWorkshopIfUnused(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new DeleteCommand({
        TableName: table,
        Key: key(workshopId, 'META'),
        ConditionExpression:
          'registered = :zero AND waitlisted = :zero AND admitted = :zero AND (attribute_not_exists(attended) OR attended = :zero)',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    ),
  );
}
