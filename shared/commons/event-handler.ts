import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { publishMetrics } from './metrics';

/**
 * Every function fed by a stream, a queue, a schedule, the authorizer or a custom resource is its
 * plain inner function wrapped the same way as the HTTP ones (shared/commons/http/http-handler.ts):
 * every log line carries the Lambda context (request id, function, cold start), and the metrics it
 * recorded are published when it ends.
 */
export function eventHandler<Event, Result>(inner: (event: Event, context: Context) => Promise<Result>) {
  return middy<Event, Result>().use(injectLambdaContext(logger)).use(publishMetrics()).handler(inner);
}
