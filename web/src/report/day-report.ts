import { isGateVerdict } from '../../../shared/domain/gate-verdicts';
import type { DayReport } from '../../../shared/domain/report-shapes';
import { paperByHour } from '../../../shared/domain/venue-history';
import { HourChart } from '../common/charts';
import { h } from '../common/dom';
import { formatDay, formatNumber, fromTo, localName, localTitle, t, timeSpan } from '../common/i18n';
import { nameOf } from '../common/names';
import { busiestBooths, byCategoryTable, type ReportReader, reportHead } from './reader';
import { decisionsSection, figure, regionalTables, table } from './tables';

/** The day's key figures: entries (ticketed and counted), holders, the peak inside, refusals. */
function keyFigures(report: DayReport, { time, flowText }: ReportReader): HTMLElement {
  const root = report.zones.find((zone) => !zone.parentId);
  return h(
    'section',
    { class: 'report-figures' },
    figure(t('entries'), report.entries.total, flowText(report.entries)),
    figure(t('ticketHolders'), report.ticketHolders),
    root?.peak
      ? figure(t('peakInside'), root.peak.count, t('atTime', { time: time(root.peak.at) }))
      : figure(t('peakInside'), 0),
    figure(t('refused'), report.refusals.total),
  );
}

/** Each zone's peak; a zone nobody counted that day says so, rather than a 0 that reads as "empty". */
function zonesTable(report: DayReport, { zoneName, time }: ReportReader): HTMLElement {
  const rows = report.zones.map((zone) => [
    zoneName(zone.zoneId),
    zone.capacity,
    zone.peak ? zone.peak.count : t('notCountedThatDay'),
    zone.peak ? time(zone.peak.at) : '—',
    zone.peak || zone.sweptOut ? (zone.sweptOut ?? 0) : '—',
  ]);
  const columns = [t('zone'), t('capacity'), t('peakInside'), t('peakAt'), t('sweptOut')];
  return h('section', {}, h('h3', { t: 'zones' }), table('zones', columns, rows, [1, 2, 4]));
}

function gatesTable(report: DayReport): HTMLElement {
  const rows = report.gates.map((gate) => [
    localName(gate),
    gate.entries.total,
    gate.entries.counted,
    gate.exits.total,
    gate.refused,
  ]);
  const columns = [t('gateLabel'), t('entries'), t('walkIns'), t('exits'), t('refused')];
  return h(
    'section',
    { id: 'report-gates' },
    h('h3', { t: 'gatesToday' }),
    table('gatesToday', columns, rows, [1, 2, 3, 4]),
  );
}

function refusalsTable(report: DayReport): HTMLElement {
  const rows = Object.entries(report.refusals.byVerdict)
    .sort((a, b) => b[1] - a[1])
    .map(([verdict, count]) => [isGateVerdict(verdict) ? t(`verdict_${verdict}`) : verdict, count]);
  return h(
    'section',
    {},
    h('h3', { t: 'refusalsByReason' }),
    rows.length > 0
      ? table('refusalsByReason', [t('reason'), t('count')], rows, [1])
      : h('p', { class: 'muted', t: 'noRefusals' }),
  );
}

function workshopsTable(report: DayReport, { time }: ReportReader): HTMLElement {
  const rows = report.workshops.map((workshop) => [
    time(workshop.startsAt),
    `${localTitle(workshop)}${workshop.status === 'cancelled' ? ` (${t('status_cancelled')})` : ''}`,
    workshop.capacity,
    workshop.registered,
    workshop.attended,
  ]);
  const columns = [t('time'), t('workshop'), t('seats'), t('registered'), t('attended')];
  return h(
    'section',
    {},
    h('h3', { t: 'workshopsAndSeminars' }),
    table('workshopsAndSeminars', columns, rows, [2, 3, 4]),
  );
}

/** What the gates counted on paper while the network was cut, as the stewards entered it. */
function paperTallies(report: DayReport, { gateName }: ReportReader): HTMLElement | string {
  if (report.paper.tallies.length === 0) return '';
  const rows = report.paper.tallies.map((tally) => [
    gateName(tally.gateId),
    timeSpan(tally.from, tally.to),
    tally.in,
    tally.out,
    nameOf(tally.by),
  ]);
  return h(
    'section',
    { id: 'paper-tallies' },
    h('h3', { t: 'paperTallies' }),
    h('p', { class: 'muted', t: 'paperTalliesHelp' }),
    table('paperTallies', [t('gate'), t('time'), t('entries'), t('exits'), t('paperEnteredBy')], rows, [2, 3]),
  );
}

/** The day's alerts and how fast each was acknowledged; the day's closing is one of them. */
function alertsTable(report: DayReport, { zoneName, time }: ReportReader): HTMLElement {
  const rows = report.alerts.map((alert) => {
    if (alert.kind === 'dayClosed') return [time(alert.raisedAt), t('dayClosed'), '—', '—'];
    const { secondsToAcknowledge: seconds } = alert;
    return [
      time(alert.raisedAt),
      zoneName(alert.zoneId),
      `${fromTo(t(`level_${alert.previousLevel}`), t(`level_${alert.level}`))} (${formatNumber(alert.count)} / ${formatNumber(alert.capacity)})`,
      seconds !== undefined
        ? t('minutesSeconds', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })
        : t('notAcknowledged'),
    ];
  });
  return h(
    'section',
    {},
    h('h3', { t: 'alerts' }),
    rows.length > 0
      ? table('alerts', [t('time'), t('zone'), t('level'), t('acknowledgedAfter')], rows)
      : h('p', { class: 'muted', t: 'noAlerts' }),
  );
}

function closing(report: DayReport, { time }: ReportReader): HTMLElement {
  const root = report.zones.find((zone) => !zone.parentId);
  const text = report.closing
    ? t('closingLine', {
        time: time(report.closing.closedAt),
        swept: root ? (report.closing.sweptOut[root.zoneId] ?? 0) : 0,
        tickets: report.closing.ticketsSwept ?? 0,
      })
    : t('notClosedYet');
  return h('section', {}, h('h3', { t: 'closing' }), h('p', {}, text));
}

/**
 * People inside by hour, with what the gates counted on paper during a cut as a second line. Drawn once
 * the section is on the page (a chart measures the width it is given).
 */
function insideChart(report: DayReport, { fair }: ReportReader) {
  const box = h('div', { class: 'chart report-chart' });
  const hours = report.insideByHour.map((entry) => entry.hour);
  const inside = report.insideByHour.map((entry) => entry.inside);
  const paper = paperByHour(fair.gates, report.paper.tallies, hours);
  const withPaper = {
    label: t('withPaperTallies'),
    values: inside.map((value, index) => Math.max(0, value + (paper[index] ?? 0))),
    color: '#7a6a2f',
    dashed: true,
    keyed: true,
  };
  // A day nobody has entered yet (a morning's report) draws no empty frame: it says so, as the tables do.
  const empty = h('p', { class: 'muted', id: 'occupancy-none', t: 'nothingYet' });
  return {
    element: h('section', {}, h('h3', { t: 'occupancyToday' }), hours.length === 0 ? empty : box),
    draw(): void {
      if (hours.length === 0) return;
      // On A4 (170 mm between margins of 20) the chart is drawn 640 px wide.
      new HourChart(box, 200, 640).update(hours, [
        { label: t('occupancyToday'), values: inside, color: '#1f6f6b' },
        ...(paper.some((value) => value !== 0) ? [withPaper] : []),
      ]);
    },
  };
}

/** The day's report, section by section, as printed for the council and the ministry. */
export function showDayReport(body: HTMLElement, report: DayReport, reader: ReportReader): void {
  const chart = insideChart(report, reader);
  body.replaceChildren(
    reportHead(
      reader,
      report,
      h('h2', {}, `${t('dayReport')} · ${formatDay(report.day)}`),
      report.partial ? h('p', { class: 'notice-text', t: 'reportPartial' }) : '',
    ),
    keyFigures(report, reader),
    chart.element,
    zonesTable(report, reader),
    decisionsSection(report.decisions, reader),
    gatesTable(report),
    byCategoryTable(report.byCategory),
    refusalsTable(report),
    workshopsTable(report, reader),
    busiestBooths(report.booths, true),
    regionalTables(report.regional, reader),
    paperTallies(report, reader),
    alertsTable(report, reader),
    closing(report, reader),
    reader.signature(report),
  );
  chart.draw();
}
