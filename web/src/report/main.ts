import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import './report.css';
import type { DayReport, FairReport, Flow } from '../../../shared/domain/report-shapes';
import { paperByHour } from '../../../shared/domain/venue-history';
import { download, request } from '../common/api';
import { HourChart } from '../common/charts';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairToday } from '../common/fair-clock';
import {
  applyLanguage,
  formatDay,
  formatNumber,
  formatTime,
  fromTo,
  language,
  localName,
  localTitle,
  onLanguageChange,
  t,
  timeSpan,
  tKnown,
} from '../common/i18n';
import { type PageContext, startPage } from '../common/session';
import { decisionsSection, figure, regionalTables, signatureBlock, table } from './tables';

/**
 * /report?day=YYYY-MM-DD (or ?fair for the whole fair): the day's report for the council and the
 * ministry, laid out for A4 and printed (or saved as PDF) by the browser, in the reader's language:
 * the key figures, people inside by hour, each zone's peak, refusals by reason, workshops against their
 * seats, the busiest booths, the alerts and how fast each was acknowledged, the closing.
 */
const BOOTHS_SHOWN = 20;

function render({ fair, shell }: PageContext): void {
  const params = new URLSearchParams(location.search);
  const today = fairToday(zoneOf(fair));
  const begun = fair.days.filter((day) => day <= today);
  const wholeFair = params.has('fair');
  if (wholeFair) shell.setTitle('fairReport');
  let day = params.get('day') ?? (begun.at(-1) as string) ?? (fair.days[0] as string);
  const picker = h(
    'select',
    { id: 'report-day', 'aria-label': t('day') },
    h('option', { value: 'fair', t: 'wholeFair' }),
    ...(begun.length > 0 ? begun : fair.days.slice(0, 1)).map((d) =>
      h('option', { value: d, 'data-day': d }, formatDay(d)),
    ),
  );
  picker.value = wholeFair ? 'fair' : day;
  picker.addEventListener('change', () => {
    location.search = picker.value === 'fair' ? '?fair' : `?day=${picker.value}`;
  });
  const csv = h('button', { type: 'button', id: 'report-excel', t: 'downloadForExcel' });
  csv.addEventListener('click', () => {
    const path = wholeFair ? '/v1/reports/fair/report.csv' : `/v1/reports/days/${day}/report.csv`;
    void download(`${path}?lang=${language()}`, wholeFair ? 'report-fair.csv' : `report-${day}.csv`);
  });
  const body = h('div', { class: 'report', id: 'report' }, h('p', { class: 'muted', t: 'loading' }));
  shell.main.className = 'report-main';
  shell.main.replaceChildren(
    h(
      'div',
      { class: 'report-toolbar no-print' },
      picker,
      h('button', { type: 'button', class: 'primary', id: 'print-report', t: 'print', onclick: () => print() }),
      csv,
    ),
    body,
  );
  const fairName = () => fair.localNames?.[language()] ?? fair.name;
  /** The fair's name in the other of Arabic and French: a document filed with the region reads both. */
  const otherLanguageName = () => {
    const other = language() === 'ar' ? 'fr' : 'ar';
    const name = fair.localNames?.[other];
    return name && name !== fairName()
      ? h('p', { class: 'report-other-name', lang: other, dir: other === 'ar' ? 'rtl' : 'ltr' }, name)
      : '';
  };
  /** The fair's logo from its file, beside its name on the printed header. */
  const logo = (report: { fair: { logo?: string } }) =>
    report.fair.logo ? h('img', { class: 'report-logo', src: report.fair.logo, alt: '' }) : '';
  const categoryName = (categoryId: string) => {
    const category = fair.categories.find((each) => each.categoryId === categoryId);
    return category ? localName(category) : categoryId;
  };
  const zoneName = (zoneId: string) => {
    const zone = fair.zones.find((candidate) => candidate.zoneId === zoneId);
    return zone ? localName(zone) : zoneId;
  };
  const time = (instant: string) => formatTime(instant, zoneOf(fair));
  const flowText = (flow: Flow) => t('flowSplit', { ticketed: flow.ticketed, counted: flow.counted });
  let shown: (() => void) | undefined;
  // Who came, by ticket category: every category listed, none left out for being 0.
  const byCategoryTable = (rows: DayReport['byCategory']) =>
    h(
      'section',
      { id: 'report-categories' },
      h('h3', { t: 'holdersByCategory' }),
      table(
        'holdersByCategory',
        [t('category'), t('ticketHolders')],
        rows.map((row) => [t(`category_${row.category}`), row.holders]),
        [1],
      ),
    );

  function showDay(report: DayReport): void {
    const root = report.zones.find((zone) => !zone.parentId);
    const chartBox = h('div', { class: 'chart report-chart' });
    const closingText = report.closing
      ? t('closingLine', {
          time: time(report.closing.closedAt),
          swept: root ? (report.closing.sweptOut[root.zoneId] ?? 0) : 0,
          tickets: report.closing.ticketsSwept ?? 0,
        })
      : t('notClosedYet');
    body.replaceChildren(
      h(
        'header',
        { class: 'report-head' },
        logo(report),
        h('h1', { dir: 'auto' }, fairName()),
        otherLanguageName(),
        h('h2', {}, `${t('dayReport')} · ${formatDay(report.day)}`),
        report.partial ? h('p', { class: 'notice-text', t: 'reportPartial' }) : '',
      ),
      h(
        'section',
        { class: 'report-figures' },
        figure(t('entries'), report.entries.total, flowText(report.entries)),
        figure(t('ticketHolders'), report.ticketHolders),
        root?.peak
          ? figure(t('peakInside'), root.peak.count, t('atTime', { time: time(root.peak.at) }))
          : figure(t('peakInside'), 0),
        figure(t('refused'), report.refusals.total),
      ),
      h('section', {}, h('h3', { t: 'occupancyToday' }), chartBox),
      h(
        'section',
        {},
        h('h3', { t: 'zones' }),
        table(
          'zones',
          [t('zone'), t('capacity'), t('peakInside'), t('peakAt'), t('sweptOut')],
          // A zone nobody counted that day says so, rather than a 0 that reads as "empty".
          report.zones.map((zone) => [
            zoneName(zone.zoneId),
            zone.capacity,
            zone.peak ? zone.peak.count : t('notCountedThatDay'),
            zone.peak ? time(zone.peak.at) : '—',
            zone.peak || zone.sweptOut ? (zone.sweptOut ?? 0) : '—',
          ]),
          [1, 2, 4],
        ),
      ),
      decisionsSection(report.decisions, { zoneName, time }),
      h(
        'section',
        { id: 'report-gates' },
        h('h3', { t: 'gatesToday' }),
        table(
          'gatesToday',
          [t('gateLabel'), t('entries'), t('walkIns'), t('exits'), t('refused')],
          report.gates.map((gate) => [
            localName(gate),
            gate.entries.total,
            gate.entries.counted,
            gate.exits.total,
            gate.refused,
          ]),
          [1, 2, 3, 4],
        ),
      ),
      byCategoryTable(report.byCategory),
      h(
        'section',
        {},
        h('h3', { t: 'refusalsByReason' }),
        Object.keys(report.refusals.byVerdict).length > 0
          ? table(
              'refusalsByReason',
              [t('reason'), t('count')],
              Object.entries(report.refusals.byVerdict)
                .sort((a, b) => b[1] - a[1])
                .map(([verdict, count]) => [tKnown(`verdict_${verdict}`, verdict), count]),
              [1],
            )
          : h('p', { class: 'muted', t: 'noRefusals' }),
      ),
      h(
        'section',
        {},
        h('h3', { t: 'workshopsAndSeminars' }),
        table(
          'workshopsAndSeminars',
          [t('time'), t('workshop'), t('seats'), t('registered'), t('attended')],
          report.workshops.map((workshop) => [
            time(workshop.startsAt),
            `${localTitle(workshop)}${workshop.status === 'cancelled' ? ` (${t('status_cancelled')})` : ''}`,
            workshop.capacity,
            workshop.registered,
            workshop.attended,
          ]),
          [2, 3, 4],
        ),
      ),
      h(
        'section',
        {},
        h('h3', { t: 'busiestBooths' }),
        table(
          'busiestBooths',
          ['#', t('booth'), t('exhibitor'), t('visits'), t('uniqueVisitors')],
          report.booths
            .slice(0, BOOTHS_SHOWN)
            .map((booth) => [booth.rank, booth.boothId, booth.exhibitor, booth.visits, booth.uniqueVisitors]),
          [0, 3, 4],
        ),
      ),
      regionalTables(report.regional, categoryName),
      report.paper.tallies.length > 0
        ? h(
            'section',
            { id: 'paper-tallies' },
            h('h3', { t: 'paperTallies' }),
            h('p', { class: 'muted', t: 'paperTalliesHelp' }),
            table(
              'paperTallies',
              [t('gate'), t('time'), t('entries'), t('exits'), t('paperEnteredBy')],
              report.paper.tallies.map((tally) => {
                const gate = fair.gates.find((each) => each.gateId === tally.gateId);
                return [
                  gate ? localName(gate) : tally.gateId,
                  timeSpan(tally.from, tally.to),
                  tally.in,
                  tally.out,
                  tally.by,
                ];
              }),
              [2, 3],
            ),
          )
        : '',
      h(
        'section',
        {},
        h('h3', { t: 'alerts' }),
        report.alerts.length > 0
          ? table(
              'alerts',
              [t('time'), t('zone'), t('level'), t('acknowledgedAfter')],
              report.alerts.map((alert) => [
                time(alert.raisedAt),
                alert.kind === 'dayClosed' ? t('dayClosed') : zoneName(alert.zoneId),
                alert.kind === 'dayClosed'
                  ? '—'
                  : `${fromTo(t(`level_${alert.previousLevel}`), t(`level_${alert.level}`))} (${formatNumber(alert.count)} / ${formatNumber(alert.capacity)})`,
                alert.kind === 'dayClosed'
                  ? '—'
                  : alert.secondsToAcknowledge !== undefined
                    ? t('minutesSeconds', {
                        minutes: Math.floor(alert.secondsToAcknowledge / 60),
                        seconds: alert.secondsToAcknowledge % 60,
                      })
                    : t('notAcknowledged'),
              ]),
            )
          : h('p', { class: 'muted', t: 'noAlerts' }),
      ),
      h('section', {}, h('h3', { t: 'closing' }), h('p', {}, closingText)),
      signatureBlock(t('generatedAt', { time: time(report.generatedAt) })),
    );
    // On A4 (170 mm between margins of 20) the chart is drawn 640 px wide.
    const chart = new HourChart(chartBox, 200, 640);
    const hours = report.insideByHour.map((entry) => entry.hour);
    const inside = report.insideByHour.map((entry) => entry.inside);
    // What the gates counted on paper during a cut, as a second line beside the live one.
    const paper = paperByHour(fair.gates, report.paper.tallies, hours);
    if (hours.length > 0)
      chart.update(hours, [
        { label: t('occupancyToday'), values: inside, color: '#1f6f6b' },
        ...(paper.some((value) => value !== 0)
          ? [
              {
                label: t('withPaperTallies'),
                values: inside.map((value, index) => Math.max(0, value + (paper[index] ?? 0))),
                color: '#7a6a2f',
                dashed: true,
                keyed: true,
              },
            ]
          : []),
      ]);
    applyLanguage(body);
  }

  function showFair(report: FairReport): void {
    const venue = report.zones.find((zone) => !fair.zones.find((z) => z.zoneId === zone.zoneId)?.parentId);
    body.replaceChildren(
      h(
        'header',
        { class: 'report-head' },
        logo(report),
        h('h1', { dir: 'auto' }, fairName()),
        otherLanguageName(),
        h('h2', { t: 'fairReport' }),
      ),
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
      h(
        'section',
        {},
        h('h3', { t: 'days' }),
        table(
          'days',
          [t('day'), t('entries'), t('ticketHolders'), t('peakInside'), t('refused'), t('attended'), t('alerts')],
          report.days.map((entry) => [
            formatDay(entry.day),
            entry.entries.total,
            entry.ticketHolders,
            entry.venuePeak?.count ?? 0,
            entry.refusals,
            entry.workshopsAttended,
            entry.alerts,
          ]),
          [1, 2, 3, 4, 5, 6],
        ),
      ),
      byCategoryTable(report.byCategory),
      h(
        'section',
        {},
        h('h3', { t: 'busiestBooths' }),
        table(
          'busiestBooths',
          ['#', t('booth'), t('exhibitor'), t('visits')],
          report.booths
            .slice(0, BOOTHS_SHOWN)
            .map((booth) => [booth.rank, booth.boothId, booth.exhibitor, booth.visits]),
          [0, 3],
        ),
      ),
      regionalTables(report.regional, categoryName),
      signatureBlock(t('generatedAt', { time: time(report.generatedAt) })),
    );
    applyLanguage(body);
  }

  async function load(): Promise<void> {
    try {
      if (wholeFair) {
        const report = await request<FairReport>('/v1/reports/fair', { timeoutMs: 30_000 });
        shown = () => showFair(report);
      } else {
        const report = await request<DayReport>(`/v1/reports/days/${day}`, { timeoutMs: 30_000 });
        day = report.day;
        shown = () => showDay(report);
      }
      shown();
      document.body.dataset.ready = 'true';
    } catch (error) {
      body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, explain(error)));
    }
  }
  onLanguageChange(() => {
    for (const option of picker.options) if (option.dataset.day) option.textContent = formatDay(option.dataset.day);
    shown?.();
  });
  void load();
  applyLanguage();
}

void startPage({ title: 'reportTitle', roles: ['organiser', 'viewer'], render });
