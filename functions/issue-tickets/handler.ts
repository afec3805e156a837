import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody } from '#commons/http/request';
import { json } from '#commons/http/response';
import { ticketKeyring } from '#commons/ticket-keyring';
import { TicketBatchSchema, TicketRequestSchema } from '#commons/ticket-schemas';
import { dynamo } from '#shared/store/clients';
import { listBooths } from '#shared/store/fair-store';
import { issueTickets } from '#shared/use-cases/issue-tickets';

/** POST /v1/tickets and POST /v1/tickets/batch (organiser). */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'desk' });
  const batch = event.routeKey === 'POST /v1/tickets/batch';
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
  return json(201, batch ? { tickets: issued } : issued[0]);
});
