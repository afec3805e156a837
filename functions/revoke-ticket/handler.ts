import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { TicketIdSchema } from '#commons/ticket-schemas';
import { dynamo } from '#shared/store/clients';
import { revokeTicket } from '#shared/store/tickets-store';

export const PathSchema = z.object({ ticketId: TicketIdSchema });

/** POST /v1/tickets/{ticketId}/revoke (organiser): refused at every gate from the next scan on. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const { ticketId } = parsePath(event, PathSchema);
  const tables = { tickets: resource('TICKETS_TABLE'), fair: resource('FAIR_TABLE') };
  const outcome = await revokeTicket(dynamo(), tables, ticketId, now().toISOString());
  if (outcome === 'unknown') throw new NotFoundError(`no ticket ${ticketId}`);
  return json(200, { ticketId, revoked: true, ...(outcome === 'already' ? { alreadyRevoked: true } : {}) });
});
