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

/**
 * GET /v1/booths/{boothId}/stats[.csv]?day= (its exhibitor, or an organiser). Visits are badge-verified
 * and self-counted, told apart, with the self-counted ones beyond a booth's plausible pace kept apart as
 * flagged. Leads are functions/booth-leads'.
 */
export const handler = httpHandler(async (event) => {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
  if (!(await getBooth(dynamo(), resource('FAIR_TABLE'), boothId))) throw new NotFoundError(`no booth ${boothId}`);
  requirePermission(event, { kind: 'booth', boothId });
  const fair = await fairMeta();
  const { day = fairDay(now(), fair.timezone) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
  const table = resource('STATS_TABLE');
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
