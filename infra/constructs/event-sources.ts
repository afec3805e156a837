import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

export interface BatchOptions {
  batchSize: number;
  /** How long Lambda may wait to fill a batch: larger batches coalesce more writes per hot key. */
  maxBatchingWindow: Duration;
}

export interface StreamOptions extends BatchOptions {
  /**
   * Whole-batch consumers (the occupancy projector) must be retried from their batch's first record:
   * no bisection, no partial responses. Per-record consumers keep both (the default).
   */
  wholeBatch?: boolean;
  /**
   * A tumbling window: its only use here is that each event then names its shard (`shardId`), which a
   * consumer keeping a watermark per shard needs. Records are not held for it: they come in batches
   * as they arrive, each batch an invocation, and the function must answer the window's `state`.
   */
  tumblingWindow?: Duration;
}

/**
 * A queue consumer reports failures per message, so one bad message never sends its whole batch back.
 * Redrive to the dead-letter queue is set on the queue itself (DurableQueue).
 */
export function consumeQueue(fn: IFunction, queue: IQueue, options: BatchOptions): void {
  fn.addEventSource(
    new SqsEventSource(queue, {
      batchSize: options.batchSize,
      maxBatchingWindow: options.maxBatchingWindow,
      reportBatchItemFailures: true,
    }),
  );
}

/**
 * A stream consumer never retries forever (AWS's default would block a shard for a day on one bad
 * record): bisect a failing batch to isolate the record, give up after a few tries, and send the
 * failed batch's description to a queue for an operator.
 */
export function consumeStream(fn: IFunction, table: ITable, onFailure: IQueue, options: StreamOptions): void {
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: options.batchSize,
      maxBatchingWindow: options.maxBatchingWindow,
      bisectBatchOnError: !options.wholeBatch,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(6),
      reportBatchItemFailures: !options.wholeBatch,
      ...(options.tumblingWindow ? { tumblingWindow: options.tumblingWindow } : {}),
      onFailure: new SqsDlq(onFailure),
    }),
  );
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason:
      "dynamodb:ListStreams, added by the DynamoDB event source, supports no resource-level permission; every other stream action is scoped to this table's stream.",
  });
}
