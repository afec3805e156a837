import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, writeTransaction } from './conditional';
import { isTransactionConflict } from './contention';
import { queryAll } from './query-all';

/**
 * The revocation log that offline devices page through: one item per revocation in the fair table's
 * `REVOCATION_LOG` partition, numbered 1, 2, 3... by a head item that every append raises in the same
 * transaction, on condition that it still says what was read. So a number is visible only once every
 * smaller one is: a reader that has seen up to n never misses one that commits later, whatever volume
 * and whatever order writers started in, and its cursor is one number.
 *
 * Appends contend on the head; a bulk revocation appends up to 40 a transaction, so a stolen batch of
 * thousands takes seconds.
 */
const LOG = 'REVOCATION_LOG';
const HEAD = { pk: LOG, sk: 'HEAD' };
const width = 12;
const seqKey = (seq: number) => `S#${String(seq).padStart(width, '0')}`;
/** Revocations a transaction appends: with the head and a ticket update each, under DynamoDB's 100 items. */
export const REVOCATIONS_PER_TRANSACTION = 40;
const MAX_ATTEMPTS = 50;

export interface Revocation {
  ticketId: string;
  revokedAt: string;
}

export interface LoggedRevocation extends Revocation {
  seq: number;
}

/** A write to make in the same transaction as a revocation's append: it must hold, or that one is left out. */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

async function head(client: DynamoDBDocumentClient, table: string): Promise<number> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: HEAD, ConsistentRead: true }));
  return Number(Item?.last ?? 0);
}

/**
 * Appends revocations to the log, each with the write that revokes its ticket (built by the tickets
 * store, conditioned on the ticket not being revoked yet) when there is one, a transaction per 40.
 * Answers which were appended; one whose ticket write failed its condition (revoked already, unknown)
 * is left out and the rest tried again. A lost race for the head reads it again.
 */
export async function appendRevocations(
  client: DynamoDBDocumentClient,
  fairTable: string,
  revocations: (Revocation & { ticketWrite?: TransactItem })[],
): Promise<{ appended: string[]; refused: string[] }> {
  const appended: string[] = [];
  const refused: string[] = [];
  for (let start = 0; start < revocations.length; start += REVOCATIONS_PER_TRANSACTION) {
    let pending = revocations.slice(start, start + REVOCATIONS_PER_TRANSACTION);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`the revocation log's head kept changing for ${MAX_ATTEMPTS} tries`);
      const last = await head(client, fairTable);
      const items: TransactItem[] = pending.flatMap((revocation, index) => [
        ...(revocation.ticketWrite ? [revocation.ticketWrite] : []),
        {
          Put: {
            TableName: fairTable,
            Item: {
              pk: LOG,
              sk: seqKey(last + index + 1),
              ticketId: revocation.ticketId,
              revokedAt: revocation.revokedAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      const headWrite = {
        Update: {
          TableName: fairTable,
          Key: HEAD,
          UpdateExpression: 'SET #last = :next',
          ConditionExpression: last === 0 ? 'attribute_not_exists(#last) OR #last = :last' : '#last = :last',
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: { ':last': last, ':next': last + pending.length },
        },
      };
      try {
        await writeTransaction(client, { TransactItems: [headWrite, ...items] });
        appended.push(...pending.map((revocation) => revocation.ticketId));
        pending = [];
      } catch (error) {
        if (isTransactionConflict(error)) continue;
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        // Which revocations' ticket writes failed: they are revoked already (or unknown).
        let position = 1;
        const failed = new Set<string>();
        for (const revocation of pending) {
          if (revocation.ticketWrite && codes[position] === 'ConditionalCheckFailed') failed.add(revocation.ticketId);
          position += revocation.ticketWrite ? 2 : 1;
        }
        refused.push(...failed);
        pending = pending.filter((revocation) => !failed.has(revocation.ticketId));
      }
    }
  }
  return { appended, refused };
}

/** Up to `limit` revocations after number `after`, in order. */
export async function listRevocations(
  client: DynamoDBDocumentClient,
  table: string,
  after: number,
  limit = 1000,
): Promise<LoggedRevocation[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': LOG, ':from': seqKey(after + 1), ':to': seqKey(10 ** width - 1) },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => ({
    seq: Number(String(item.sk).slice(2)),
    ticketId: String(item.ticketId),
    revokedAt: String(item.revokedAt),
  }));
}

/**
 * Revocations kept the way an earlier version did (`REVOCATION`, keyed by time): appended to the
 * numbered log and removed, in the same transaction, so each is moved once. Run when the fair is applied.
 */
export async function moveTimeKeyedRevocations(client: DynamoDBDocumentClient, table: string): Promise<number> {
  const old = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': 'REVOCATION' },
    ConsistentRead: true,
  });
  let moved = 0;
  for (let start = 0; start < old.length; start += REVOCATIONS_PER_TRANSACTION) {
    const chunk = old.slice(start, start + REVOCATIONS_PER_TRANSACTION);
    const { appended } = await appendRevocations(
      client,
      table,
      chunk.map((item) => ({
        ticketId: String(item.ticketId),
        revokedAt: String(item.revokedAt),
        // Removing the old item goes with its append: it fails if another run moved it already.
        ticketWrite: {
          Delete: { TableName: table, Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' },
        },
      })),
    );
    moved += appended.length;
  }
  return moved;
}
