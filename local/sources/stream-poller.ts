import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamWindow } from '../../shared/commons/stream-window';
import type { StreamMappingSpec } from '../template/topology';
import { failedItems } from './batch-response';
import { type CheckpointStore, sequenceAfter } from './checkpoint-store';

export interface StreamPollerOptions {
  mapping: StreamMappingSpec;
  functionName: string;
  functionArn: string;
  streamArn: string;
  streams: DynamoDBStreamsClient;
  sqs: SQSClient;
  onFailureQueueUrl?: string;
  checkpoints: CheckpointStore;
  invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  log: (line: string) => void;
  /** How often an idle shard is polled; Lambda polls about four times a second. */
  idlePollMs?: number;
}

/** The errors GetRecords answers for an iterator it will not read from any more: a new one reads on. */
const STALE_ITERATOR = new Set(['TrimmedDataAccessException', 'ExpiredIteratorException']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Binary attribute values travel as base64 in Lambda events, as the service sends them. */
function lambdaShape(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(lambdaShape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, lambdaShape(inner)]));
  }
  return value;
}

function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: {
      ...(lambdaShape(record.dynamodb) as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: created
        ? Math.floor(new Date(created).getTime() / 1000)
        : Math.floor(Date.now() / 1000),
    },
  } as DynamoDBRecord;
}

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '0';

/** A tumbling window of a shard: its bounds (ms, on the clock's multiples of its length) and its state. */
interface OpenWindow {
  start: number;
  end: number;
  state: Record<string, unknown>;
}

/** A stream event as a mapping with a tumbling window sends it. */
export type WindowedStreamEvent = DynamoDBStreamEvent & StreamWindow;

/** The state a windowed function answered, or undefined when it answered none (a failed invocation). */
function answeredState(result: unknown): Record<string, unknown> | undefined {
  const state = (result as { state?: unknown } | null | undefined)?.state;
  return state && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : undefined;
}

/**
 * Lambda's DynamoDB Streams event source, per shard and in order: batches up to the batch size or
 * the batching window; a failed batch is retried (bisected when the mapping says so, which isolates a
 * poison record without reordering: the first half must succeed before the second runs); a partial
 * response resumes from the lowest failed sequence number; after the retry limit or the record age
 * limit the batch's description goes to the on-failure queue and the shard moves on. The checkpoint
 * advances only past records that succeeded or were given up on.
 */
export class StreamPoller {
  /** Per shard: when its last answered read was sent, and the last record it has read to deliver. */
  private readonly progress = new Map<string, { polledAt: number; seen?: string }>();

  /**
   * Whether everything written to the stream before `since` (ms) has been delivered and finished: in
   * every shard, a read sent after it has been answered, and the last record read is checkpointed.
   */
  caughtUpSince(since: number): boolean {
    if (this.progress.size === 0) return false;
    return [...this.progress].every(([shardId, { polledAt, seen }]) => {
      if (polledAt < since) return false;
      const checkpoint = this.options.checkpoints.get(this.options.mapping.logicalId, shardId);
      return seen === undefined || (checkpoint !== undefined && !sequenceAfter(seen, checkpoint));
    });
  }

  private running = false;
  /** Per shard, its open tumbling window (when the mapping has one). */
  private readonly windows = new Map<string, OpenWindow>();
  private readonly shardLoops = new Map<string, Promise<void>>();
  private discovery: Promise<void> | undefined;

  constructor(private readonly options: StreamPollerOptions) {}

  start(): void {
    this.running = true;
    this.discovery = this.discover();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.discovery;
    await Promise.allSettled([...this.shardLoops.values()]);
  }

  private async discover(): Promise<void> {
    while (this.running) {
      try {
        const { StreamDescription } = await this.options.streams.send(
          new DescribeStreamCommand({ StreamArn: this.options.streamArn }),
        );
        const shards = StreamDescription?.Shards ?? [];
        const known = new Set(shards.map((shard) => shard.ShardId));
        for (const shard of shards) {
          const shardId = shard.ShardId;
          if (!shardId || this.shardLoops.has(shardId)) continue;
          // A child shard waits for its parent, so records of one item stay in order across a split.
          const parent =
            shard.ParentShardId && known.has(shard.ParentShardId)
              ? this.shardLoops.get(shard.ParentShardId)
              : undefined;
          this.shardLoops.set(
            shardId,
            (parent ?? Promise.resolve()).then(() => this.runShard(shardId)),
          );
        }
      } catch (error) {
        this.options.log(`${this.options.functionName} could not describe its stream: ${(error as Error).message}`);
      }
      await this.sleepWhileRunning(5000);
    }
  }

  private async sleepWhileRunning(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.running && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
  }

  private async iterator(shardId: string): Promise<string | undefined> {
    const checkpoint = this.options.checkpoints.get(this.options.mapping.logicalId, shardId);
    const request = checkpoint
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: checkpoint }
      : { ShardIteratorType: this.options.mapping.startingPosition };
    try {
      const { ShardIterator } = await this.options.streams.send(
        new GetShardIteratorCommand({ StreamArn: this.options.streamArn, ShardId: shardId, ...request }),
      );
      return ShardIterator;
    } catch (error) {
      // DynamoDB Local can refuse a position it trimmed or never had: start over from the horizon; the
      // checkpoint filter below drops anything already done.
      if ((error as Error).name !== 'TrimmedDataAccessException' && (error as Error).name !== 'ValidationException')
        throw error;
      const { ShardIterator } = await this.options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.options.streamArn,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      return ShardIterator;
    }
  }

  private async runShard(shardId: string): Promise<void> {
    const { mapping } = this.options;
    const idle = this.options.idlePollMs ?? 250;
    let iterator: string | undefined;
    while (this.running) {
      try {
        iterator ??= await this.iterator(shardId);
        if (!iterator) return;
        const batch: DynamoDBRecord[] = [];
        // As Lambda does, the window opens with the batch's first record: an idle shard's next record
        // waits the whole window too (a window opened while idle would let it through at once).
        let deadline = Number.POSITIVE_INFINITY;
        while (this.running && iterator && batch.length < mapping.batchSize) {
          const polledAt = Date.now();
          const response: GetRecordsCommandOutput = await this.options.streams.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(1000, mapping.batchSize - batch.length) }),
          );
          iterator = response.NextShardIterator;
          const checkpoint = this.options.checkpoints.get(mapping.logicalId, shardId);
          for (const record of response.Records ?? []) {
            const shaped = toLambdaRecord(record, this.options.streamArn);
            if (sequenceAfter(sequenceOf(shaped), checkpoint)) batch.push(shaped);
          }
          const seen = batch.length > 0 ? sequenceOf(batch.at(-1) as DynamoDBRecord) : this.progress.get(shardId)?.seen;
          this.progress.set(shardId, { polledAt, ...(seen ? { seen } : {}) });
          if (batch.length > 0 && deadline === Number.POSITIVE_INFINITY)
            deadline = Date.now() + mapping.maxBatchingWindowSeconds * 1000;
          if ((response.Records ?? []).length > 0 && Date.now() < deadline) continue;
          if (batch.length > 0 && Date.now() >= deadline) break;
          await sleep(batch.length > 0 ? Math.min(idle, deadline - Date.now()) : idle);
          if (batch.length > 0 && Date.now() >= deadline) break;
        }
        if (batch.length > 0) {
          for (const part of this.byWindow(batch)) {
            // Stopped mid-retry: whatever is not checkpointed is delivered again on the next start.
            if (!(await this.deliver(shardId, part))) return;
          }
        } else if (!(await this.closeWindowIfOver(shardId, Date.now()))) return;
        if (!iterator) {
          // The shard is closed and fully read: nothing more to wait for in it.
          this.progress.delete(shardId);
          return;
        }
      } catch (error) {
        if (!this.running) return;
        // An iterator DynamoDB Local no longer honours (trimmed, expired: a fresh stream's first read
        // meets it) is replaced at once, as an idle shard is read again; anything else waits a second.
        // With the second for both, a fresh runtime's first scan reached the occupancy in 2.4 s.
        const stale = STALE_ITERATOR.has((error as Error).name);
        this.options.log(`${this.options.functionName} stream read failed (${(error as Error).name}); retrying`);
        iterator = undefined;
        await sleep(stale ? idle : 1000);
      }
    }
  }

  private windowStartOf(record: DynamoDBRecord): number {
    const length = this.options.mapping.tumblingWindowSeconds * 1000;
    const at = (record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000;
    return Math.floor(at / length) * length;
  }

  /** A batch in runs of one tumbling window each (as Lambda never sends one across two); whole without one. */
  private byWindow(records: DynamoDBRecord[]): DynamoDBRecord[][] {
    if (this.options.mapping.tumblingWindowSeconds <= 0) return [records];
    const parts: DynamoDBRecord[][] = [];
    for (const record of records) {
      const last = parts.at(-1);
      if (last && this.windowStartOf(last[0] as DynamoDBRecord) === this.windowStartOf(record)) last.push(record);
      else parts.push([record]);
    }
    return parts;
  }

  /**
   * The window's final invocation (no records, `isFinalInvokeForWindow`) once it is over: when records
   * of a later window come, or when the shard is idle past its end. Tried again until it succeeds, as
   * Lambda does. False when stopped first.
   */
  private async closeWindowIfOver(shardId: string, now: number): Promise<boolean> {
    const open = this.windows.get(shardId);
    if (!open || now < open.end) return true;
    for (let attempts = 1; this.running; attempts += 1) {
      try {
        const result = await this.options.invoke(this.eventFor(shardId, [], open, true));
        if (answeredState(result)) {
          this.windows.delete(shardId);
          return true;
        }
      } catch {
        // tried again below
      }
      this.options.log(`${this.options.functionName.padEnd(20)} window's final invocation failed, attempt ${attempts}`);
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempts, 5)));
    }
    return false;
  }

  private eventFor(
    shardId: string,
    records: DynamoDBRecord[],
    open?: OpenWindow,
    final = false,
  ): DynamoDBStreamEvent | WindowedStreamEvent {
    if (!open) return { Records: records };
    return {
      Records: records,
      shardId,
      eventSourceARN: this.options.streamArn,
      window: { start: new Date(open.start).toISOString(), end: new Date(open.end).toISOString() },
      state: open.state,
      isFinalInvokeForWindow: final,
      isWindowTerminatedEarly: false,
    };
  }

  /** The shard's window for records starting at `first`: the open one, or a new one after closing it. */
  private async windowFor(shardId: string, first: DynamoDBRecord): Promise<OpenWindow | undefined> {
    const seconds = this.options.mapping.tumblingWindowSeconds;
    if (seconds <= 0) return undefined;
    const start = this.windowStartOf(first);
    if (this.windows.get(shardId)?.start !== start) {
      await this.closeWindowIfOver(shardId, Number.POSITIVE_INFINITY);
      this.windows.set(shardId, { start, end: start + seconds * 1000, state: {} });
    }
    return this.windows.get(shardId);
  }

  /** Returns false when stopped before the batch was finished with. */
  private async deliver(shardId: string, records: DynamoDBRecord[]): Promise<boolean> {
    const { mapping, functionName } = this.options;
    const segments: DynamoDBRecord[][] = [records];
    const open = await this.windowFor(shardId, records[0] as DynamoDBRecord);
    let attempts = 0;
    while (segments.length > 0) {
      if (!this.running) return false;
      const segment = segments[0] as DynamoDBRecord[];
      const first = segment[0] as DynamoDBRecord;
      const ageSeconds = Date.now() / 1000 - (first.dynamodb?.ApproximateCreationDateTime ?? 0);
      if (mapping.maximumRecordAgeSeconds > 0 && ageSeconds > mapping.maximumRecordAgeSeconds) {
        await this.giveUp(shardId, segment, 'RecordAgeExceeded', attempts);
        segments.shift();
        continue;
      }
      const started = performance.now();
      let failed: Set<string> | 'all';
      let reason = '';
      try {
        const result = await this.options.invoke(this.eventFor(shardId, segment, open));
        failed = mapping.reportBatchItemFailures ? failedItems(result, new Set(segment.map(sequenceOf))) : new Set();
        if (failed === 'all') reason = 'an unreadable partial response';
        const state = open ? answeredState(result) : undefined;
        if (open && !state) {
          failed = 'all';
          reason = 'no state answered (a function on a tumbling window must answer one)';
        } else if (open && state) open.state = state;
      } catch (error) {
        failed = 'all';
        reason = (error as Error).message;
      }
      const elapsed = `${(performance.now() - started).toFixed(0)} ms`;
      if (failed !== 'all' && failed.size === 0) {
        this.options.checkpoints.set(mapping.logicalId, shardId, sequenceOf(segment.at(-1) as DynamoDBRecord));
        this.options.log(`${functionName.padEnd(20)} stream batch of ${segment.length} ok ${elapsed}`);
        segments.shift();
        attempts = 0;
        continue;
      }
      let retry = segment;
      if (failed !== 'all') {
        // Lambda resumes from the lowest sequence number reported; the records before it are done.
        const lowest = segment.findIndex((record) => failed.has(sequenceOf(record)));
        if (lowest > 0)
          this.options.checkpoints.set(mapping.logicalId, shardId, sequenceOf(segment[lowest - 1] as DynamoDBRecord));
        retry = segment.slice(lowest);
        reason = `${failed.size} record(s) reported failed`;
      }
      segments.shift();
      // Splitting a batch does not count against the retry limit (AWS's rule), so bisection always
      // gets down to the one poison record before giving up on anything.
      if (failed === 'all' && mapping.bisectBatchOnError && retry.length > 1) {
        const half = Math.ceil(retry.length / 2);
        segments.unshift(retry.slice(0, half), retry.slice(half));
        this.options.log(
          `${functionName.padEnd(20)} stream batch of ${segment.length} failed (${reason}); bisecting ${elapsed}`,
        );
        continue;
      }
      attempts += 1;
      this.options.log(
        `${functionName.padEnd(20)} stream batch of ${segment.length} failed (${reason}), attempt ${attempts} ${elapsed}`,
      );
      if (mapping.maximumRetryAttempts >= 0 && attempts > mapping.maximumRetryAttempts) {
        await this.giveUp(shardId, retry, 'RetryAttemptsExhausted', attempts);
        attempts = 0;
        continue;
      }
      segments.unshift(retry);
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempts, 5)));
    }
    return true;
  }

  /** The batch's description (not its records) to the on-failure destination, as Lambda sends it. */
  private async giveUp(shardId: string, records: DynamoDBRecord[], condition: string, attempts: number): Promise<void> {
    const { mapping, functionName } = this.options;
    const first = records[0] as DynamoDBRecord;
    const last = records.at(-1) as DynamoDBRecord;
    if (this.options.onFailureQueueUrl) {
      const arrival = (record: DynamoDBRecord) =>
        new Date((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000).toISOString();
      await this.options.sqs.send(
        new SendMessageCommand({
          QueueUrl: this.options.onFailureQueueUrl,
          MessageBody: JSON.stringify({
            requestContext: {
              requestId: crypto.randomUUID(),
              functionArn: this.options.functionArn,
              condition,
              approximateInvokeCount: attempts,
            },
            responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
            version: '1.0',
            timestamp: new Date().toISOString(),
            DDBStreamBatchInfo: {
              shardId,
              startSequenceNumber: sequenceOf(first),
              endSequenceNumber: sequenceOf(last),
              approximateArrivalOfFirstRecord: arrival(first),
              approximateArrivalOfLastRecord: arrival(last),
              batchSize: records.length,
              streamArn: this.options.streamArn,
            },
          }),
        }),
      );
    }
    this.options.checkpoints.set(mapping.logicalId, shardId, sequenceOf(last));
    this.options.log(
      `${functionName.padEnd(20)} gave up on ${records.length} stream record(s) (${condition}); sent to the on-failure queue`,
    );
  }
}
