import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { contractErrors } from './contract-middleware';
import type { AuthorizedEvent } from './principal';
import type { HttpResult } from './response';

export type HttpInner = (event: AuthorizedEvent, context: Context) => Promise<HttpResult>;

/** Every HTTP function is its plain inner function wrapped the same way. */
export function httpHandler(inner: HttpInner) {
  return middy<AuthorizedEvent, HttpResult>().use(contractErrors()).handler(inner);
}
