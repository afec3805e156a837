import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { RevokeBatchSchema, TicketIdSchema } from '#shared/contract/tickets';
import { dynamo } from '#shared/store/clients';
import { revokeTickets } from '#shared/store/tickets-store';

export const PathSchema = z.object({ ticketId: TicketIdSchema });

/**
 * POST /v1/tickets/{ticketId}/revoke and POST /v1/tickets/revoke {ticketIds} (organiser: a stolen batch
 * voided at once): refused at every gate from the next scan on, and on the revocation feed at once.
 */
const tables = () => ({ tickets: resource('TICKETS_TABLE'), fair: resource('FAIR_TABLE') });

export const handler = httpHandler(
  byRoute('revoke-ticket')({
    // One lost badge at the desk.
    'POST /v1/tickets/{ticketId}/revoke': async (event) => {
      requirePermission(event, { kind: 'desk' });
      const { ticketId } = parsePath(event, PathSchema);
      const outcome = await revokeTickets(dynamo(), tables(), [ticketId], now().toISOString());
      if (outcome.unknown.length > 0) throw new NotFoundError(`no ticket ${ticketId}`);
      return json(200, { ticketId, revoked: true, ...(outcome.already.length > 0 ? { alreadyRevoked: true } : {}) });
    },
    // A batch (a stolen block of tickets) is the organisers'.
    'POST /v1/tickets/revoke': async (event) => {
      requirePermission(event, { kind: 'organiser' });
      const { ticketIds } = parseJsonBody(event, RevokeBatchSchema);
      const outcome = await revokeTickets(dynamo(), tables(), ticketIds, now().toISOString());
      return json(200, { revoked: outcome.revoked, alreadyRevoked: outcome.already, unknown: outcome.unknown });
    },
  }),
);
