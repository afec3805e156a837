import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import './report.css';
import type { DayReport, FairReport } from '../../../shared/domain/report-shapes';
import { againWhenAnswered, NetworkError, request } from '../common/api';
import { h } from '../common/dom';
import { downloadButton } from '../common/download-button';
import { explain } from '../common/explain';
import { fairToday } from '../common/fair-clock';
import { applyLanguage, formatDay, language, onLanguageChange, t } from '../common/i18n';
import { type PageContext, startPage } from '../common/session';
import { showDayReport } from './day-report';
import { showFairReport } from './fair-report';
import { reportReader } from './reader';

/** The days to choose from (and the whole fair); choosing one opens its report. */
function dayPicker(days: string[], chosen: string): HTMLSelectElement {
  const picker = h(
    'select',
    { id: 'report-day', 'aria-label': t('day') },
    h('option', { value: 'fair', t: 'wholeFair' }),
    ...days.map((d) => h('option', { value: d, 'data-day': d }, formatDay(d))),
  );
  picker.value = chosen;
  picker.addEventListener('change', () => {
    location.search = picker.value === 'fair' ? '?fair' : `?day=${picker.value}`;
  });
  return picker;
}

/**
 * /report?day=YYYY-MM-DD (or ?fair for the whole fair): the day's report for the council and the
 * ministry, laid out for A4 and printed (or saved as PDF) by the browser, in the reader's language:
 * the key figures, people inside by hour, each zone's peak, refusals by reason, workshops against their
 * seats, the busiest booths, the alerts and how fast each was acknowledged, the closing.
 */
function render({ fair, shell }: PageContext): void {
  const params = new URLSearchParams(location.search);
  const today = fairToday(zoneOf(fair));
  const begun = fair.days.filter((day) => day <= today);
  const wholeFair = params.has('fair');
  if (wholeFair) shell.setTitle('fairReport');
  let day = params.get('day') ?? (begun.at(-1) as string) ?? (fair.days[0] as string);
  const picker = dayPicker(begun.length > 0 ? begun : fair.days.slice(0, 1), wholeFair ? 'fair' : day);
  // Print and CSV wait for a report: printing an error, or downloading while offline, helps no one.
  const { button: csv, problem: csvProblem } = downloadButton('report-excel', 'downloadForExcel', () => ({
    path: `${wholeFair ? '/v1/reports/fair/report.csv' : `/v1/reports/days/${day}/report.csv`}?lang=${language()}`,
    name: wholeFair ? 'report-fair.csv' : `report-${day}.csv`,
  }));
  csv.disabled = true;
  const printButton = h('button', {
    type: 'button',
    class: 'primary',
    id: 'print-report',
    t: 'print',
    disabled: true,
    onclick: () => print(),
  });
  const body = h('div', { class: 'report', id: 'report' }, h('p', { class: 'muted', t: 'loading' }));
  shell.main.className = 'report-main';
  csvProblem.classList.add('no-print');
  shell.main.replaceChildren(
    h('div', { class: 'report-toolbar no-print' }, picker, printButton, csv),
    csvProblem,
    body,
  );
  const reader = reportReader(fair);
  let shown: (() => void) | undefined;

  async function load(): Promise<void> {
    try {
      if (wholeFair) {
        const report = await request<FairReport>('/v1/reports/fair', { timeoutMs: 30_000 });
        shown = () => showFairReport(body, report, reader);
      } else {
        const report = await request<DayReport>(`/v1/reports/days/${day}`, { timeoutMs: 30_000 });
        day = report.day;
        shown = () => showDayReport(body, report, reader);
      }
      shown();
      applyLanguage(body);
      printButton.disabled = false;
      csv.disabled = false;
      document.body.dataset.ready = 'true';
    } catch (error) {
      body.replaceChildren(
        error instanceof NetworkError
          ? h('p', { class: 'form-error', role: 'alert', t: 'reportWaiting' })
          : h('p', { class: 'form-error', role: 'alert' }, explain(error)),
      );
      applyLanguage(body);
      // Opened with no network (the page from the phone's cache), the report comes by itself.
      againWhenAnswered(error, load);
    }
  }
  onLanguageChange(() => {
    for (const option of picker.options) if (option.dataset.day) option.textContent = formatDay(option.dataset.day);
    shown?.();
    applyLanguage(body);
  });
  void load();
  applyLanguage();
}

void startPage({ title: 'reportTitle', roles: ['organiser', 'viewer'], render });
