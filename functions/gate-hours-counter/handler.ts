import type { DynamoDBStreamEvent } from 'aws-lambda';
import { eventHandler } from '#commons/event-handler';
import { gateHoursDeps } from '#commons/occupancy-deps';
import { streamedScans } from '#commons/scan-stream';
import { countGateHours } from '#shared/use-cases/count-gate-hours';

/**
 * Fed by the scans table's stream, beside the projector: each gate's (and workshop door's) hour, its
 * entries, exits and refusals by verdict, a batch at a time (a few seconds' window: the statistics
 * need no 2 s freshness), once. Any failure fails the whole batch, retried from its first record.
 */
async function handle(event: DynamoDBStreamEvent): Promise<void> {
  const scans = streamedScans(event);
  if (scans.length === 0) return;
  await countGateHours(await gateHoursDeps(), scans);
}

export const handler = eventHandler(handle);
