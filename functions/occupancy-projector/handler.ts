import { eventHandler } from '#commons/event-handler';
import { projectionDeps } from '#commons/occupancy-deps';
import { streamedScans } from '#commons/scan-stream';
import { shardOf, type WindowedStreamEvent } from '#commons/stream-window';
import { projectScans } from '#shared/use-cases/project-occupancy';

/**
 * Fed by the scans table's stream: zone counts and levels, one conditional update a zone a batch (the
 * 2 s freshness the dashboard and the alerts need), each zone keeping how far it counted each shard
 * (the mapping's tumbling window names it). Any failure fails the whole batch, which is retried from
 * its first record.
 */
async function handle(event: WindowedStreamEvent): Promise<{ state: Record<string, never> }> {
  const scans = streamedScans(event);
  if (scans.length > 0) await projectScans(projectionDeps(), scans, shardOf(event));
  return { state: {} };
}

export const handler = eventHandler(handle);
