import * as z from 'zod';
import { now } from '#commons/clock';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
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
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'watch' });
  const deps = await reportDeps();
  const { fair } = deps;
  const csv = event.routeKey.endsWith('.csv');
  const query = csv ? parseQuery(event, CsvQuerySchema) : {};
  if (event.routeKey.startsWith('GET /v1/reports/fair')) {
    const report = await fairReport(deps);
    return csv ? csvFile(`report-${fair.fairId}.csv`, fairReportCsv(report, query)) : json(200, report);
  }
  const { day } = parsePath(event, z.object({ day: DaySchema }));
  if (!fair.days.includes(day)) throw new NotFoundError(`${day} is not a day of the fair (${fair.days.join(', ')})`);
  if (day > fairDay(now(), zoneOf(fair))) throw new ConflictError(`${day} has not begun yet`);
  const report = await dayReport(deps, day);
  return csv ? csvFile(`report-${day}.csv`, dayReportCsv(report, query)) : json(200, report);
});
