import type { ScheduledEvent } from 'aws-lambda';
import { now } from '#commons/clock';
import { eventHandler } from '#commons/event-handler';
import { logger } from '#commons/logger';
import { MetricUnit, metrics } from '#commons/metrics';
import { reconcileDeps } from '#commons/occupancy-deps';
import { reconcileOccupancy } from '#shared/use-cases/reconcile-occupancy';

/** Every five minutes (EventBridge on AWS, a timer locally): zone counts against today's tickets inside. */
async function handle(_event: ScheduledEvent): Promise<{ drifts: unknown[] }> {
  const at = now();
  const drifts = await reconcileOccupancy(await reconcileDeps(at), at.toISOString());
  for (const drift of drifts) {
    logger.warn('occupancy drift', { ...drift });
    metrics.addDimension('zoneId', drift.zoneId);
    metrics.addMetric('OccupancyDrift', MetricUnit.Count, Math.abs(drift.inside - drift.counted));
    metrics.publishStoredMetrics();
  }
  return { drifts };
}

export const handler = eventHandler(handle);
