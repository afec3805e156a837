import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { now } from '#shared/clock';
import { resource } from '#shared/config';
import { logger } from '#shared/logger';
import { dynamo } from '#shared/store/clients';
import { reconcileOccupancy } from '#shared/use-cases/reconcile-occupancy';

const metrics = new Metrics({ namespace: 'Rawaq', serviceName: 'reconcile' });

/** Every five minutes (EventBridge on AWS, a timer locally): zone counts against the tickets inside. */
export async function handler(event: ScheduledEvent): Promise<{ drifts: unknown[] }> {
  const drifts = await reconcileOccupancy(
    dynamo(),
    { zones: resource('ZONES_TABLE'), tickets: resource('TICKETS_TABLE'), stats: resource('STATS_TABLE') },
    event.id ?? crypto.randomUUID(),
    now().toISOString(),
  );
  for (const drift of drifts) {
    logger.warn('occupancy drift', { ...drift });
    metrics.addDimension('zoneId', drift.zoneId);
    metrics.addMetric('OccupancyDrift', MetricUnit.Count, Math.abs(drift.inside - drift.counted));
    metrics.publishStoredMetrics();
  }
  return { drifts };
}
