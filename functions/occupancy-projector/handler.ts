import type { DynamoDBStreamEvent } from 'aws-lambda';
import { eventHandler } from '#commons/event-handler';
import { projectionDeps } from '#commons/occupancy-deps';
import { streamedScans } from '#commons/scan-stream';
import { projectScans } from '#shared/use-cases/project-occupancy';

/**
 * Fed by the scans table's stream: zone counts and levels, one transaction per batch (the 2 s
 * freshness the dashboard and the alerts need). Any failure fails the whole batch, which is retried
 * from its first record.
 */
async function handle(event: DynamoDBStreamEvent): Promise<void> {
  const scans = streamedScans(event);
  if (scans.length === 0) return;
  await projectScans(projectionDeps(), scans);
}

export const handler = eventHandler(handle);
