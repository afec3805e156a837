import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError, RateLimitedError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import type { AuthorizedEvent } from '#commons/http/principal';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { ticketKeyring } from '#commons/ticket-keyring';
import {
  SelfRegistrationSchema,
  TicketBatchSchema,
  TicketIdSchema,
  TicketRequestSchema,
} from '#shared/contract/tickets';
import { dynamo } from '#shared/store/clients';
import { listBooths } from '#shared/store/fair-store';
import { issueTickets, registerSelf, reissueTicket } from '#shared/use-cases/issue-tickets';

/**
 * POST /v1/tickets and POST /v1/tickets/batch (desk or organiser); POST /v1/self-registrations, public:
 * a visitor registering on their own phone from a booth's poster (one ticket a phone, a daily budget).
 */
export const handler = httpHandler(
  byRoute('issue-tickets')({
    'POST /v1/tickets': async (event) => {
      const [ticket] = await issue(event, false);
      if (!ticket) throw new Error('one ticket asked for, none issued');
      return json(201, ticket);
    },
    'POST /v1/tickets/batch': async (event) => json(201, { tickets: await issue(event, true) }),
    'POST /v1/self-registrations': selfRegistration,
    'POST /v1/tickets/{ticketId}/reissue': reissue,
  }),
  // Only the self-registration route is public (no authorizer on it); the others need the desk.
  { public: true },
);

async function selfRegistration(event: AuthorizedEvent) {
  const body = parseJsonBody(event, SelfRegistrationSchema);
  const [fair, keyring] = await Promise.all([fairMeta(), ticketKeyring()]);
  const result = await registerSelf(
    { client: dynamo(), tickets: resource('TICKETS_TABLE'), fairTable: resource('FAIR_TABLE') },
    keyring,
    fair,
    { ...body, share: body.share ?? [] },
    now(),
  );
  if ('refused' in result) {
    if (result.refused === 'closed') throw new ConflictError('the fair is not on today: register at the desk');
    throw new RateLimitedError('registrations from the posters are full for today: register at the desk', 3600);
  }
  return json(result.again ? 200 : 201, result.ticket);
}

/** A lost badge: the same holder's new ticket, the lost one revoked (desk or organiser). */
async function reissue(event: AuthorizedEvent) {
  requirePermission(event, { kind: 'desk' });
  const { ticketId } = parsePath(event, z.object({ ticketId: TicketIdSchema }));
  const [fair, keyring] = await Promise.all([fairMeta(), ticketKeyring()]);
  const result = await reissueTicket(
    { client: dynamo(), tickets: resource('TICKETS_TABLE'), fairTable: resource('FAIR_TABLE') },
    keyring,
    fair,
    ticketId,
    now(),
  );
  if ('refused' in result) {
    if (result.refused === 'missing') throw new NotFoundError(`no ticket ${ticketId}`);
    throw new ConflictError(`ticket ${ticketId} was revoked already: issue a new one`);
  }
  return json(result.again ? 200 : 201, { ...result.ticket, replaces: result.replaced });
}

async function issue(event: AuthorizedEvent, batch: boolean) {
  requirePermission(event, { kind: 'desk' });
  const requests = batch
    ? parseJsonBody(event, TicketBatchSchema).tickets
    : [parseJsonBody(event, TicketRequestSchema)];
  const [fair, keyring] = await Promise.all([fairMeta(), ticketKeyring()]);
  if (requests.some((request) => request.boothId)) {
    const booths = new Set((await listBooths(dynamo(), resource('FAIR_TABLE'))).map((booth) => booth.boothId));
    const unknown = requests.flatMap((request, index) =>
      request.boothId && !booths.has(request.boothId)
        ? [{ path: `${batch ? `tickets.${index}.` : ''}boothId`, message: `no booth ${request.boothId}` }]
        : [],
    );
    if (unknown.length > 0) throw new ValidationFailedError('some booths do not exist', unknown);
  }
  const issued = await issueTickets(
    dynamo(),
    resource('TICKETS_TABLE'),
    keyring,
    fair,
    requests,
    (index) => (batch ? `tickets.${index}.` : ''),
    now(),
  );
  return issued;
}
