import { eventHandler } from '#commons/event-handler';
import { gateHoursDeps } from '#commons/occupancy-deps';
import { streamedScans } from '#commons/scan-stream';
import { shardOf, type WindowedStreamEvent } from '#commons/stream-window';
import { countGateHours } from '#shared/use-cases/count-gate-hours';

/**
 * Fed by the scans table's stream, beside the projector: each gate's (and workshop door's) hour, its
 * entries, exits and refusals by verdict, a batch at a time (a few seconds' window: the statistics
 * need no 2 s freshness), once: each hour's item keeps how far it counted the batch's shard, which the
 * mapping's tumbling window names. Any failure fails the whole batch, retried from its first record.
 */
async function handle(event: WindowedStreamEvent): Promise<{ state: Record<string, never> }> {
  const scans = streamedScans(event);
  if (scans.length > 0) await countGateHours(await gateHoursDeps(), scans, shardOf(event));
  return { state: {} };
}

export const handler = eventHandler(handle);
