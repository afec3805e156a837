import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeFeedCursor, encodeFeedCursor } from '../cursor';

/**
 * The revocation log: one item per revocation, sorted by time, in the fair table's `REVOCATION`
 * partition. The cursor is the last sort key a device has seen, opaque to it (base64url).
 */
export const encodeCursor = encodeFeedCursor;

export function decodeCursor(cursor: string | undefined): string | undefined {
  return decodeFeedCursor(cursor, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_-]+$/);
}

export async function listRevocations(
  client: DynamoDBDocumentClient,
  table: string,
  after: string | undefined,
  limit = 1000,
): Promise<{ ticketIds: string[]; last: string | undefined }> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'REVOCATION', ...(after ? { ':after': after } : {}) },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return { ticketIds: Items.map((item) => String(item.ticketId)), last: Items.at(-1)?.sk as string | undefined };
}
