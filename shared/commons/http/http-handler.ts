import type { Context } from 'aws-lambda';
import { dynamo } from '../../store/clients';
import { getCredentialWithZones } from '../../store/credentials-store';
import type { ZoneRecord } from '../../store/zones-store';
import { authenticate } from '../authenticate';
import { resource } from '../config';
import { instrumented } from '../event-handler';
import { contractErrors } from './contract-middleware';
import { type AuthorizedEvent, principalOf } from './principal';
import type { HttpResult } from './response';

/** A gate path's request, authenticated in its function: the zones read with the credential, if asked. */
export type GatePathEvent = AuthorizedEvent & { zonesRead?: ZoneRecord[] };

export type HttpInner = (event: GatePathEvent, context: Context) => Promise<HttpResult>;

export interface HttpOptions {
  /** Health, keys, the API's description: no credential asked. */
  public?: boolean;
  /**
   * The gate path (scans, walk-in counts, door admissions): routes without the API's authorizer, so
   * one invocation a request. The function authenticates with the authorizer's own code, reading the
   * credential together with the zones `zonesToRead` names from the request (an entry's zones), in
   * one request to the engine. A request that did pass the authorizer keeps its verdict.
   */
  gatePath?: { zonesToRead?: (event: AuthorizedEvent) => Promise<readonly string[]> };
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
        // A bad body reads no zone: the request is refused 401 or 400 all the same.
        let zoneIds: readonly string[] = [];
        try {
          zoneIds = (await gatePath.zonesToRead?.(event)) ?? [];
        } catch {}
        let zones: ZoneRecord[] = [];
        const context = await authenticate(
          event.headers?.authorization,
          event.requestContext.http.sourceIp,
          async (hash) => {
            const read = await getCredentialWithZones(
              dynamo(),
              { credentials: resource('CREDENTIALS_TABLE'), zones: zoneIds.length ? resource('ZONES_TABLE') : '' },
              hash,
              zoneIds,
            );
            zones = read.zones;
            return read.credential;
          },
        );
        event.requestContext.authorizer = { lambda: context };
        if (zoneIds.length > 0) event.zonesRead = zones;
      }
      principalOf(event);
    })
    .handler(inner);
}
