import type { Context } from 'aws-lambda';
import { instrumented } from '../event-handler';
import { contractErrors } from './contract-middleware';
import { type AuthorizedEvent, principalOf } from './principal';
import type { HttpResult } from './response';

export type HttpInner = (event: AuthorizedEvent, context: Context) => Promise<HttpResult>;

/**
 * Every HTTP function is its plain inner function wrapped the same way: as every function is (the
 * Lambda context in each log line, its metrics published), and the contract's errors answered. A
 * request without a known credential is refused (401) before the handler runs: before any body is
 * parsed or table read. Only the public routes (health, keys, the API's description) say
 * `{ public: true }`.
 */
export function httpHandler(inner: HttpInner, options: { public?: boolean } = {}) {
  return instrumented<AuthorizedEvent, HttpResult>()
    .use(contractErrors())
    .before((request) => {
      if (!options.public) principalOf(request.event);
    })
    .handler(inner);
}
