import { resource } from '#commons/config';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { json } from '#commons/http/response';
import { dynamo } from '#shared/store/clients';
import { getPublicKeys } from '#shared/store/public-keys-store';

/**
 * GET /v1/keys (public): the keys that verify tickets offline, and the retired ones, whose tickets a
 * device must refuse (a leaked key taken out of use). Cached a minute at most: a retirement reaches
 * every device at its next refresh.
 */
export const handler = httpHandler(
  byRoute('keys')({
    'GET /v1/keys': async () => {
      const { keys, retired } = await getPublicKeys(dynamo(), resource('FAIR_TABLE'));
      return {
        ...json(200, { keys, retired }),
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=60' },
      };
    },
  }),
  { public: true },
);
