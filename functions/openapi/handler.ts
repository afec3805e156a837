import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { json } from '#commons/http/response';
import document from '../../docs/openapi.json' with { type: 'json' };

/**
 * GET /v1/openapi.json (public): the API described for integrators, as `npm run openapi` wrote it from
 * the handlers' schemas (a test fails when the file and the code disagree).
 */
export const handler = httpHandler(byRoute('openapi')({ 'GET /v1/openapi.json': async () => json(200, document) }), {
  public: true,
});
