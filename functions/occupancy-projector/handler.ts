import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { eventHandler } from '#commons/event-handler';
import { logger } from '#commons/logger';
import { projectionDeps } from '#commons/occupancy-deps';
import { ScanStreamRecordSchema } from '#events/scan-record';
import { projectScans, type StreamedScan } from '#shared/use-cases/project-occupancy';

/**
 * Fed by the scans table's stream: zone counts, levels and gate statistics, one transaction per
 * batch. A record that does not parse is our own bug, not a reason to block the shard: it is logged
 * and left out. Any other failure fails the whole batch, which is retried from its first record.
 */
async function handle(event: DynamoDBStreamEvent): Promise<void> {
  const scans: StreamedScan[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const parsed = ScanStreamRecordSchema.safeParse(unmarshall(record.dynamodb.NewImage as never));
    if (!parsed.success) {
      logger.error('unreadable scan record left out of the projection', {
        eventId: record.eventID,
        issues: parsed.error.issues,
      });
      continue;
    }
    scans.push({ eventId: record.eventID ?? '', sequence: record.dynamodb.SequenceNumber ?? '0', scan: parsed.data });
  }
  if (scans.length === 0) return;
  await projectScans(await projectionDeps(), scans);
}

export const handler = eventHandler(handle);
