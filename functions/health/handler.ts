import { httpHandler } from '#commons/http/http-handler';
import { json } from '#commons/http/response';

/** On AWS the API is up when this answers; locally the runtime answers 503 until every part is ready. */
export const handler = httpHandler(async () => json(200, { status: 'ok' }), { public: true });
