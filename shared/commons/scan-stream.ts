import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ScanStreamRecordSchema, type StreamedScan } from '../../events/scan-record';
import { logger } from './logger';

/**
 * The scan log records a batch of the scans table's stream inserted, in order. A record that does not
 * parse is our own bug, not a reason to block the shard: it is logged and left out.
 */
export function streamedScans(event: DynamoDBStreamEvent): StreamedScan[] {
  const scans: StreamedScan[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const parsed = ScanStreamRecordSchema.safeParse(unmarshall(record.dynamodb.NewImage as never));
    if (!parsed.success) {
      logger.error('unreadable scan record left out', { eventId: record.eventID, issues: parsed.error.issues });
      continue;
    }
    scans.push({ eventId: record.eventID ?? '', sequence: record.dynamodb.SequenceNumber ?? '0', scan: parsed.data });
  }
  return scans;
}
