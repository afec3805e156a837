import type { Principal } from '../domain/access';
import { bearerCredential, credentialHash } from '../domain/credential';
import { isLoopbackAddress } from '../domain/public-address';
import { parseBudget, RateBudget } from '../domain/rate-budget';
import { dynamo } from '../store/clients';
import {
  type CredentialRecord,
  getCredentialByHash,
  getCredentialWith,
  touchCredential,
} from '../store/credentials-store';
import { now } from './clock';
import { resource } from './config';
import type { GatePathRead } from './http/http-handler';
import type { AuthorizedEvent } from './http/principal';

export type AuthError = 'MISSING' | 'INVALID' | 'REVOKED' | 'EXPIRED' | 'THROTTLED';
/** What authentication found: a principal (as JSON, an authorizer context's shape) or why none. */
export type AuthorizerContext = { principal: string } | { authError: AuthError };

/**
 * Each credential's budget of requests (`CREDENTIAL_BUDGET`, "per second/burst"), kept by this
 * instance: a careless or hostile device is slowed to it while every other device goes on. On AWS a
 * credential flooding from many connections may reach several instances, each with its own budget;
 * the routes' throttles bound what is left. Requests from this machine itself (loopback, locally only)
 * are not budgeted: they are the organiser's own screen, the bench and the tests.
 */
let budget: RateBudget | undefined | null = null;
function creditBudget(): RateBudget | undefined {
  if (budget === null) {
    const parsed = parseBudget(resource('CREDENTIAL_BUDGET'));
    budget = parsed ? new RateBudget(parsed) : undefined;
  }
  return budget;
}

/**
 * Resolves a request's bearer credential to a principal, as the authorizer does for most routes and
 * the gate path's functions do themselves (one invocation a scan, the credential read together with
 * the zones an entry raises: `read` is given the credential's hash). Never throws on a bad credential:
 * the caller refuses in the contract's shape. Its last use is noted, once a minute at most.
 */
export async function authenticate(
  authorization: string | undefined,
  sourceIp: string,
  read: (hash: string) => Promise<CredentialRecord | undefined> = (hash) =>
    getCredentialByHash(dynamo(), resource('CREDENTIALS_TABLE'), hash),
): Promise<AuthorizerContext> {
  const refuse = (authError: AuthError) => ({ authError });
  const credential = bearerCredential(authorization);
  if (!credential) return refuse('MISSING');
  const hash = credentialHash(credential);
  const credits = creditBudget();
  if (credits && !isLoopbackAddress(sourceIp) && !credits.take(hash, Date.now()).ok) return refuse('THROTTLED');
  const record = await read(hash);
  if (!record) return refuse('INVALID');
  if (record.revokedAt) return refuse('REVOKED');
  const at = now();
  if (record.validUntil && Date.parse(record.validUntil) <= at.getTime()) return refuse('EXPIRED');
  if (!record.lastUsedAt || at.getTime() - Date.parse(record.lastUsedAt) > 60_000)
    await touchCredential(dynamo(), resource('CREDENTIALS_TABLE'), hash, at);
  const principal: Principal = {
    credentialId: record.credentialId,
    role: record.role,
    scope: record.scope,
    label: record.label,
  };
  return { principal: JSON.stringify(principal) };
}

/** What a gate path function reads with the credential: keys by table, and what it makes of the items. */
export interface ReadWithCredential {
  keys: Record<string, Record<string, unknown>[]>;
  parse: (items: Record<string, Record<string, unknown>[]>) => GatePathRead;
}

/**
 * How a gate path function authenticates (`httpHandler`'s `gatePath`): the credential read with what
 * `alsoRead` names from the request (an online entry's zones, a door scan's context), in one request
 * to the engine. A request whose body cannot be read reads nothing else: it is refused 401 or 400 all
 * the same.
 */
export function gatePathAuthentication(
  alsoRead: (event: AuthorizedEvent) => Promise<ReadWithCredential | undefined> = async () => undefined,
) {
  return async (event: AuthorizedEvent): Promise<{ context: AuthorizerContext; read?: GatePathRead }> => {
    let wanted: ReadWithCredential | undefined;
    try {
      wanted = await alsoRead(event);
    } catch {}
    let read: GatePathRead | undefined;
    const context = await authenticate(
      event.headers?.authorization,
      event.requestContext.http.sourceIp,
      async (hash) => {
        const found = await getCredentialWith(dynamo(), resource('CREDENTIALS_TABLE'), hash, wanted?.keys ?? {});
        if (wanted) read = wanted.parse(found.items);
        return found.credential;
      },
    );
    return read ? { context, read } : { context };
  };
}
