import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { json } from '#commons/http/response';

/** On AWS the API is up when this answers; locally the runtime answers 503 until every part is ready. */
export const handler = httpHandler(byRoute('health')({ 'GET /v1/health': async () => json(200, { status: 'ok' }) }), {
  public: true,
});
