import type { DynamoDBStreamsClient, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { CheckpointStore } from '../../local/sources/checkpoint-store';
import { StreamPoller, type StreamPollerOptions } from '../../local/sources/stream-poller';
import type { StreamMappingSpec } from '../../local/template/topology';

/** A stream of one shard whose every read answers what `serve` gives then, as the SDK shapes records. */
export function oneShardStream(shardId: string, serve: () => StreamRecord[]): DynamoDBStreamsClient {
  return {
    send: async (command: { constructor: { name: string } }) => {
      switch (command.constructor.name) {
        case 'DescribeStreamCommand':
          return { StreamDescription: { Shards: [{ ShardId: shardId }] } };
        case 'GetShardIteratorCommand':
          return { ShardIterator: 'iterator' };
        default:
          return { Records: serve(), NextShardIterator: 'iterator' };
      }
    },
  } as unknown as DynamoDBStreamsClient;
}

/** An inserted record of the stream, created at `at`. */
export const streamRecord = (eventId: string, sequence: string, at: Date): StreamRecord => ({
  eventID: eventId,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequence, Keys: { id: { S: 'a' } }, ApproximateCreationDateTime: at },
});

/**
 * The local stream event source on such a stream, its mapping as a template gives one (the fields
 * that matter to a test given), no on-failure queue, checkpoints in memory unless given.
 */
export function testPoller(options: {
  mapping: Partial<StreamMappingSpec>;
  streams: DynamoDBStreamsClient;
  invoke: StreamPollerOptions['invoke'];
  checkpoints?: CheckpointStore;
  idlePollMs: number;
}): StreamPoller {
  return new StreamPoller({
    mapping: {
      kind: 'stream',
      logicalId: 'Mapping',
      functionId: 'Fn',
      tableId: 'Table',
      batchSize: 100,
      maxBatchingWindowSeconds: 0,
      reportBatchItemFailures: false,
      enabled: true,
      startingPosition: 'TRIM_HORIZON',
      bisectBatchOnError: false,
      maximumRetryAttempts: 1,
      maximumRecordAgeSeconds: 0,
      tumblingWindowSeconds: 0,
      ...options.mapping,
    },
    functionName: 'fn',
    functionArn: 'arn:fn',
    streamArn: 'arn:stream',
    streams: options.streams,
    sqs: {} as SQSClient,
    checkpoints: options.checkpoints ?? new CheckpointStore(undefined),
    invoke: options.invoke,
    log: () => undefined,
    idlePollMs: options.idlePollMs,
  });
}
