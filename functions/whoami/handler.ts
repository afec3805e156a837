import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { json } from '#commons/http/response';

/**
 * GET /v1/me (any credential): the credential's own role, scope and label, resolved by the
 * authorizer. The pages ask it once at sign-in to know which gates, workshops or booth to offer.
 */
export const handler = httpHandler(
  byRoute('whoami')({
    'GET /v1/me': async (event) => {
      const { credentialId, role, scope, label } = requirePermission(event, { kind: 'anyRole' });
      return json(200, { credentialId, role, scope, label });
    },
  }),
);
