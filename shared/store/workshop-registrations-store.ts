import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, itemFailed, writeTransaction } from './conditional';
import { queryAll } from './query-all';
import { getWorkshopItem, workshopKey as key } from './workshops-store';

/** A workshop's registrations (REG# items) and its waitlist, in order: seats held in transactions. */
export interface Registration {
  ticketId: string;
  status: 'registered' | 'waitlisted';
  /** Waitlist order: when the request came, then the ticket id. */
  position: string;
}

/** The condition on the workshop's META item that a registered seat is still free. */
const SEAT_LEFT = {
  ConditionExpression: 'registered < #capacity',
  ExpressionAttributeNames: { '#capacity': 'capacity' },
};

export async function getRegistration(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  ticketId: string,
): Promise<Registration | undefined> {
  return getWorkshopItem<Registration>(client, table, workshopId, `REG#${ticketId}`);
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
              ...(status === 'registered' ? SEAT_LEFT : { ConditionExpression: 'attribute_exists(pk)' }),
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

/** A workshop's registrations with one status (seats or waitlist), first come first. */
async function listByStatus(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  status: Registration['status'],
): Promise<Registration[]> {
  const found = (await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
    FilterExpression: '#status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': `WS#${workshopId}`, ':reg': 'REG#', ':status': status },
    ConsistentRead: true,
  })) as unknown as Registration[];
  return found.sort((a, b) => a.position.localeCompare(b.position));
}

/** The tickets waiting for a seat, first in line first. */
export const listWaiting = (client: DynamoDBDocumentClient, table: string, workshopId: string) =>
  listByStatus(client, table, workshopId, 'waitlisted');

/** The tickets holding a seat, in the order they registered: the roster. */
export const listRegistered = (client: DynamoDBDocumentClient, table: string, workshopId: string) =>
  listByStatus(client, table, workshopId, 'registered');

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
            ...SEAT_LEFT,
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
