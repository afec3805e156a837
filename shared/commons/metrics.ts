import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';

/**
 * One metrics buffer per function instance, in CloudWatch's embedded format (written to the log, no
 * API call): namespace Rawaq, the service named by the stack (POWERTOOLS_SERVICE_NAME). What an
 * operator watches: scans by verdict, walk-ins counted, alerts raised, occupancy drift (dead letters,
 * errors and throttles have CloudWatch's own metrics and alarms).
 */
export const metrics = new Metrics({
  namespace: 'Rawaq',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'rawaq',
});

export { MetricUnit };

/** Publishes what an invocation recorded, and nothing (not even a warning) when it recorded none. */
export function publishMetrics(): middy.MiddlewareObj {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}

/** Counts each value once per occurrence, one metric per value of the dimension (scans by verdict). */
export function countBy(metric: string, dimension: string, values: readonly string[]): void {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const [value, count] of counts) {
    metrics.addDimension(dimension, value);
    metrics.addMetric(metric, MetricUnit.Count, count);
    metrics.publishStoredMetrics();
  }
}
