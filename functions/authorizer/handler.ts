import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { type AuthorizerContext, authenticate } from '#commons/authenticate';
import { eventHandler } from '#commons/event-handler';

/**
 * Resolves the bearer credential to a principal. It authorizes every request and lets the handler
 * refuse, because an HTTP API authorizer's own refusals are API Gateway's bare 401/403 bodies, not the
 * contract's error body (see shared/commons/http/principal.ts). Caching is off in the stack (TTL 0), so a
 * revoked credential is refused on its very next request. The gate path's routes skip it: their
 * functions authenticate with the same code (shared/commons/authenticate.ts).
 */
async function handle(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> {
  return {
    isAuthorized: true,
    context: await authenticate(event.headers?.authorization, event.requestContext.http.sourceIp),
  };
}

export const handler = eventHandler(handle);
