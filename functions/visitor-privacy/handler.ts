import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { EraseSchema, TicketIdSchema, WithdrawSchema } from '#shared/contract/tickets';
import { dynamo } from '#shared/store/clients';
import { listBooths } from '#shared/store/fair-store';
import { logPrivacyAct } from '#shared/store/tickets-store';
import { eraseVisitor, type PrivacyDeps, privacyRecord, withdrawConsent } from '#shared/use-cases/visitor-privacy';

/**
 * The desk answering a visitor's request (organiser): GET /v1/tickets/{ticketId}/privacy (all Rawaq
 * holds about them, to show or hand over), POST .../privacy/withdraw, POST .../privacy/erase. Each act
 * is logged on the ticket with the organiser's credential label.
 */
export const handler = httpHandler(async (event) => {
  // Shown and withdrawn at the desk, in the visitor's presence; erasure is the organisers'.
  const principal = requirePermission(event, { kind: event.routeKey.endsWith('/erase') ? 'organiser' : 'desk' });
  const { ticketId } = parsePath(event, z.object({ ticketId: TicketIdSchema }));
  const fair = await fairMeta();
  const deps: PrivacyDeps = {
    client: dynamo(),
    ticketsTable: resource('TICKETS_TABLE'),
    statsTable: resource('STATS_TABLE'),
    booths: await listBooths(dynamo(), resource('FAIR_TABLE')),
    days: fair.days,
    now,
  };
  const missing = () => new NotFoundError(`no ticket ${ticketId}`);
  if (event.routeKey.endsWith('/withdraw')) {
    const { boothId } = parseJsonBody(event, WithdrawSchema);
    if (boothId && !deps.booths.some((booth) => booth.boothId === boothId))
      throw new NotFoundError(`no booth ${boothId}`);
    const done = await withdrawConsent(deps, ticketId, principal.label, boothId);
    if (!done) throw missing();
    return json(200, { ticketId, withdrawn: done.booths });
  }
  if (event.routeKey.endsWith('/erase')) {
    parseJsonBody(event, EraseSchema);
    const done = await eraseVisitor(deps, ticketId, principal.label);
    if (!done) throw missing();
    return json(200, { ticketId, erased: true, withdrawn: done.booths });
  }
  const record = await privacyRecord(deps, ticketId);
  if (!record) throw missing();
  await logPrivacyAct(deps.client, deps.ticketsTable, ticketId, {
    act: 'shown',
    at: now().toISOString(),
    by: principal.label,
  });
  return json(200, record);
});
