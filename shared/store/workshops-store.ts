import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ProgrammeItem } from '../domain/fair';
import type { AdmissionVerdict, ExitVerdict } from '../domain/workshop-rules';
import { cancellationCodes, isConditionFailure } from './conditional';
import { queryAll } from './query-all';

/**
 * One partition per workshop: its META item (rules and counters: admitted, registered, waitlisted),
 * one REG# item per registration, one ADM# item per ticket admitted, one SCAN# item per door scan
 * (which makes each scan idempotent). Seats change only in transactions whose conditions hold the
 * limits: `admitted < capacity`, `registered < capacity`.
 */
export const WORKSHOP_LIST_INDEX = 'byStart';

export interface WorkshopRecord extends ProgrammeItem {
  doorsOpenAt?: string;
  doorsCloseAt?: string;
  releaseUnclaimedAfterMinutes?: number;
  admitted: number;
  registered: number;
  waitlisted: number;
  listKey: 'WORKSHOP';
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
  try {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: { ...key(workshop.workshopId, 'META'), ...workshop },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getWorkshop(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<WorkshopRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: key(workshopId, 'META'), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...workshop } = Item;
  return workshop as WorkshopRecord;
}

export async function listWorkshops(client: DynamoDBDocumentClient, table: string): Promise<WorkshopRecord[]> {
  const items = await queryAll(client, {
    TableName: table,
    IndexName: WORKSHOP_LIST_INDEX,
    KeyConditionExpression: 'listKey = :list',
    ExpressionAttributeValues: { ':list': 'WORKSHOP' },
  });
  return items.map(({ pk: _pk, sk: _sk, ...workshop }) => workshop as unknown as WorkshopRecord);
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
      | 'zoneId'
      | 'startsAt'
      | 'endsAt'
      | 'capacity'
      | 'registrationRequired'
      | 'doorsOpenAt'
      | 'doorsCloseAt'
      | 'releaseUnclaimedAfterMinutes'
    >
  >,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  try {
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: key(workshopId, 'META'),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
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
  try {
    await client.send(new PutCommand(scanRecord(table, workshopId, scan)));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Admits one ticket: a seat taken (`admitted < capacity`), the ticket marked inside (not already),
 * the scan recorded (new id), and when registration is checked, the ticket registered. All or none.
 */
export async function admit(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scan: DoorScan & { ticketId: string },
  checkRegistration: boolean,
): Promise<AdmissionVerdict | 'REPLAY'> {
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    {
      Update: {
        TableName: table,
        Key: key(workshopId, 'META'),
        UpdateExpression: 'SET admitted = admitted + :one',
        ConditionExpression: 'admitted < #capacity',
        ExpressionAttributeNames: { '#capacity': 'capacity' },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      Update: {
        TableName: table,
        Key: key(workshopId, `ADM#${scan.ticketId}`),
        UpdateExpression: 'SET inside = :true ADD admissions :one',
        ConditionExpression: 'attribute_not_exists(inside) OR inside = :false',
        ExpressionAttributeValues: { ':true': true, ':false': false, ':one': 1 },
      },
    },
    { Put: scanRecord(table, workshopId, scan) },
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
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return 'ADMITTED';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (codes[2] === 'ConditionalCheckFailed') return 'REPLAY';
    if (codes[1] === 'ConditionalCheckFailed') return 'ALREADY_ADMITTED';
    if (codes[3] === 'ConditionalCheckFailed') return 'NOT_REGISTERED';
    if (codes[0] === 'ConditionalCheckFailed') return 'FULL';
    throw error;
  }
}

/** Lets one ticket out: its seat freed, only if it was inside. */
export async function exit(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  scan: DoorScan & { ticketId: string },
): Promise<ExitVerdict | 'REPLAY'> {
  try {
    await client.send(
      new TransactWriteCommand({
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
        ],
      }),
    );
    return 'EXITED';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (codes[2] === 'ConditionalCheckFailed') return 'REPLAY';
    if (codes[1] === 'ConditionalCheckFailed') return 'NOT_ADMITTED';
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
      await client.send(
        new TransactWriteCommand({
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
        }),
      );
      return status === 'registered' ? 'REGISTERED' : 'WAITLISTED';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[1] === 'ConditionalCheckFailed') return 'ALREADY_REGISTERED';
      if (codes[0] !== 'ConditionalCheckFailed' || status === 'waitlisted') throw error;
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
    await client.send(
      new TransactWriteCommand({
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
      }),
    );
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
    await client.send(
      new TransactWriteCommand({
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
      }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)) return false;
    throw error;
  }
}
