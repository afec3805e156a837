import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators/dynamodb-local';
import { LocalRuntime } from '../../local/runtime';
import { ROOT } from '../../local/template/cloud-assembly';
import { stretch } from '../support/machine-factor';

/**
 * The local runtime's event sources, proven on a fixture stack wired with the production helpers
 * (test/fixtures/semantics/app.ts): partial batch responses, redrive to a dead-letter queue, batching,
 * stream bisection with order kept, the on-failure destination, and checkpoints across a restart.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'rawaq-semantics-'));

function start(): Promise<LocalRuntime> {
  return LocalRuntime.start({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    assemblyDir: path.join(ROOT, '.test-assemblies', 'semantics'),
    stackName: 'Semantics',
    app: 'npx tsx test/fixtures/semantics/app.ts',
    sources: [path.join(ROOT, 'test', 'fixtures', 'semantics'), path.join(ROOT, 'infra', 'constructs')],
    serveApi: false,
    startEventSources: true,
    // Stretched as the shared runtime's are, on a slow or shared machine: the queue consumer's 1 s
    // timeout covers seven writes, and in a loaded CI lane a batch outlived it and came back whole. At
    // most five times, so the queue's 6 s visibility still outlasts it (AWS's rule).
    functionTimeoutScale: Math.min(stretch(), 5),
    log: process.env.RAWAQ_TEST_LOG ? (line) => console.log(line) : () => undefined,
  });
}

let runtime: LocalRuntime;
let documents: DynamoDBDocumentClient;
let sqs: SQSClient;
const id = (prefix: string) => runtime.topology.queues.find((q) => q.logicalId.startsWith(prefix))?.logicalId ?? '';
const tableId = (prefix: string) =>
  runtime.topology.tables.find((t) => t.logicalId.startsWith(prefix))?.logicalId ?? '';

function connect(): void {
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ ...config, endpoint: runtime.endpoints.dynamodb }));
  sqs = new SQSClient({ ...config, endpoint: runtime.endpoints.sqs });
}

async function ledger(pk: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableId('Ledger'), Key: { pk }, ConsistentRead: true }),
  );
  return Item;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function receiveAll(queueId: string): Promise<string[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: runtime.resources.queueUrl(queueId),
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
    }),
  );
  return Messages.map((message) => message.Body ?? '');
}

beforeAll(async () => {
  runtime = await start();
  connect();
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SQS event source', () => {
  it('sends back only the message a partial batch response reports as failed', async () => {
    const QueueUrl = runtime.resources.queueUrl(id('WorkQueue'));
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: ids.map((messageId) => ({
          Id: messageId,
          MessageBody: JSON.stringify({ id: messageId, fail: messageId === 'p3' ? 'once' : undefined }),
        })),
      }),
    );
    await eventually('p3 to succeed on its second receive', async () =>
      (await ledger('queue#p3'))?.successes === 1 ? true : undefined,
    );
    for (const messageId of ids) {
      const entry = await ledger(`queue#${messageId}`);
      expect(entry?.successes, messageId).toBe(1);
      expect(entry?.attempts, messageId).toBe(messageId === 'p3' ? 2 : 1);
    }
  });

  it('moves a poison message to the dead-letter queue after maxReceiveCount receives', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: runtime.resources.queueUrl(id('WorkQueue')),
        MessageBody: JSON.stringify({ id: 'poison', fail: 'always' }),
      }),
    );
    const deadLetters = await eventually('the poison message in the DLQ', async () => {
      const bodies = await receiveAll(id('WorkDeadLetters'));
      return bodies.length > 0 ? bodies : undefined;
    });
    expect(deadLetters.map((body) => JSON.parse(body).id)).toEqual(['poison']);
    expect((await ledger('queue#poison'))?.attempts).toBe(3);
  });

  it('fills batches up to the batch size within the batching window', async () => {
    const QueueUrl = runtime.resources.queueUrl(id('WorkQueue'));
    const before = await documents.send(new ScanCommand({ TableName: tableId('Ledger') }));
    const seen = new Set((before.Items ?? []).map((item) => item.pk));
    for (let batch = 0; batch < 3; batch += 1) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({
            Id: String(i),
            MessageBody: JSON.stringify({ id: `b${batch}-${i}` }),
          })),
        }),
      );
    }
    // Every batch records its size before its messages count as done: once the sizes add up to the 30
    // sent, every batch is in, and none may be larger than the batch size.
    const sizes = await eventually('30 messages in batches', async () => {
      const after = await documents.send(new ScanCommand({ TableName: tableId('Ledger'), ConsistentRead: true }));
      const found = (after.Items ?? [])
        .filter((item) => String(item.pk).startsWith('batch#') && !seen.has(item.pk))
        .map((item) => Number(item.size));
      return found.reduce((sum, size) => sum + size, 0) >= 30 ? found : undefined;
    });
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(30);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  });
});

describe('DynamoDB stream event source', () => {
  it('bisects a failing batch down to the poison record, keeps order per item, and reports the record it gave up on', async () => {
    const TableName = tableId('Source');
    for (const version of [1, 2, 3]) {
      for (const key of ['k1', 'k2', 'k3', 'k4']) {
        await documents.send(
          new PutCommand({ TableName, Item: { pk: key, version, poison: key === 'k2' && version === 2 } }),
        );
      }
    }
    const failures = await eventually(
      'the on-failure message',
      async () => {
        const bodies = await receiveAll(id('StreamFailures'));
        return bodies.length > 0 ? bodies : undefined;
      },
      60_000,
    );
    expect(failures).toHaveLength(1);
    const report = JSON.parse(failures[0] ?? '{}');
    expect(report.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(report.DDBStreamBatchInfo.batchSize).toBe(1);
    await eventually('k4 v3', async () =>
      ((await ledger('stream#k4'))?.versions as number[] | undefined)?.length === 3 ? true : undefined,
    );
    expect((await ledger('stream#k1'))?.versions).toEqual([1, 2, 3]);
    expect((await ledger('stream#k2'))?.versions).toEqual([1, 3]);
    expect((await ledger('stream#k3'))?.versions).toEqual([1, 2, 3]);
    expect((await ledger('stream#k4'))?.versions).toEqual([1, 2, 3]);
  });

  it('resumes after a restart from its checkpoint: nothing done is replayed, nothing new is skipped', async () => {
    await runtime.stop();
    runtime = await start();
    connect();
    await documents.send(
      new PutCommand({ TableName: tableId('Source'), Item: { pk: 'k5', version: 1, poison: false } }),
    );
    // A stream is read in order: a replay of k1 or k2 from a lost checkpoint would come before k5.
    await eventually('k5 after the restart', async () => ((await ledger('stream#k5')) ? true : undefined));
    expect((await ledger('stream#k1'))?.versions).toEqual([1, 2, 3]);
    expect((await ledger('stream#k2'))?.versions).toEqual([1, 3]);
    expect((await ledger('stream#k5'))?.versions).toEqual([1]);
    expect(await receiveAll(id('StreamFailures'))).toEqual([]);
  });
});
