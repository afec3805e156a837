import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeyFor, DynamoGate } from '../../local/dynamodb-gate/gate';
import type { ConsumedUnits } from '../../local/dynamodb-gate/meter';
import { LOCAL_REGION, type RunningDynamo, startDynamoDbLocal } from '../../local/emulators/dynamodb-local';

/**
 * The bench's cost figures come from the gate in front of DynamoDB Local: it asks the engine for what
 * each request consumed and credits it to the function whose access key signed it. Refused requests
 * count as requests with no units; requests signed by no function are not metered.
 */
const TABLE = 'gate-meter';
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
    tables: { arnOf: () => undefined, keyOf: () => ['id'] },
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
      { functionName: 'scan', units: { read: 0, write: 0, requests: 1 } },
    ]);
    scan.destroy();
    stranger.destroy();
  });
});
