import * as z from 'zod';
import { now } from '#commons/clock';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { type HttpInner, httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parsePath, parseQuery } from '#commons/http/request';
import { csvFile, json } from '#commons/http/response';
import { reportDeps } from '#commons/report-deps';
import { CsvQuerySchema } from '#shared/contract/csv';
import { DaySchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { dayReport, fairReport } from '#shared/use-cases/day-report';
import { dayReportCsv, fairReportCsv } from '#shared/use-cases/report-csv';

/**
 * GET /v1/reports/days/{day} (and .../report.csv), GET /v1/reports/fair (and .../report.csv), for
 * organisers: a day's figures for the council and the ministry, entries first; the whole fair's.
 */
/** The day asked for, if it is one of the fair's and has begun. */
function dayAsked(event: Parameters<HttpInner>[0], fair: { days: string[] } & Parameters<typeof zoneOf>[0]): string {
  const { day } = parsePath(event, z.object({ day: DaySchema }));
  if (!fair.days.includes(day)) throw new NotFoundError(`${day} is not a day of the fair (${fair.days.join(', ')})`);
  if (day > fairDay(now(), zoneOf(fair))) throw new ConflictError(`${day} has not begun yet`);
  return day;
}

/** Each report needs a viewer's right at least, and what reports read. */
async function reporting(event: Parameters<HttpInner>[0]) {
  requirePermission(event, { kind: 'watch' });
  return reportDeps();
}

export const handler = httpHandler(
  byRoute('reports')({
    'GET /v1/reports/days/{day}': async (event) => {
      const deps = await reporting(event);
      return json(200, await dayReport(deps, dayAsked(event, deps.fair)));
    },
    'GET /v1/reports/days/{day}/report.csv': async (event) => {
      const deps = await reporting(event);
      const query = parseQuery(event, CsvQuerySchema);
      const day = dayAsked(event, deps.fair);
      return csvFile(`report-${day}.csv`, dayReportCsv(await dayReport(deps, day), query));
    },
    'GET /v1/reports/fair': async (event) => json(200, await fairReport(await reporting(event))),
    'GET /v1/reports/fair/report.csv': async (event) => {
      const deps = await reporting(event);
      const query = parseQuery(event, CsvQuerySchema);
      return csvFile(`report-${deps.fair.fairId}.csv`, fairReportCsv(await fairReport(deps), query));
    },
  }),
);
