import * as z from 'zod';
import { gatePathAuthentication } from '#commons/authenticate';
import { resource } from '#commons/config';
import { ingestFootfallDeps } from '#commons/footfall-deps';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { FootfallSchema } from '#shared/contract/booths';
import { IdSchema } from '#shared/domain/fair';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { ingestFootfall } from '#shared/use-cases/ingest-footfall';

/**
 * POST /v1/booths/{boothId}/footfall (its exhibitor, or an organiser): refused whole if any event is
 * malformed, or (online) not of today on the fair's clock; otherwise badge scans are checked, and the
 * answer is 202 with what was accepted and what was rejected. A few good events (a visit sent alone) are
 * counted before the answer; more (a phone's offline queue) go to the queue and are counted behind it.
 * On the gate path: each booth's visits come one a request, from every booth of the
 * fair at once, so the function authenticates them itself (one invocation a visit, not two) and the
 * route is throttled with the gates'.
 */
export const handler = httpHandler(
  byRoute('footfall-ingest')({
    'POST /v1/booths/{boothId}/footfall': async (event) => {
      const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
      if (!(await getBooth(dynamo(), resource('FAIR_TABLE'), boothId))) throw new NotFoundError(`no booth ${boothId}`);
      const principal = requirePermission(event, { kind: 'booth', boothId });
      const { events, offline } = parseJsonBody(event, FootfallSchema);
      return json(
        202,
        await ingestFootfall(await ingestFootfallDeps(principal), boothId, events, offline === true, principal.label),
      );
    },
  }),
  { gatePath: gatePathAuthentication() },
);
