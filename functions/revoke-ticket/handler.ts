import * as z from 'zod';
import { now } from '#shared/clock';
import { resource } from '#shared/config';
import { NotFoundError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parsePath } from '#shared/http/request';
import { json } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';
import { revokeTicket } from '#shared/store/tickets-store';
import { TicketIdSchema } from '#shared/ticket-schemas';

const PathSchema = z.object({ ticketId: TicketIdSchema });

/** POST /v1/tickets/{ticketId}/revoke (organiser): refused at every gate from the next scan on. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const { ticketId } = parsePath(event, PathSchema);
  const tables = { tickets: resource('TICKETS_TABLE'), fair: resource('FAIR_TABLE') };
  const outcome = await revokeTicket(dynamo(), tables, ticketId, now().toISOString());
  if (outcome === 'unknown') throw new NotFoundError(`no ticket ${ticketId}`);
  return json(200, { ticketId, revoked: true, ...(outcome === 'already' ? { alreadyRevoked: true } : {}) });
});
