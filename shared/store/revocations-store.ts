import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The revocation log: one item per revocation, keyed `<time>#<ticketId>` in the fair table's
 * `REVOCATION` partition; devices read it from a cursor (shared/commons/cursor.ts).
 */
export const REVOCATION_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_-]+$/;

export async function listRevocations(
  client: DynamoDBDocumentClient,
  table: string,
  from: string | undefined,
  limit = 1000,
): Promise<{ ticketId: string; key: string }[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: from ? 'pk = :pk AND sk > :from' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'REVOCATION', ...(from ? { ':from': from } : {}) },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => ({ ticketId: String(item.ticketId), key: String(item.sk) }));
}
