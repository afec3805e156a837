import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../local/sources/checkpoint-store';
import { StreamPoller } from '../../local/sources/stream-poller';

/**
 * The local stream event source's batching window, against a stream that is idle and then gets one
 * record: as on Lambda, the window opens with the first record, so even a lone record after a quiet
 * spell waits the whole window (the projector's freshness is measured with it).
 */
async function deliveryDelay(windowSeconds: number, idleBeforeMs: number): Promise<number> {
  const started = performance.now();
  let recordAt = Number.POSITIVE_INFINITY;
  let served = false;
  const streams = {
    send: async (command: { constructor: { name: string } }) => {
      switch (command.constructor.name) {
        case 'DescribeStreamCommand':
          return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
        case 'GetShardIteratorCommand':
          return { ShardIterator: 'iterator' };
        default: {
          if (served || performance.now() - started < idleBeforeMs)
            return { Records: [], NextShardIterator: 'iterator' };
          served = true;
          recordAt = performance.now();
          return {
            Records: [
              {
                eventID: 'e1',
                eventName: 'INSERT',
                dynamodb: { SequenceNumber: '100', Keys: { id: { S: 'a' } }, ApproximateCreationDateTime: new Date() },
              },
            ],
            NextShardIterator: 'iterator',
          };
        }
      }
    },
  } as unknown as DynamoDBStreamsClient;
  let resolveDelivered: (at: number) => void = () => {};
  const delivered = new Promise<number>((resolve) => {
    resolveDelivered = resolve;
  });
  const poller = new StreamPoller({
    mapping: {
      kind: 'stream',
      logicalId: 'Mapping',
      functionId: 'Fn',
      tableId: 'Table',
      batchSize: 100,
      maxBatchingWindowSeconds: windowSeconds,
      reportBatchItemFailures: false,
      enabled: true,
      startingPosition: 'TRIM_HORIZON',
      bisectBatchOnError: false,
      maximumRetryAttempts: 1,
      maximumRecordAgeSeconds: 0,
      tumblingWindowSeconds: 0,
    },
    functionName: 'fn',
    functionArn: 'arn:fn',
    streamArn: 'arn:stream',
    streams,
    sqs: {} as SQSClient,
    checkpoints: new CheckpointStore(undefined),
    invoke: async () => {
      resolveDelivered(performance.now());
      return {};
    },
    log: () => undefined,
    idlePollMs: 50,
  });
  poller.start();
  const at = await delivered;
  await poller.stop();
  return at - recordAt;
}

describe('the local stream batching window', () => {
  it('opens with the first record, after an idle spell too, as on Lambda', async () => {
    // Idle for longer than the window: a window opened at the first poll would have closed by then.
    expect(await deliveryDelay(1, 1500)).toBeGreaterThanOrEqual(950);
  });

  it('delivers at once without a window', async () => {
    expect(await deliveryDelay(0, 300)).toBeLessThan(900);
  });
});
