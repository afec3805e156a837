import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { aggregateFootfallDeps } from '#commons/footfall-deps';
import { logger } from '#commons/logger';
import { type FootfallMessage, FootfallMessageSchema } from '#events/footfall-message';
import { sqs } from '#shared/store/clients';
import { returnMessagesAfter } from '#shared/store/queue-visibility';
import { aggregateFootfall } from '#shared/use-cases/aggregate-footfall';

/**
 * Fed by the footfall queue (what a request did not count itself: bulk uploads, and what a request's
 * own counting could not finish): the whole batch grouped per booth and day, a transaction each (per 30 or
 * so events), each event's id put on condition it is new in the same transaction as what it adds.
 * Only the messages of a group that failed come back (partial batch response); a message that does
 * not parse is reported failed every time, so it reaches the dead-letter queue and its alarm.
 */
async function handle(event: SQSEvent): Promise<SQSBatchResponse> {
  const unreadable: string[] = [];
  const messages: { messageId: string; message: FootfallMessage }[] = [];
  for (const record of event.Records) {
    try {
      messages.push({ messageId: record.messageId, message: FootfallMessageSchema.parse(JSON.parse(record.body)) });
    } catch {
      logger.error('unreadable footfall message', { messageId: record.messageId });
      unreadable.push(record.messageId);
    }
  }
  let failed: string[];
  try {
    failed = await aggregateFootfall(await aggregateFootfallDeps(), messages);
  } catch (error) {
    logger.warn('footfall batch not counted; it comes back', { error: error as Error });
    failed = messages.map(({ messageId }) => messageId);
  }
  await retrySoon(event, new Set(failed));
  return { batchItemFailures: [...unreadable, ...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * A batch that failed on a passing fault (the table briefly unavailable) should not wait the queue's
 * whole visibility timeout (three minutes) to be counted: its messages come back after 2, 4, 8 ...
 * seconds instead. Best effort: without it they still come back.
 */
async function retrySoon(event: SQSEvent, failed: Set<string>): Promise<void> {
  await returnMessagesAfter(
    sqs(),
    resource('FOOTFALL_QUEUE_URL'),
    event.Records.filter((record) => failed.has(record.messageId)).map((record) => ({
      receiptHandle: record.receiptHandle,
      seconds: Math.min(120, 2 ** Number(record.attributes.ApproximateReceiveCount)),
    })),
  );
}

export const handler = eventHandler(handle);
