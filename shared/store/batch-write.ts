import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes many requests, 25 to a BatchWriteItem, retrying with backoff whatever DynamoDB hands back as
 * unprocessed under load until nothing is left.
 */
async function writeAll(client: DynamoDBDocumentClient, table: string, all: WriteRequest[]): Promise<void> {
  for (let start = 0; start < all.length; start += 25) {
    let requests: Record<string, unknown>[] | undefined = all.slice(start, start + 25);
    for (let attempt = 0; requests && requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
    }
  }
}

export function putAll(client: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  return writeAll(
    client,
    table,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

export function deleteAll(
  client: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
): Promise<void> {
  return writeAll(
    client,
    table,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
  );
}
