import { now } from '#commons/clock';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { incidentDeps } from '#commons/incident-deps';
import { IncidentRequestSchema, IncidentsQuerySchema } from '#shared/contract/floor';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { incidentsOf, recordIncident } from '#shared/use-cases/incidents';

/**
 * POST /v1/incidents (organiser or supervisor): an incident on the floor, logged with who and when,
 * sent to SMS and webhooks, and broadcast to pages if asked. GET /v1/incidents?day= (organiser or
 * supervisor): the day's, each broadcast one with who read it.
 */
export const handler = httpHandler(
  byRoute('incidents')({
    'POST /v1/incidents': async (event) => {
      const principal = requirePermission(event, { kind: 'incident' });
      const deps = await incidentDeps();
      return json(201, await recordIncident(deps, parseJsonBody(event, IncidentRequestSchema), principal.label));
    },
    'GET /v1/incidents': async (event) => {
      requirePermission(event, { kind: 'incident' });
      const deps = await incidentDeps();
      const { day = fairDay(now(), zoneOf(deps.fair)) } = parseQuery(event, IncidentsQuerySchema);
      return json(200, { day, incidents: await incidentsOf(deps, day) });
    },
  }),
);
