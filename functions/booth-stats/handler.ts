import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { CsvQuerySchema, csvHeader, toCsv } from '#commons/csv';
import { fairMeta } from '#commons/fair-context';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parsePath, parseQuery } from '#commons/http/request';
import { csvFile, json } from '#commons/http/response';
import { DaySchema, IdSchema } from '#shared/domain/fair';
import { fairDay } from '#shared/domain/fair-time';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { readBoothDay } from '#shared/store/footfall-store';
import { getTicketsByIds } from '#shared/store/tickets-store';

/**
 * GET /v1/booths/{boothId}/stats[.csv]?day= and GET /v1/booths/{boothId}/leads?day= (its exhibitor,
 * or an organiser). Leads list only visitors who agreed, at the booth or when registering; others stay
 * a count.
 */
export const handler = httpHandler(async (event) => {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
  if (!(await getBooth(dynamo(), resource('FAIR_TABLE'), boothId))) throw new NotFoundError(`no booth ${boothId}`);
  requirePermission(event, { kind: 'booth', boothId });
  const fair = await fairMeta();
  const { day = fairDay(now(), fair.timezone) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
  const leadsAsked = event.routeKey.endsWith('/leads');
  const booth = await readBoothDay(dynamo(), resource('STATS_TABLE'), boothId, day, { allVisitors: leadsAsked });
  if (leadsAsked) {
    // A lead: a visitor who said yes at this booth, or who agreed for every exhibitor when registering.
    const ids = [...booth.visitors].slice(0, 1000);
    const tickets = await getTicketsByIds(dynamo(), resource('TICKETS_TABLE'), ids, [
      'ticketId',
      'holderName',
      'category',
      'leadsConsent',
    ]);
    const leads = tickets
      .filter((ticket) => booth.consented.has(ticket.ticketId) || ticket.leadsConsent === true)
      .map((ticket) => ({
        ticketId: ticket.ticketId,
        ...(ticket.holderName ? { holderName: ticket.holderName } : {}),
        category: ticket.category,
        consent: booth.consented.has(ticket.ticketId) ? ('booth' as const) : ('registration' as const),
      }))
      .sort((a, b) => a.ticketId.localeCompare(b.ticketId));
    return json(200, { boothId, day, visitorsSeen: booth.visitors.size, leads });
  }
  const stats = { boothId, day, visits: booth.visits, uniqueVisitors: booth.uniqueVisitors, byHour: booth.byHour };
  if (event.routeKey.endsWith('.csv')) {
    const query = parseQuery(event, CsvQuerySchema.extend({ day: DaySchema.optional() }));
    return csvFile(
      `booth-${boothId}-${day}.csv`,
      toCsv(
        csvHeader(['boothId', 'day', 'hour', 'visits'], query.lang),
        booth.byHour.map((h) => [boothId, day, h.hour, h.visits]),
        query,
      ),
    );
  }
  return json(200, stats);
});
