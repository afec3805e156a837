import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta, ticketVerifier } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, principalOf, requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import type { Roster } from '#shared/contract/answers';
import { TicketIdSchema } from '#shared/contract/tickets';
import { RegistrationSchema } from '#shared/contract/workshops';
import { IdSchema } from '#shared/domain/fair';
import { dynamo } from '#shared/store/clients';
import { getTicket, getTicketsByIds } from '#shared/store/tickets-store';
import { ticketsAttended } from '#shared/store/workshop-door-store';
import {
  cancelRegistration,
  getRegistration,
  listRegistered,
  listWaiting,
  register,
} from '#shared/store/workshop-registrations-store';
import { getWorkshop } from '#shared/store/workshops-store';

/** Who holds a seat (and came in or not), who waits, who came in without registering: names from the tickets. */
async function rosterOf(workshopId: string, table: string): Promise<Roster> {
  const [registered, waitingRead, attended] = await Promise.all([
    listRegistered(dynamo(), table, workshopId),
    listWaiting(dynamo(), table, workshopId),
    ticketsAttended(dynamo(), table, workshopId),
  ]);
  const came = new Set(attended);
  const held = new Set(registered.map((registration) => registration.ticketId));
  const walkIns = attended.filter((ticketId) => !held.has(ticketId));
  // The three reads run side by side, not as one snapshot: a promotion landing between them shows its
  // ticket both holding the seat and still waiting. The seat is the later write, so it wins.
  const waiting = waitingRead.filter((registration) => !held.has(registration.ticketId));
  const tickets = new Map(
    (
      await getTicketsByIds(
        dynamo(),
        resource('TICKETS_TABLE'),
        [...held, ...waiting.map((registration) => registration.ticketId), ...walkIns],
        ['ticketId', 'category', 'holderName', 'shortCode'],
      )
    ).map((ticket) => [ticket.ticketId, ticket]),
  );
  const person = (ticketId: string) => {
    const ticket = tickets.get(ticketId);
    return {
      ticketId,
      category: ticket?.category ?? 'visitor',
      ...(ticket?.holderName ? { holderName: ticket.holderName } : {}),
      ...(ticket?.shortCode ? { shortCode: ticket.shortCode } : {}),
    };
  };
  const since = (position: string) => position.split('#')[0] ?? '';
  return {
    workshopId,
    registered: registered.map(({ ticketId, position }) => ({
      ...person(ticketId),
      registeredAt: since(position),
      admitted: came.has(ticketId),
    })),
    waitlist: waiting.map(({ ticketId, position }, index) => ({
      ...person(ticketId),
      since: since(position),
      position: index + 1,
    })),
    walkIns: walkIns.map(person),
  };
}

export const PathSchema = z.object({ workshopId: IdSchema, ticketId: TicketIdSchema.optional() });

/**
 * POST /v1/workshops/{id}/registrations: a seat while there are seats, then the waitlist in order.
 * DELETE .../registrations/{ticketId}: frees it; the waitlist promoter, fed by the table's stream,
 * gives the seat to the first waiting ticket. GET .../waitlist: who waits, first in line first (ticket
 * ids and since when: no names), for the host at the door. GET .../registrations: who holds a seat,
 * with the names on named tickets, for the attendance sheet printed ahead.
 */
/** The workshop a request names, read after the caller's right to it (404 when there is none). */
async function workshopAsked(event: AuthorizedEvent) {
  const { workshopId, ticketId } = parsePath(event, PathSchema);
  requirePermission(event, { kind: 'registration', workshopId });
  const table = resource('WORKSHOPS_TABLE');
  const workshop = await getWorkshop(dynamo(), table, workshopId);
  if (!workshop) throw new NotFoundError(`no workshop ${workshopId}`);
  return { workshopId, ticketId, table, workshop };
}

export const handler = httpHandler(
  byRoute('workshop-registrations')({
    'GET /v1/workshops/{workshopId}/registrations': async (event) => {
      const { workshopId, table } = await workshopAsked(event);
      return json(200, await rosterOf(workshopId, table));
    },
    'GET /v1/workshops/{workshopId}/waitlist': async (event) => {
      const { workshopId, table } = await workshopAsked(event);
      const waiting = await listWaiting(dynamo(), table, workshopId);
      return json(200, {
        workshopId,
        waitlist: waiting.map(({ ticketId, position }, index) => ({
          ticketId,
          since: position.split('#')[0],
          position: index + 1,
        })),
      });
    },
    'DELETE /v1/workshops/{workshopId}/registrations/{ticketId}': async (event) => {
      const { workshopId, table } = await workshopAsked(event);
      const { ticketId } = parsePath(event, PathSchema.required());
      const registration = await getRegistration(dynamo(), table, workshopId, ticketId);
      if (!registration || !(await cancelRegistration(dynamo(), table, workshopId, registration)))
        throw new NotFoundError(`ticket ${ticketId} is not registered for ${workshopId}`);
      return json(200, { workshopId, ticketId, cancelled: true });
    },
    'POST /v1/workshops/{workshopId}/registrations': async (event) => {
      const { workshopId, table, workshop } = await workshopAsked(event);
      const { token } = parseJsonBody(event, RegistrationSchema);
      if (workshop.cancelledAt) throw new ConflictError(`${workshopId} was cancelled: it takes no registration`);
      const [fair, verifier] = await Promise.all([fairMeta(), ticketVerifier(principalOf(event))]);
      const verified = await verifier.verify(token);
      const ticket =
        verified.ok && verified.claims.fairId === fair.fairId
          ? await getTicket(dynamo(), resource('TICKETS_TABLE'), verified.claims.ticketId)
          : undefined;
      if (!ticket) return json(200, { verdict: 'INVALID_TOKEN' });
      if (ticket.revoked) return json(200, { verdict: 'REVOKED', ticketId: ticket.ticketId });
      const verdict = await register(
        dynamo(),
        table,
        workshopId,
        ticket.ticketId,
        `${now().toISOString()}#${ticket.ticketId}`,
      );
      return json(200, { verdict, ticketId: ticket.ticketId });
    },
  }),
);
