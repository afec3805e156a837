import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { eventHandler } from '#commons/event-handler';
import { closeDayDeps } from '#commons/fair-days-deps';
import { logger } from '#commons/logger';
import { SweepJobSchema } from '#events/sweep-job';
import { sweepShard } from '#shared/use-cases/close-fair-day';

const processor = new BatchProcessor(EventType.SQS);

/**
 * Fed by the closing queue: each message is one shard of a day's closing, its tickets let out side by
 * side. A failed job comes back alone (partial batch response); a job done twice changes nothing.
 */
async function sweep(record: SQSRecord): Promise<void> {
  const job = SweepJobSchema.parse(JSON.parse(record.body));
  const closed = await sweepShard(await closeDayDeps(), job);
  if (closed) logger.info('fair day closed', { day: closed.day, sweptOut: closed.sweptOut });
}

export const handler = eventHandler(async (event: SQSEvent) => processPartialResponse(event, sweep, processor));
