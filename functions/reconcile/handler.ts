import type { ScheduledEvent } from 'aws-lambda';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { fairMeta, zoneTree } from '#commons/fair-context';
import { logger } from '#commons/logger';
import { MetricUnit, metrics } from '#commons/metrics';
import { fairDay } from '#shared/domain/fair-time';
import { dynamo } from '#shared/store/clients';
import { reconcileOccupancy } from '#shared/use-cases/reconcile-occupancy';

/** Every five minutes (EventBridge on AWS, a timer locally): zone counts against today's tickets inside. */
async function handle(event: ScheduledEvent): Promise<{ drifts: unknown[] }> {
  const [fair, tree] = await Promise.all([fairMeta(), zoneTree()]);
  const at = now();
  const drifts = await reconcileOccupancy(
    {
      client: dynamo(),
      tables: { zones: resource('ZONES_TABLE'), tickets: resource('TICKETS_TABLE'), stats: resource('STATS_TABLE') },
      tree,
      today: fairDay(at, fair.timezone),
    },
    event.id ?? crypto.randomUUID(),
    at.toISOString(),
  );
  for (const drift of drifts) {
    logger.warn('occupancy drift', { ...drift });
    metrics.addDimension('zoneId', drift.zoneId);
    metrics.addMetric('OccupancyDrift', MetricUnit.Count, Math.abs(drift.inside - drift.counted));
    metrics.publishStoredMetrics();
  }
  return { drifts };
}

export const handler = eventHandler(handle);
