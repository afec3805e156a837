import type { Context } from 'aws-lambda';
import type { DoorContext, DoorContextQuery } from '../../store/workshop-door-store';
import type { ZoneRecord } from '../../store/zones-store';
import type { AuthorizerContext } from '../authenticate';
import { instrumented } from '../event-handler';
import { contractErrors } from './contract-middleware';
import { type AuthorizedEvent, principalOf } from './principal';
import type { HttpResult } from './response';

/** What a gate path function read with the credential, in the same request: an entry's zones, a door's context. */
export interface GatePathRead {
  zones?: ZoneRecord[];
  door?: { query: DoorContextQuery; context: DoorContext };
}

/** A gate path's request, authenticated in its function, with what was read with the credential. */
export type GatePathEvent = AuthorizedEvent & { readWithCredential?: GatePathRead };

export type HttpInner = (event: GatePathEvent, context: Context) => Promise<HttpResult>;

/** How a gate path function authenticates a request: `gatePathAuthentication` (shared/commons/authenticate.ts). */
export type GatePathAuthentication = (
  event: AuthorizedEvent,
) => Promise<{ context: AuthorizerContext; read?: GatePathRead }>;

export interface HttpOptions {
  /** Health, keys, the API's description: no credential asked. */
  public?: boolean;
  /**
   * The gate path (scans, walk-in counts, door admissions): routes without the API's authorizer, so
   * one invocation a request. The function authenticates with the authorizer's own code, given here
   * (rather than imported by this wrapper) so that no other function bundles the credentials' store;
   * it may read what the request needs next (an entry's zones, a door scan's context) in the same
   * request to the engine. A request that did pass the authorizer
   * keeps its verdict.
   */
  gatePath?: GatePathAuthentication;
}

/**
 * Every HTTP function is its plain inner function wrapped the same way: as every function is (the
 * Lambda context in each log line, its metrics published), and the contract's errors answered. A
 * request without a known credential is refused (401) before the handler runs: before any body is
 * parsed or table read. Only the public routes (health, keys, the API's description) say
 * `{ public: true }`.
 */
export function httpHandler(inner: HttpInner, options: HttpOptions = {}) {
  const { gatePath } = options;
  return instrumented<GatePathEvent, HttpResult>()
    .use(contractErrors())
    .before(async (request) => {
      if (options.public) return;
      const event = request.event;
      if (gatePath && !event.requestContext.authorizer?.lambda) {
        const { context, read } = await gatePath(event);
        event.requestContext.authorizer = { lambda: context };
        if (read) event.readWithCredential = read;
      }
      principalOf(event);
    })
    .handler(inner);
}
