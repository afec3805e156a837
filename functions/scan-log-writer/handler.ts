import type { DynamoDBStreamEvent } from 'aws-lambda';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { imagesOf } from '#commons/stream-images';
import { dynamo } from '#shared/store/clients';
import type { ScanRecord } from '#shared/store/scans-store';
import { logCarriedScans, newlyCarried } from '#shared/use-cases/log-carried-scans';

/**
 * Fed by the tickets table's stream: the scan records gates wrote onto tickets (the common case at a
 * gate, one write with no transaction) put into the scan log, whose stream counts them. A failure
 * fails the whole batch, retried from its first record: the puts are conditional on the id, so a
 * retry puts nothing twice.
 */
async function handle(event: DynamoDBStreamEvent): Promise<void> {
  const records: ScanRecord[] = [];
  for (const record of event.Records) {
    if (record.eventName === 'REMOVE') continue;
    const { old, next } = imagesOf(record);
    const carried = newlyCarried(old, next);
    if (carried) records.push(carried);
  }
  if (records.length > 0)
    await logCarriedScans({ client: dynamo(), tables: { scans: resource('SCANS_TABLE') } }, records);
}

export const handler = eventHandler(handle);
