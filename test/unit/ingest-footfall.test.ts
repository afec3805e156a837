import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { fairZone } from '#shared/domain/fair-time';
import { COUNTED_IN_REQUEST_MAX, type IngestFootfallDeps, ingestFootfall } from '#shared/use-cases/ingest-footfall';

/**
 * Where a booth's footfall is counted: a few events in the request that brought them, more (or what
 * the request could not count) behind the queue. The engines count both ways in the integration tests;
 * here the table is made to refuse, which DynamoDB Local never does (a throttled partition).
 */
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(documents);
const queue = new SQSClient({ region: 'us-east-1' });
const sqs = mockClient(queue);
afterEach(() => {
  dynamo.reset();
  sqs.reset();
});

const zone = fairZone('Africa/Casablanca', { '2027-03-23': '+00:00' });
const deps: IngestFootfallDeps = {
  client: documents,
  sqs: queue,
  ticketsTable: 'tickets',
  queueUrl: 'https://sqs.local/footfall',
  aggregate: { client: documents, table: 'stats', zone, boothVisitsPerMinute: 6, eventsExpireAt: 1, attempts: 3 },
  verifier: { verify: async () => ({ ok: false, code: 'INVALID_TOKEN' }) as never },
  fairId: 'fair',
  days: ['2027-03-23'],
  zone,
  now: () => new Date('2027-03-23T10:30:00Z'),
};
const tallies = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    eventId: `e${i}`,
    at: `2027-03-23T10:${String(i).padStart(2, '0')}:00Z`,
    kind: 'count' as const,
    in: 1,
  }));
const queued = () =>
  sqs
    .commandCalls(SendMessageCommand)
    .flatMap((call) => (JSON.parse(call.args[0].input.MessageBody ?? '{}') as { events: { eventId: string }[] }).events)
    .map((event) => event.eventId);

describe('a booth visit sent alone', () => {
  it('is counted before it is answered, in one transaction, and never queued', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await ingestFootfall(deps, 'B001', tallies(1))).toEqual({ accepted: 1, rejected: [] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(queued()).toEqual([]);
  });

  it('goes to the queue when the table refuses it (a throttled partition), still answered accepted', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds', $metadata: {} }));
    expect(await ingestFootfall(deps, 'B001', tallies(2))).toEqual({ accepted: 2, rejected: [] });
    expect(queued()).toEqual(['e0', 'e1']);
  });
});

describe('more events than a request counts', () => {
  it('queues them all unread and unwritten: a phone that was offline is answered at once', async () => {
    sqs.on(SendMessageCommand).resolves({});
    const events = tallies(COUNTED_IN_REQUEST_MAX + 1);
    expect(await ingestFootfall(deps, 'B001', events, true)).toEqual({ accepted: events.length, rejected: [] });
    expect(dynamo.calls()).toHaveLength(0);
    expect(queued()).toEqual(events.map((event) => event.eventId));
  });
});
