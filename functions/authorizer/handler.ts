import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { resource } from '#shared/config';
import type { Principal } from '#shared/domain/access';
import { bearerCredential, credentialHash } from '#shared/domain/credential';
import { dynamo } from '#shared/store/clients';
import { getCredentialByHash } from '#shared/store/credentials-store';

type AuthorizerContext = { principal: string } | { authError: 'MISSING' | 'INVALID' };

/**
 * Resolves the bearer credential to a principal. It authorizes every request and lets the handler
 * refuse, because an HTTP API authorizer's own refusals are API Gateway's bare 401/403 bodies, not the
 * contract's error body (see shared/http/principal.ts). Caching is off in the stack (TTL 0), so a
 * revoked credential is refused on its very next request.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> {
  const credential = bearerCredential(event.headers?.authorization);
  if (!credential) return { isAuthorized: true, context: { authError: 'MISSING' } };
  const record = await getCredentialByHash(dynamo(), resource('CREDENTIALS_TABLE'), credentialHash(credential));
  if (!record) return { isAuthorized: true, context: { authError: 'INVALID' } };
  const principal: Principal = {
    credentialId: record.credentialId,
    role: record.role,
    scope: record.scope,
    label: record.label,
  };
  return { isAuthorized: true, context: { principal: JSON.stringify(principal) } };
}
