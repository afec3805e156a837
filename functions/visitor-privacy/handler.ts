import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
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
/** Who may act, the ticket named and what privacy acts read: shown and withdrawn at the desk, in the
 * visitor's presence; erasure is the organisers'. */
async function privacyAct(event: AuthorizedEvent, kind: 'desk' | 'organiser') {
  const principal = requirePermission(event, { kind });
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
  return { by: principal.label, ticketId, deps, missing: () => new NotFoundError(`no ticket ${ticketId}`) };
}

export const handler = httpHandler(
  byRoute('visitor-privacy')({
    'GET /v1/tickets/{ticketId}/privacy': async (event) => {
      const { by, ticketId, deps, missing } = await privacyAct(event, 'desk');
      const record = await privacyRecord(deps, ticketId);
      if (!record) throw missing();
      await logPrivacyAct(deps.client, deps.ticketsTable, ticketId, { act: 'shown', at: now().toISOString(), by });
      return json(200, record);
    },
    'POST /v1/tickets/{ticketId}/privacy/withdraw': async (event) => {
      const { by, ticketId, deps, missing } = await privacyAct(event, 'desk');
      const { boothId } = parseJsonBody(event, WithdrawSchema);
      if (boothId && !deps.booths.some((booth) => booth.boothId === boothId))
        throw new NotFoundError(`no booth ${boothId}`);
      const done = await withdrawConsent(deps, ticketId, by, boothId);
      if (!done) throw missing();
      return json(200, { ticketId, withdrawn: done.booths });
    },
    'POST /v1/tickets/{ticketId}/privacy/erase': async (event) => {
      const { by, ticketId, deps, missing } = await privacyAct(event, 'organiser');
      parseJsonBody(event, EraseSchema);
      const done = await eraseVisitor(deps, ticketId, by);
      if (!done) throw missing();
      return json(200, { ticketId, erased: true, withdrawn: done.booths });
    },
  }),
);
