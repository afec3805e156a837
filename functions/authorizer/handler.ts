import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import type { Principal } from '#shared/domain/access';
import { bearerCredential, credentialHash } from '#shared/domain/credential';
import { isLoopbackAddress } from '#shared/domain/public-address';
import { parseBudget, RateBudget } from '#shared/domain/rate-budget';
import { dynamo } from '#shared/store/clients';
import { getCredentialByHash, touchCredential } from '#shared/store/credentials-store';

type AuthError = 'MISSING' | 'INVALID' | 'REVOKED' | 'EXPIRED' | 'THROTTLED';

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
type AuthorizerContext = { principal: string } | { authError: AuthError };

/**
 * Resolves the bearer credential to a principal. It authorizes every request and lets the handler
 * refuse, because an HTTP API authorizer's own refusals are API Gateway's bare 401/403 bodies, not the
 * contract's error body (see shared/commons/http/principal.ts). Caching is off in the stack (TTL 0), so a
 * revoked credential is refused on its very next request. Its last use is noted, once a minute at most.
 */
async function handle(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> {
  const refuse = (authError: AuthError) => ({ isAuthorized: true, context: { authError } });
  const credential = bearerCredential(event.headers?.authorization);
  if (!credential) return refuse('MISSING');
  const table = resource('CREDENTIALS_TABLE');
  const hash = credentialHash(credential);
  const credits = creditBudget();
  if (credits && !isLoopbackAddress(event.requestContext.http.sourceIp) && !credits.take(hash, Date.now()).ok)
    return refuse('THROTTLED');
  const record = await getCredentialByHash(dynamo(), table, hash);
  if (!record) return refuse('INVALID');
  if (record.revokedAt) return refuse('REVOKED');
  const at = now();
  if (record.validUntil && Date.parse(record.validUntil) <= at.getTime()) return refuse('EXPIRED');
  if (!record.lastUsedAt || at.getTime() - Date.parse(record.lastUsedAt) > 60_000)
    await touchCredential(dynamo(), table, hash, at);
  const principal: Principal = {
    credentialId: record.credentialId,
    role: record.role,
    scope: record.scope,
    label: record.label,
  };
  return { isAuthorized: true, context: { principal: JSON.stringify(principal) } };
}

export const handler = eventHandler(handle);
