import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { csvHeader, toCsv } from '#commons/csv';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { type HttpInner, httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { csvFile, json } from '#commons/http/response';
import { CsvQuerySchema } from '#shared/contract/csv';
import { DaySchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { byBusiest } from '#shared/domain/footfall';
import { dynamo } from '#shared/store/clients';
import { listBooths } from '#shared/store/fair-store';
import { listBoothRanking } from '#shared/store/footfall-store';

/**
 * GET /v1/booths/stats[.csv]?day= (organiser): every booth, busiest first (booths with no visit too).
 * Busiest by badge-verified visits, which a booth cannot make up; its own +1s are shown beside them and
 * decide only between equals.
 */
/** The booths ranked by visits on a day, as JSON or as a spreadsheet (CSV). */
const rankingAs =
  (csv: boolean): HttpInner =>
  async (event) => {
    requirePermission(event, { kind: 'watch' });
    const fair = await fairMeta();
    const { day = fairDay(now(), zoneOf(fair)) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
    const [booths, ranking] = await Promise.all([
      listBooths(dynamo(), resource('FAIR_TABLE')),
      listBoothRanking(dynamo(), resource('STATS_TABLE'), day),
    ]);
    const counted = new Map(ranking.map((row) => [row.boothId, row]));
    const rows = booths
      .map((booth) => ({
        boothId: booth.boothId,
        exhibitor: booth.exhibitor,
        category: booth.category,
        zoneId: booth.zoneId,
        visits: counted.get(booth.boothId)?.visits ?? 0,
        badgeVisits: counted.get(booth.boothId)?.badgeVisits ?? 0,
        countedVisits: counted.get(booth.boothId)?.countedVisits ?? 0,
        flaggedVisits: counted.get(booth.boothId)?.flaggedVisits ?? 0,
        uniqueVisitors: counted.get(booth.boothId)?.uniqueVisitors ?? 0,
      }))
      .sort(byBusiest);
    if (csv) {
      const query = parseQuery(event, CsvQuerySchema.extend({ day: DaySchema.optional() }));
      const categories = new Map(fair.categories?.map((category) => [category.categoryId, category.names]));
      const category = (id: string) => (query.lang ? (categories.get(id)?.[query.lang] ?? id) : id);
      const header = csvHeader(
        ['rank', 'boothId', 'exhibitor', 'category', 'badgeVisits', 'countedVisits', 'visits', 'uniqueVisitors'],
        query.lang,
      );
      return csvFile(
        `booths-${day}.csv`,
        toCsv(
          header,
          rows.map((row, i) => [
            i + 1,
            row.boothId,
            row.exhibitor,
            category(row.category),
            row.badgeVisits,
            row.countedVisits,
            row.visits,
            row.uniqueVisitors,
          ]),
          query,
        ),
      );
    }
    return json(200, { day, booths: rows });
  };

export const handler = httpHandler(
  byRoute('booth-ranking')({
    'GET /v1/booths/stats': rankingAs(false),
    'GET /v1/booths/stats.csv': rankingAs(true),
  }),
);
