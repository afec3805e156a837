import { resource } from '#commons/config';
import { httpHandler } from '#commons/http/http-handler';
import { json } from '#commons/http/response';
import { dynamo } from '#shared/store/clients';
import { getPublicKeys } from '#shared/store/public-keys-store';

/** GET /v1/keys (public): the keys that verify tickets offline. */
export const handler = httpHandler(
  async () => {
    const keys = await getPublicKeys(dynamo(), resource('FAIR_TABLE'));
    return {
      ...json(200, { keys }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
    };
  },
  { public: true },
);
