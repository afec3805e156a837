import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanStreamRecord } from '#events/scan-record';
import { DEFAULT_THRESHOLDS } from '#shared/domain/fair';
import { projectScans, type StreamedScan } from '#shared/use-cases/project-occupancy';

/**
 * The projector's watermarks, with the store's answers played by aws-sdk-client-mock: what a zone
 * counts of a shard's batch is only what lies above the zone's watermark for that shard, the new
 * watermark goes with the counts in one conditional update, and a shard long quiet is dropped.
 */
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mocked = mockClient(documents);
afterEach(() => mocked.reset());

const NOW = new Date('2027-03-26T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const deps = { client: documents, tables: { zones: 'zones' }, now: () => NOW };

const venue = {
  zoneId: 'venue',
  name: 'Venue',
  capacity: 100,
  thresholds: DEFAULT_THRESHOLDS,
  hysteresis: 0.05,
  count: 10,
  ticketed: 10,
  counted: 0,
  day: '2027-03-26',
  level: 'normal',
  levelVersion: 0,
  version: 7,
  updatedAt: hoursAgo(1),
  projectedUpTo: {
    'shard-a': { sequence: '100', at: hoursAgo(0.1) },
    'shard-b': { sequence: '900', at: hoursAgo(1) },
    'shard-old': { sequence: '5', at: hoursAgo(8) },
  },
};

const entry = (sequence: number): StreamedScan => {
  const scan: ScanStreamRecord = {
    scanId: `s${sequence}`,
    gateId: 'main',
    zoneId: 'venue',
    receivedAt: NOW.toISOString(),
    day: '2027-03-26',
    deltas: { venue: 1 },
    direction: 'in',
    scannedAt: NOW.toISOString(),
    verdict: 'ADMITTED',
  };
  return { eventId: `e${sequence}`, sequence: String(sequence), scan };
};

describe('the occupancy projector on one zone', () => {
  it("counts only the records above the zone's watermark for the batch's shard, and moves that watermark with them", async () => {
    mocked.on(GetCommand).resolves({ Item: venue });
    mocked.on(UpdateCommand).resolves({});
    // 99 and 100 were counted by an earlier delivery of this shard; 101 and 102 are new. Shard b's
    // watermark (900) says nothing about shard a.
    const outcome = await projectScans(deps, [entry(99), entry(100), entry(101), entry(102)], 'shard-a');
    expect(outcome).toEqual({ applied: 2, skipped: 2 });
    const [update] = mocked.commandCalls(UpdateCommand);
    const input = update?.args[0].input;
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':ticketed': 12,
      ':expected': 7,
      ':projectedUpTo': {
        'shard-a': { sequence: '102', at: NOW.toISOString() },
        'shard-b': venue.projectedUpTo['shard-b'],
      },
    });
    // Quiet for longer than a record may wait (the mapping's 6 hours): dropped.
    expect(input?.ExpressionAttributeValues?.[':projectedUpTo']).not.toHaveProperty('shard-old');
  });

  it('writes nothing for a batch wholly under the watermark (a redelivery), and compares sequences as numbers', async () => {
    mocked.on(GetCommand).resolves({ Item: venue });
    // '99' sorts after '100' as text: it is below it as a number.
    expect(await projectScans(deps, [entry(99), entry(100)], 'shard-a')).toEqual({ applied: 0, skipped: 2 });
    expect(mocked.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('reads the zone again when another writer moved it in between, and counts on what it then says', async () => {
    mocked
      .on(GetCommand)
      .resolvesOnce({ Item: venue })
      .resolves({
        Item: {
          ...venue,
          ticketed: 11,
          count: 11,
          version: 8,
          projectedUpTo: { ...venue.projectedUpTo, 'shard-b': { sequence: '901', at: NOW.toISOString() } },
        },
      });
    mocked
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))
      .resolves({});
    expect(await projectScans(deps, [entry(101)], 'shard-a')).toEqual({ applied: 1, skipped: 0 });
    const updates = mocked.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(2);
    expect(updates[1]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':ticketed': 12,
      ':expected': 8,
      ':projectedUpTo': { 'shard-b': { sequence: '901' }, 'shard-a': { sequence: '101' } },
    });
  });

  it('gives the batch back to be retried when the zone keeps changing under it', async () => {
    mocked.on(GetCommand).resolves({ Item: venue });
    mocked
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    await expect(projectScans(deps, [entry(101)], 'shard-a')).rejects.toThrow('kept changing');
  });
});
