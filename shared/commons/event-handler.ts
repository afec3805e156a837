import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { publishMetrics } from './metrics';

/**
 * What every function is wrapped in, HTTP or not: every log line carries the Lambda context (request
 * id, function, cold start), and the metrics it recorded are published when it ends. The HTTP wrapper
 * (shared/commons/http/http-handler.ts) adds the contract's errors and the credential check to it.
 */
export function instrumented<Event, Result>() {
  return middy<Event, Result>().use(injectLambdaContext(logger)).use(publishMetrics());
}

/** A function fed by a stream, a queue, a schedule, the authorizer or a custom resource. */
export function eventHandler<Event, Result>(inner: (event: Event, context: Context) => Promise<Result>) {
  return instrumented<Event, Result>().handler(inner);
}
