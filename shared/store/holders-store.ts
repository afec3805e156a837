import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, itemFailed, writeTransaction } from './conditional';
import { getMarker, markerPut } from './projection-store';

/**
 * Ticket holders counted as they come, for the reports: a day's distinct holders by category (a
 * ticket's first entry from outside that day), and the fair's (its first entry ever). One item a day
 * and one for the fair in the stats table, each field a category; a batch of the tickets stream adds
 * its coalesced counts to them together with a marker for the batch, in one transaction, so a
 * redelivered batch counts nothing twice. Reports read two items, whatever the fair's size.
 */
export type HolderCounts = Record<string, number>;

const FAIR = 'fair';
const key = (scope: string) => ({ pk: `HOLDERS#${scope}`, sk: 'total' });

/** How far the batch that began with this stream record was counted (its last sequence), if it was. */
export function getHoldersMarker(
  client: DynamoDBDocumentClient,
  statsTable: string,
  firstEventId: string,
): Promise<string | undefined> {
  return getMarker(client, statsTable, firstEventId, 'holders');
}

function addCounts(table: string, scope: string, counts: HolderCounts) {
  const entries = Object.entries(counts).filter(([, n]) => n !== 0);
  return {
    Update: {
      TableName: table,
      Key: key(scope),
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([category], i) => [`#c${i}`, category])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
    },
  };
}

/** Adds a batch's counts (by day, and the fair's) with its marker: all of it once, or none. */
export async function applyHolderCounts(
  client: DynamoDBDocumentClient,
  statsTable: string,
  batch: { markerId: string; lastSequence: string; byDay: Map<string, HolderCounts>; fair: HolderCounts; at: string },
): Promise<'applied' | 'already-applied'> {
  const nonEmpty = (counts: HolderCounts) => Object.values(counts).some((n) => n !== 0);
  const items = [
    ...[...batch.byDay]
      .filter(([, counts]) => nonEmpty(counts))
      .map(([day, counts]) => addCounts(statsTable, day, counts)),
    ...(nonEmpty(batch.fair) ? [addCounts(statsTable, FAIR, batch.fair)] : []),
  ];
  const marker = markerPut(statsTable, 'holders', batch);
  try {
    await writeTransaction(client, { TransactItems: [...items, marker] });
    return 'applied';
  } catch (error) {
    // The marker refused: another delivery counted this batch. Anything else fails the batch, which
    // is delivered again (a conflict that outlasted the retries included).
    const codes = cancellationCodes(error);
    if (codes && itemFailed(codes, codes.length - 1)) return 'already-applied';
    throw error;
  }
}

async function countsOf(client: DynamoDBDocumentClient, statsTable: string, scope: string): Promise<HolderCounts> {
  const { Item } = await client.send(new GetCommand({ TableName: statsTable, Key: key(scope) }));
  const { pk: _pk, sk: _sk, ...counts } = Item ?? {};
  return Object.fromEntries(Object.entries(counts).map(([category, n]) => [category, Number(n)]));
}

/** A day's distinct ticket holders by category, as counted so far. */
export function holdersOn(client: DynamoDBDocumentClient, statsTable: string, day: string): Promise<HolderCounts> {
  return countsOf(client, statsTable, day);
}

/** The fair's distinct ticket holders by category (each counted on their first day). */
export function fairHolders(client: DynamoDBDocumentClient, statsTable: string): Promise<HolderCounts> {
  return countsOf(client, statsTable, FAIR);
}
