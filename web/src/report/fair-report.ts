import type { FairReport } from '../../../shared/domain/report-shapes';
import { h } from '../common/dom';
import { formatDay, t } from '../common/i18n';
import { busiestBooths, byCategoryTable, type ReportReader, reportHead } from './reader';
import { figure, regionalTables, table } from './tables';

function daysTable(report: FairReport): HTMLElement {
  const columns = [
    t('day'),
    t('entries'),
    t('ticketHolders'),
    t('peakInside'),
    t('refused'),
    t('attended'),
    t('alerts'),
  ];
  const rows = report.days.map((entry) => [
    formatDay(entry.day),
    entry.entries.total,
    entry.ticketHolders,
    entry.venuePeak?.count ?? 0,
    entry.refusals,
    entry.workshopsAttended,
    entry.alerts,
  ]);
  return h('section', {}, h('h3', { t: 'days' }), table('days', columns, rows, [1, 2, 3, 4, 5, 6]));
}

/** The whole fair's report: its figures, day by day, who came, the busiest booths, the region's tables. */
export function showFairReport(body: HTMLElement, report: FairReport, reader: ReportReader): void {
  const { fair, time, flowText } = reader;
  const venue = report.zones.find((zone) => !fair.zones.find((z) => z.zoneId === zone.zoneId)?.parentId);
  body.replaceChildren(
    reportHead(reader, report, h('h2', { t: 'fairReport' })),
    h(
      'section',
      { class: 'report-figures' },
      figure(t('entries'), report.entries.total, flowText(report.entries)),
      figure(t('ticketHolders'), report.ticketHolders),
      venue?.peak
        ? figure(t('peakInside'), venue.peak.count, `${formatDay(venue.peak.day)} ${time(venue.peak.at)}`)
        : figure(t('peakInside'), 0),
      figure(t('alerts'), report.alerts, t('acknowledgedCount', { count: report.alertsAcknowledged })),
    ),
    daysTable(report),
    byCategoryTable(report.byCategory),
    busiestBooths(report.booths, false),
    regionalTables(report.regional, reader),
    reader.signature(report),
  );
}
