import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { closedLoop } from './measure';

/** Clients on the bench's own engine (the SDK's, and its document client over it). */
export function engineClient(endpoint: string) {
  const base = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { base, client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }) };
}

/** A fresh table keyed by `pk` on the bench's engine, with its clients: each measurement writes its own. */
export async function scratchTable(endpoint: string, prefix: string) {
  const { base, client } = engineClient(endpoint);
  const TableName = `${prefix}${Date.now()}`;
  await base.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    }),
  );
  return { base, client, TableName };
}

/**
 * The engine's own limits on this machine, through the same SDK: what a perfect application could
 * do at the same concurrency. Every other number is read against these.
 */
export async function measureRaw(endpoint: string, concurrency: number, seconds: number) {
  const { base, client, TableName } = await scratchTable(endpoint, 'BenchRaw');
  const put = await closedLoop(concurrency, seconds, async (w, i) => {
    await client.send(new PutCommand({ TableName, Item: { pk: `p-${w}-${i}`, v: i } }));
    return true;
  });
  const update = await closedLoop(concurrency, seconds, async (w, i) => {
    await client.send(
      new UpdateCommand({
        TableName,
        Key: { pk: `u-${w}-${i}` },
        UpdateExpression: 'SET v = :v',
        ConditionExpression: 'attribute_not_exists(v)',
        ExpressionAttributeValues: { ':v': i },
      }),
    );
    return true;
  });
  const transact = await closedLoop(concurrency, seconds, async (w, i) => {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName,
              Key: { pk: `t-${w}-${i}` },
              UpdateExpression: 'SET v = :v',
              ConditionExpression: 'attribute_not_exists(v)',
              ExpressionAttributeValues: { ':v': i },
            },
          },
          { Put: { TableName, Item: { pk: `s-${w}-${i}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return true;
  });
  base.destroy();
  return {
    concurrency,
    transactWrite2PerSecond: transact.perSecond,
    conditionalUpdatePerSecond: update.perSecond,
    putItemPerSecond: put.perSecond,
  };
}
