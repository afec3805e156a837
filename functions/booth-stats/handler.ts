import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { csvHeader, toCsv } from '#commons/csv';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath, parseQuery } from '#commons/http/request';
import { csvFile, json } from '#commons/http/response';
import { SalesSchema } from '#shared/contract/booths';
import { CsvQuerySchema } from '#shared/contract/csv';
import { DaySchema, IdSchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { fairRecordsExpireAt } from '#shared/domain/retention';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { readBoothDay } from '#shared/store/footfall-store';
import { declareSales, getDeclaredSales } from '#shared/store/sales-store';

/**
 * GET /v1/booths/{boothId}/stats[.csv]?day= (its exhibitor, or an organiser). Visits are badge-verified
 * and self-counted, told apart, with the self-counted ones beyond a booth's plausible pace kept apart as
 * flagged, and the day's declared sales (its own only). Leads are functions/booth-leads'. PUT
 * /v1/booths/{boothId}/sales/{day}: the booth declares the day's sales (a fair day, today or before);
 * the reports publish them only as totals over several booths.
 */
/** The booth a request names (404 when the fair has none), then the caller's right to it. */
async function boothAsked(event: AuthorizedEvent) {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema, day: DaySchema.optional() }));
  if (!(await getBooth(dynamo(), resource('FAIR_TABLE'), boothId))) throw new NotFoundError(`no booth ${boothId}`);
  const principal = requirePermission(event, { kind: 'booth', boothId });
  return { boothId, by: principal.label, fair: await fairMeta() };
}

/** A booth's figures of a day: its visits by hour and what it declared it sold. */
async function boothDay(event: AuthorizedEvent) {
  const { boothId, fair } = await boothAsked(event);
  const { day = fairDay(now(), zoneOf(fair)) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
  const table = resource('STATS_TABLE');
  const [booth, sales] = await Promise.all([
    readBoothDay(dynamo(), table, boothId, day),
    getDeclaredSales(dynamo(), table, boothId, day),
  ]);
  return { boothId, day, booth, sales };
}

export const handler = httpHandler(
  byRoute('booth-stats')({
    'GET /v1/booths/{boothId}/stats': async (event) => {
      const { boothId, day, booth, sales } = await boothDay(event);
      return json(200, { boothId, day, ...booth, ...(sales ? { declaredSalesMad: sales.amountMad } : {}) });
    },
    'GET /v1/booths/{boothId}/stats.csv': async (event) => {
      const { boothId, day, booth } = await boothDay(event);
      const query = parseQuery(event, CsvQuerySchema.extend({ day: DaySchema.optional() }));
      return csvFile(
        `booth-${boothId}-${day}.csv`,
        toCsv(
          csvHeader(['boothId', 'day', 'hour', 'visits'], query.lang),
          booth.byHour.map((h) => [boothId, day, h.hour, h.visits]),
          query,
        ),
      );
    },
    'PUT /v1/booths/{boothId}/sales/{day}': async (event) => {
      const { boothId, by, fair } = await boothAsked(event);
      const { day } = parsePath(event, z.object({ boothId: IdSchema, day: DaySchema }));
      const { amountMad } = parseJsonBody(event, SalesSchema);
      const today = fairDay(now(), zoneOf(fair));
      if (!fair.days.includes(day) || day > today)
        throw new ValidationFailedError('sales are declared for a fair day that has begun', [
          { path: 'day', message: `${day} is not a fair day up to today (${today})` },
        ]);
      const sales = { boothId, day, amountMad, declaredAt: now().toISOString(), by };
      await declareSales(dynamo(), resource('STATS_TABLE'), sales, fairRecordsExpireAt(fair.days));
      return json(200, sales);
    },
  }),
);
