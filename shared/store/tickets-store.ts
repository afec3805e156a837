import { type DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Presence, TicketState } from '../domain/scan-rules';
import type { Category } from '../domain/ticket-token';
import { putAll } from './batch-write';
import { isConditionFailure } from './conditional';

/**
 * A ticket and its presence live in one item: a scan changes presence with one conditional write on
 * `version` (optimistic locking), in the same transaction as the scan record.
 */
export interface TicketRecord {
  ticketId: string;
  category: Category;
  validDays: string[];
  holderName?: string;
  attentionNote?: string;
  /** The holder agreed at registration that exhibitors may see their badge scans (leads). */
  leadsConsent?: boolean;
  revoked: boolean;
  revokedAt?: string;
  inside: boolean;
  zoneId?: string;
  entries: number;
  lastDeviceId?: string;
  version: number;
  createdAt: string;
}

export function stateOf(ticket: TicketRecord): TicketState {
  const presence: Presence = { inside: ticket.inside, entries: ticket.entries };
  if (ticket.zoneId) presence.zoneId = ticket.zoneId;
  if (ticket.lastDeviceId) presence.lastDeviceId = ticket.lastDeviceId;
  return { revoked: ticket.revoked, validDays: ticket.validDays, presence };
}

export async function putTickets(
  client: DynamoDBDocumentClient,
  table: string,
  tickets: TicketRecord[],
): Promise<void> {
  await putAll(client, table, tickets as unknown as Record<string, unknown>[]);
}

export async function getTicket(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
): Promise<TicketRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { ticketId }, ConsistentRead: true }));
  return Item as TicketRecord | undefined;
}

/**
 * Revokes a ticket and appends it to the revocation log (the feed offline devices poll) in one
 * transaction. Returns false when it was already revoked (nothing appended twice).
 */
export async function revokeTicket(
  client: DynamoDBDocumentClient,
  tables: { tickets: string; fair: string },
  ticketId: string,
  now: string,
): Promise<'revoked' | 'already' | 'unknown'> {
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tables.tickets,
              Key: { ticketId },
              UpdateExpression: 'SET revoked = :true, revokedAt = :now, version = version + :one',
              ConditionExpression: 'attribute_exists(ticketId) AND revoked = :false',
              ExpressionAttributeValues: { ':true': true, ':false': false, ':now': now, ':one': 1 },
            },
          },
          {
            Put: {
              TableName: tables.fair,
              Item: { pk: 'REVOCATION', sk: `${now}#${ticketId}`, ticketId, revokedAt: now },
            },
          },
        ],
      }),
    );
    return 'revoked';
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const ticket = await getTicket(client, tables.tickets, ticketId);
    return ticket ? 'already' : 'unknown';
  }
}

export async function putTicketIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  ticket: TicketRecord,
): Promise<boolean> {
  try {
    await client.send(
      new PutCommand({ TableName: table, Item: ticket, ConditionExpression: 'attribute_not_exists(ticketId)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
