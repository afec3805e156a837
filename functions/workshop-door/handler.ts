import * as z from 'zod';
import { gatePathAuthentication } from '#commons/authenticate';
import { byRoute } from '#commons/http/by-route';
import { type HttpInner, httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { doorContextWithCredential, doorDeps } from '#commons/workshop-door-deps';
import type { RoutesOf } from '#shared/contract/operations';
import { DoorScanSchema } from '#shared/contract/workshops';
import { IdSchema } from '#shared/domain/fair';
import { doorScan } from '#shared/use-cases/workshop-door';

/** POST /v1/workshops/{id}/admissions and .../exits: a host (in scope) or an organiser at the door. */
/** A host's scan at the door, to admit or to let out. */
const doorScanning =
  (kind: 'admission' | 'exit'): HttpInner =>
  async (event) => {
    const { workshopId } = parsePath(event, z.object({ workshopId: IdSchema }));
    const principal = requirePermission(event, { kind: 'workshop', workshopId });
    const body = parseJsonBody(event, DoorScanSchema);
    return json(200, await doorScan(await doorDeps(principal, event.readWithCredential), workshopId, body, kind));
  };

const ADMISSIONS: RoutesOf<'workshop-door'> = 'POST /v1/workshops/{workshopId}/admissions';

export const handler = httpHandler(
  byRoute('workshop-door')({
    'POST /v1/workshops/{workshopId}/admissions': doorScanning('admission'),
    'POST /v1/workshops/{workshopId}/exits': doorScanning('exit'),
  }),
  // The scan's context (and an admission's zones) read with the credential: with the seat's
  // transaction, two requests.
  {
    gatePath: gatePathAuthentication((event) =>
      doorContextWithCredential(event.routeKey === ADMISSIONS ? 'admission' : 'exit')(event),
    ),
  },
);
