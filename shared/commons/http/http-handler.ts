import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../logger';
import { publishMetrics } from '../metrics';
import { contractErrors } from './contract-middleware';
import { type AuthorizedEvent, principalOf } from './principal';
import type { HttpResult } from './response';

export type HttpInner = (event: AuthorizedEvent, context: Context) => Promise<HttpResult>;

/**
 * Every HTTP function is its plain inner function wrapped the same way: every log line carries the
 * Lambda context (request id, function, cold start), the metrics it recorded are published, and the
 * contract's errors are answered. A request without a known
 * credential is refused (401) before the handler runs: before any body is parsed or table read. Only
 * the contract's public routes (health, keys) say `{ public: true }`.
 */
export function httpHandler(inner: HttpInner, options: { public?: boolean } = {}) {
  return middy<AuthorizedEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(publishMetrics())
    .use(contractErrors())
    .before((request) => {
      if (!options.public) principalOf(request.event);
    })
    .handler(inner);
}
