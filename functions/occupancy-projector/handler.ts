import type { DynamoDBStreamEvent } from 'aws-lambda';
import { eventHandler } from '#commons/event-handler';
import { projectionDeps } from '#commons/occupancy-deps';
import { streamedScans } from '#commons/scan-stream';
import { projectScans } from '#shared/use-cases/project-occupancy';

/** A stream event on a mapping with a tumbling window: it names its shard (AWS's TimeWindowProperties). */
type WindowedEvent = DynamoDBStreamEvent & { shardId?: string };

/**
 * Fed by the scans table's stream: zone counts and levels, one conditional update a zone a batch (the
 * 2 s freshness the dashboard and the alerts need), each zone keeping how far it counted each shard.
 * The mapping's tumbling window is there for the shard's name, not to hold records: the window keeps
 * no state here, and answers an empty one, as a function on a window must. Any failure fails the whole
 * batch, which is retried from its first record.
 */
async function handle(event: WindowedEvent): Promise<{ state: Record<string, never> }> {
  const scans = streamedScans(event);
  if (scans.length > 0) {
    if (!event.shardId)
      throw new Error("a scans batch without its shard: the projector needs its mapping's tumbling window");
    await projectScans(projectionDeps(), scans, event.shardId);
  }
  return { state: {} };
}

export const handler = eventHandler(handle);
