import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type FootfallMessage, FootfallMessageSchema } from '#events/footfall-message';
import { resource } from '#shared/config';
import { fairMeta } from '#shared/fair-context';
import { logger } from '#shared/logger';
import { dynamo } from '#shared/store/clients';
import { aggregateFootfall } from '#shared/use-cases/aggregate-footfall';

/**
 * Fed by the footfall queue: the whole batch coalesced per booth and day, one transaction each.
 * Only the messages of a group that failed come back (partial batch response); a message that does
 * not parse is reported failed every time, so it reaches the dead-letter queue and its alarm.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
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
  const fair = await fairMeta();
  const failed = await aggregateFootfall(dynamo(), resource('STATS_TABLE'), messages, fair.timezone);
  return { batchItemFailures: [...unreadable, ...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}
