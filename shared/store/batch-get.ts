import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of `keys` that exists, 100 at a time, unprocessed keys retried with a growing wait:
 * read consistently unless told otherwise, whole or only `fields` (each through a placeholder: some,
 * like `share`, are DynamoDB reserved words).
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  options: { consistent?: boolean; fields?: readonly string[] } = {},
): Promise<Record<string, unknown>[]> {
  const { consistent = true, fields } = options;
  const projection = fields
    ? {
        ProjectionExpression: fields.map((_, index) => `#f${index}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(fields.map((field, index) => [`#f${index}`, field])),
      }
    : {};
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent, ...projection } },
        }),
      );
      found.push(...(Responses?.[table] ?? []));
      pending = UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found;
}

/**
 * Items from several tables in one request (at most 100 keys in all), each read consistently;
 * unprocessed keys are asked again with a growing wait. By table, in no particular order.
 */
export async function batchGetTables(
  client: DynamoDBDocumentClient,
  keysByTable: Record<string, Record<string, unknown>[]>,
): Promise<Record<string, Record<string, unknown>[]>> {
  const found: Record<string, Record<string, unknown>[]> = Object.fromEntries(
    Object.keys(keysByTable).map((table) => [table, []]),
  );
  let pending: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined =
    Object.fromEntries(
      Object.entries(keysByTable)
        .filter(([, keys]) => keys.length > 0)
        .map(([table, keys]) => [table, { Keys: keys, ConsistentRead: true }]),
    );
  for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    const { Responses, UnprocessedKeys } = await client.send(new BatchGetCommand({ RequestItems: pending }));
    for (const [table, items] of Object.entries(Responses ?? {})) found[table]?.push(...items);
    pending = UnprocessedKeys as typeof pending;
  }
  return found;
}
