import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeyFor, DynamoGate } from '../../local/dynamodb-gate/gate';
import type { ConsumedUnits } from '../../local/dynamodb-gate/meter';
import { LOCAL_REGION, type RunningDynamo, startDynamoDbLocal } from '../../local/emulators/dynamodb-local';

/**
 * The bench's cost figures come from the gate in front of DynamoDB Local: it asks the engine for what
 * each request consumed and credits it to the function whose access key signed it; requests signed by
 * no function are not metered. A write, in a transaction or alone, is counted by the service's rule
 * from its items before and after (DynamoDB Local's own figures differ); a single write refused by its
 * condition is billed all the same, one unit a KB of the item as it stood; anything else refused
 * counts as a request with no units.
 */
const TABLE = 'gate-meter';
/** A table with a sparse index, as the tickets' "inside" index. */
const INDEXED = 'gate-meter-indexed';
let dynamo: RunningDynamo;
let gate: DynamoGate;
const reported: { functionName: string; units: ConsumedUnits }[] = [];

const clientOf = (accessKeyId: string) =>
  new DynamoDBClient({
    endpoint: gate.endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
  });

beforeAll(async () => {
  dynamo = await startDynamoDbLocal(undefined);
  gate = new DynamoGate({
    target: dynamo.endpoint,
    tables: {
      arnOf: () => undefined,
      keyOf: () => ['id'],
      indexesOf: (table) =>
        table === INDEXED ? [{ keys: ['insideShard'], projection: 'INCLUDE', nonKey: ['zone'] }] : [],
    },
    conflicts: false,
    throttles: false,
    functionNames: new Map([[accessKeyFor('ScanFn1234'), 'scan']]),
    meter: (functionName, units) => reported.push({ functionName, units }),
    log: () => undefined,
  });
  await gate.start();
  const setup = clientOf('setup');
  await setup.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  await setup.send(
    new CreateTableCommand({
      TableName: INDEXED,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'insideShard', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'inside',
          KeySchema: [{ AttributeName: 'insideShard', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['zone'] },
        },
      ],
    }),
  );
  setup.destroy();
});

afterAll(async () => {
  await gate?.stop();
  await dynamo?.process.stop();
});

describe('the gate’s meter', () => {
  it('credits each request’s consumed units to the function that signed it', async () => {
    const scan = clientOf(accessKeyFor('ScanFn1234'));
    const stranger = clientOf('setup');
    await scan.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'a' } } }));
    await scan.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'a' } }, ConsistentRead: true }));
    await scan.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { id: { S: 'b' } } } },
          { Put: { TableName: TABLE, Item: { id: { S: 'c' } } } },
        ],
      }),
    );
    await expect(
      scan.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { id: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    // Not signed by a function: not metered, and answered as usual.
    const { Item } = await stranger.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'b' } } }));
    expect(Item?.id?.S).toBe('b');
    expect(reported).toEqual([
      { functionName: 'scan', units: { read: 0, write: 1, requests: 1 } },
      { functionName: 'scan', units: { read: 1, write: 0, requests: 1 } },
      // Two items in a transaction: 2 units each, once.
      { functionName: 'scan', units: { read: 0, write: 4, requests: 1 } },
      // Refused by its condition, billed all the same (DynamoDB Local reports nothing).
      { functionName: 'scan', units: { read: 0, write: 1, requests: 1 } },
    ]);
    scan.destroy();
    stranger.destroy();
  });

  it('counts a transaction by the service’s rule: 2 units a KB of every item, and what its index writes', async () => {
    const scan = clientOf(accessKeyFor('ScanFn1234'));
    reported.length = 0;
    const transact = (TransactItems: NonNullable<TransactWriteItemsCommand['input']['TransactItems']>) =>
      scan.send(new TransactWriteItemsCommand({ TransactItems }));
    // 1.5 KB alone: 2 KB, twice (DynamoDB Local reports 8).
    await transact([{ Put: { TableName: TABLE, Item: { id: { S: 'big' }, text: { S: 'x'.repeat(1500) } } } }]);
    // A ticket entering the index: the item (2, a transaction's) and its index entry put (1, as outside one).
    await scan.send(new PutItemCommand({ TableName: INDEXED, Item: { id: { S: 't1' }, zone: { S: 'hall' } } }));
    const move = (expression: string, values?: Record<string, { S: string }>) =>
      transact([
        {
          Update: {
            TableName: INDEXED,
            Key: { id: { S: 't1' } },
            UpdateExpression: expression,
            ...(values ? { ExpressionAttributeValues: values } : {}),
          },
        },
      ]);
    await move('SET insideShard = :shard', { ':shard': { S: 'day#1' } });
    // A change the index does not project: the item only.
    await move('SET seen = :seen', { ':seen': { S: 'yes' } });
    // Leaving the index: the item (2) and the entry's delete (1).
    await move('REMOVE insideShard');
    // A check and a put: 2 each.
    await transact([
      { ConditionCheck: { TableName: TABLE, Key: { id: { S: 'a' } }, ConditionExpression: 'attribute_exists(id)' } },
      { Put: { TableName: TABLE, Item: { id: { S: 'd' } } } },
    ]);
    expect(reported.map(({ units }) => units.write)).toEqual([4, 1, 3, 2, 3, 4]);
    // Outside a transaction, by the same rule, once: the item 1, its index entry put 1.
    const update = (expression: string, values: Record<string, { S: string }>, condition?: string) =>
      scan.send(
        new UpdateItemCommand({
          TableName: INDEXED,
          Key: { id: { S: 't1' } },
          UpdateExpression: expression,
          ExpressionAttributeValues: values,
          ...(condition ? { ConditionExpression: condition } : {}),
        }),
      );
    await update('SET insideShard = :shard', { ':shard': { S: 'day#2' } });
    // A change the index does not project: the item alone (DynamoDB Local counts the index too).
    await update('SET seen = :seen', { ':seen': { S: 'again' } });
    // Refused by its condition: a unit a KB of the item as it stood, 1.5 KB here.
    await update('SET notes = :notes', { ':notes': { S: 'x'.repeat(1500) } });
    await expect(update('SET seen = :seen', { ':seen': { S: 'never' } }, 'seen = :seen')).rejects.toBeInstanceOf(
      ConditionalCheckFailedException,
    );
    // Deleted: the item (2 KB) and its index entry.
    await scan.send(new DeleteItemCommand({ TableName: INDEXED, Key: { id: { S: 't1' } } }));
    expect(reported.slice(-5).map(({ units }) => units.write)).toEqual([2, 1, 2, 2, 3]);
    scan.destroy();
  });
});
