import * as z from 'zod';
import { gatePathAuthentication } from '#commons/authenticate';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { doorDeps } from '#commons/workshop-door-deps';
import { DoorScanSchema } from '#shared/contract/workshops';
import { IdSchema } from '#shared/domain/fair';
import { doorScan } from '#shared/use-cases/workshop-door';

/** POST /v1/workshops/{id}/admissions and .../exits: a host (in scope) or an organiser at the door. */
export const handler = httpHandler(
  async (event) => {
    const { workshopId } = parsePath(event, z.object({ workshopId: IdSchema }));
    const principal = requirePermission(event, { kind: 'workshop', workshopId });
    const body = parseJsonBody(event, DoorScanSchema);
    const kind = event.routeKey.endsWith('/admissions') ? 'admission' : 'exit';
    return json(200, await doorScan(await doorDeps(principal), workshopId, body, kind));
  },
  { gatePath: gatePathAuthentication() },
);
