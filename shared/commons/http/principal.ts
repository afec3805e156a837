import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isAllowed, type Permission, type Principal, PrincipalSchema } from '../../domain/access';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from './errors';

/**
 * The authorizer resolves the bearer credential and hands the result over in its context. It never
 * refuses on its own: an HTTP API authorizer can only answer API Gateway's bare 401/403 bodies, while
 * the contract wants `{error: {...}}`, so the refusal is made here, in the contract's shape.
 */
interface AuthorizerLambdaContext {
  principal?: string;
  authError?: string;
}

export type AuthorizedEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: { lambda?: AuthorizerLambdaContext } };
};

const REFUSALS: Record<string, string> = {
  MISSING: 'send your credential as "Authorization: Bearer <credential>"',
  INVALID: 'this credential is not known',
  REVOKED: 'this credential has been revoked',
  EXPIRED: 'this credential has expired',
};

export function principalOf(event: AuthorizedEvent): Principal {
  const context = event.requestContext.authorizer?.lambda;
  if (context?.authError === 'THROTTLED') {
    throw new RateLimitedError('this credential is sending more requests than a device does: wait a second');
  }
  if (!context?.principal) {
    throw new UnauthorizedError(REFUSALS[context?.authError ?? 'INVALID'] ?? 'this credential is not known');
  }
  const parsed = PrincipalSchema.safeParse(JSON.parse(context.principal));
  if (!parsed.success) throw new UnauthorizedError('the credential could not be read');
  return parsed.data;
}

export function requirePermission(event: AuthorizedEvent, permission: Permission): Principal {
  const principal = principalOf(event);
  if (!isAllowed(principal, permission)) {
    throw new ForbiddenError(`a ${principal.role} credential may not do this`, [
      { path: permission.kind, message: describe(permission) },
    ]);
  }
  return principal;
}

function describe(permission: Permission): string {
  switch (permission.kind) {
    case 'anyRole':
      return 'any credential';
    case 'organiser':
      return 'organisers only';
    case 'gate':
      return `gate ${permission.gateId} is outside this credential's scope`;
    case 'override':
      return `only a supervisor of gate ${permission.gateId} (or an organiser) may override a refusal`;
    case 'incident':
      return 'organisers and supervisors only';
    case 'workshop':
      return `workshop ${permission.workshopId} is outside this credential's scope`;
    case 'booth':
      return `booth ${permission.boothId} is outside this credential's scope`;
    case 'registration':
      return `workshop ${permission.workshopId}: its host, the desk or an organiser only`;
    case 'desk':
      return 'the information desk and organisers only';
    case 'watch':
      return 'organisers and viewers only';
    default: {
      const unreachable: never = permission;
      return unreachable;
    }
  }
}
