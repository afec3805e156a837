import * as z from 'zod';
import { resource } from '#commons/config';
import { evacuationDeps } from '#commons/evacuation-deps';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { EvacuationRequestSchema } from '#shared/contract/floor';
import { dynamo } from '#shared/store/clients';
import { getCurrentEvacuation } from '#shared/store/evacuations-store';
import { endEvacuation, rollCall, startEvacuation } from '#shared/use-cases/evacuate';

export const EvacuationPathSchema = z.object({ evacuationId: z.uuid() });

/**
 * POST /v1/evacuations (organiser): clears the venue or a zone: entries refused EVACUATION, exits pass,
 * SMS and webhooks out. GET /v1/evacuations/current (any credential: every page shows it):
 * the one under way, else 404. GET /v1/evacuations/{id}/roll-call (organiser): the badge holders still
 * inside. POST /v1/evacuations/{id}/end (organiser).
 */
export const handler = httpHandler(
  byRoute('evacuations')({
    // Any credential: every page shows the one under way, else 404.
    'GET /v1/evacuations/current': async (event) => {
      requirePermission(event, { kind: 'anyRole' });
      const current = await getCurrentEvacuation(dynamo(), resource('FAIR_TABLE'));
      if (!current) throw new NotFoundError('no evacuation under way');
      return json(200, current);
    },
    'POST /v1/evacuations': async (event) => {
      const principal = requirePermission(event, { kind: 'organiser' });
      const deps = await evacuationDeps();
      const request = parseJsonBody(event, EvacuationRequestSchema);
      return json(201, await startEvacuation(deps, request, principal.label));
    },
    'GET /v1/evacuations/{evacuationId}/roll-call': async (event) => {
      requirePermission(event, { kind: 'organiser' });
      const deps = await evacuationDeps();
      const { evacuationId } = parsePath(event, EvacuationPathSchema);
      return json(200, { evacuationId, inside: await rollCall(deps, evacuationId) });
    },
    'POST /v1/evacuations/{evacuationId}/end': async (event) => {
      const principal = requirePermission(event, { kind: 'organiser' });
      const deps = await evacuationDeps();
      const { evacuationId } = parsePath(event, EvacuationPathSchema);
      return json(200, await endEvacuation(deps, evacuationId, principal.label));
    },
  }),
);
