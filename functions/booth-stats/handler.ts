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
import { listBoothVisitors, listLeadAnswers, readBoothDay } from '#shared/store/footfall-store';
import { getTicketsByIds } from '#shared/store/tickets-store';

/**
 * GET /v1/booths/{boothId}/stats[.csv]?day= and GET /v1/booths/{boothId}/leads?day= (its exhibitor,
 * or an organiser). Visits are badge-verified and self-counted, told apart, with the self-counted ones
 * beyond a booth's plausible pace kept apart as flagged. Leads list only visitors whose latest word at
 * this booth was yes, or who agreed when registering and said nothing else here; others stay a count.
 */
export const handler = httpHandler(async (event) => {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
  if (!(await getBooth(dynamo(), resource('FAIR_TABLE'), boothId))) throw new NotFoundError(`no booth ${boothId}`);
  requirePermission(event, { kind: 'booth', boothId });
  const fair = await fairMeta();
  const { day = fairDay(now(), fair.timezone) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
  const table = resource('STATS_TABLE');
  if (event.routeKey.endsWith('/leads')) {
    const [visitors, answers] = await Promise.all([
      listBoothVisitors(dynamo(), table, boothId, day),
      listLeadAnswers(dynamo(), table, boothId),
    ]);
    const answered = new Map(answers.map((answer) => [answer.ticketId, answer]));
    const tickets = await getTicketsByIds(dynamo(), resource('TICKETS_TABLE'), visitors.slice(0, 1000), [
      'ticketId',
      'holderName',
      'category',
      'leadsConsent',
    ]);
    // The visitor's latest word at this booth wins: a no here outweighs a yes given when registering.
    const leads = tickets
      .filter((ticket) => answered.get(ticket.ticketId)?.consent ?? ticket.leadsConsent === true)
      .map((ticket) => ({
        ticketId: ticket.ticketId,
        ...(ticket.holderName ? { holderName: ticket.holderName } : {}),
        category: ticket.category,
        consent: answered.has(ticket.ticketId) ? ('booth' as const) : ('registration' as const),
      }))
      .sort((a, b) => a.ticketId.localeCompare(b.ticketId));
    return json(200, { boothId, day, visitorsSeen: visitors.length, leads });
  }
  const booth = await readBoothDay(dynamo(), table, boothId, day);
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
  return json(200, { boothId, day, ...booth });
});
