import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueMappingSpec } from '../template/topology';
import { failedItems } from './batch-response';

export interface QueuePollerOptions {
  mapping: QueueMappingSpec;
  functionName: string;
  queueUrl: string;
  queueArn: string;
  sqs: SQSClient;
  invoke: (event: SQSEvent) => Promise<unknown>;
  log: (line: string) => void;
  /** Concurrent batches, as Lambda runs several pollers per queue. */
  concurrency?: number;
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          stringValue: value.StringValue,
          binaryValue: undefined,
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

/**
 * Lambda's SQS event source: fills a batch up to its size or until its window closes, invokes, deletes
 * what succeeded. A failed invocation deletes nothing, a partial response deletes all but the failed
 * messages; what is not deleted comes back after the visibility timeout, and the queue's redrive
 * policy moves it to the dead-letter queue after maxReceiveCount receives.
 */
export class QueuePoller {
  private running = false;
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(private readonly options: QueuePollerOptions) {}

  start(): void {
    this.running = true;
    const concurrency = this.options.concurrency ?? 2;
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const { Messages = [] } = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.queueUrl,
        MaxNumberOfMessages: Math.min(10, max),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return Messages;
  }

  private async gather(): Promise<Message[]> {
    const { batchSize, maxBatchingWindowSeconds } = this.options.mapping;
    const batch = await this.receive(batchSize, 1);
    if (batch.length === 0) return batch;
    const deadline = Date.now() + maxBatchingWindowSeconds * 1000;
    while (this.running && batch.length < batchSize && Date.now() < deadline) {
      // Messages already received are in flight: if the queue fails while the batch fills, deliver
      // them now rather than drop them to wait out their visibility timeout.
      const more = await this.receive(batchSize - batch.length, 0).catch(() => undefined);
      if (!more) break;
      if (more.length === 0)
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(100, deadline - Date.now()))));
      batch.push(...more);
    }
    return batch;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let batch: Message[];
      try {
        batch = await this.gather();
      } catch (error) {
        if (!this.running) return;
        this.options.log(`${this.options.functionName} could not receive from its queue: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (batch.length === 0) continue;
      try {
        await this.deliver(batch);
      } catch (error) {
        // The queue itself failed (deleting what succeeded): those messages come back and are
        // delivered again, which idempotent consumers absorb. The poller must outlive its queue.
        if (!this.running) return;
        this.options.log(
          `${this.options.functionName} could not finish a batch with its queue: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async deliver(batch: Message[]): Promise<void> {
    const { functionName, mapping } = this.options;
    const started = performance.now();
    const records = batch.map((message) => toRecord(message, this.options.queueArn));
    let failed: Set<string> | 'all';
    try {
      const result = await this.options.invoke({ Records: records });
      failed = mapping.reportBatchItemFailures
        ? failedItems(result, new Set(records.map((r) => r.messageId)))
        : new Set();
    } catch (error) {
      failed = 'all';
      this.options.log(`${functionName.padEnd(20)} sqs batch of ${records.length} failed: ${(error as Error).message}`);
    }
    const done = failed === 'all' ? [] : records.filter((record) => !failed.has(record.messageId));
    for (let start = 0; start < done.length; start += 10) {
      await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: done
            .slice(start, start + 10)
            .map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
        }),
      );
    }
    const outcome =
      failed === 'all' ? 'all back to the queue' : failed.size ? `${failed.size} back to the queue` : 'ok';
    this.options.log(
      `${functionName.padEnd(20)} sqs batch of ${records.length} ${outcome} ${(performance.now() - started).toFixed(0)} ms`,
    );
  }
}
