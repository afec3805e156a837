import { HourChart } from '../common/charts';
import { figureTable, h } from '../common/dom';
import { downloadButton } from '../common/download-button';
import { formatDay, formatNumber, language, t } from '../common/i18n';
import { STORED_PER } from '../common/stored';
import type { BoothStats } from '../common/types';

/** The booth and day on screen. */
export interface BoothDay {
  boothId: string | undefined;
  day: string;
}

const statsKey = ({ boothId, day }: BoothDay) => STORED_PER.boothStats(boothId ?? '', day);

/**
 * The figures last shown for this booth and day, kept on the phone: a page reloaded without a network
 * shows them (and what waits to be sent) rather than a dash until the network is back.
 */
export function keptStats(on: BoothDay): BoothStats | undefined {
  try {
    return (JSON.parse(localStorage.getItem(statsKey(on)) ?? 'null') as BoothStats | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Visits by hour, the fair's hours always shown and any hour with visits outside them added. */
function byHourSeries(stats: BoothStats) {
  const byHour = new Map(stats.byHour.map((entry) => [Number(entry.hour), entry.visits]));
  const hours = Array.from({ length: 13 }, (_, index) => index + 8);
  for (const hour of byHour.keys()) if (!hours.includes(hour)) hours.push(hour);
  hours.sort((a, b) => a - b);
  return { hours, values: hours.map((hour) => byHour.get(hour) ?? 0) };
}

/** The booth's figures: visits and unique visitors, poster scans, visits by hour with a CSV, the days so far. */
export function boothFigures(on: () => BoothDay) {
  const visits = h('div', { class: 'value', id: 'visits' }, '–');
  const unique = h('div', { class: 'value', id: 'unique' }, '–');
  // Empty until a phone has opened the booth's poster: then it takes no row (style.css, `main > :empty`).
  const posterScans = h('p', { class: 'muted', id: 'poster-scans' });
  const chartBox = h('div', { class: 'chart', id: 'booth-chart' });
  const chart = new HourChart(chartBox);
  const daysTable = h('tbody', { id: 'days' });
  const csv = downloadButton('csv', 'downloadCsv', () => {
    const { boothId, day } = on();
    return boothId
      ? { path: `/v1/booths/${boothId}/stats.csv?day=${day}&lang=${language()}`, name: `booth-${boothId}-${day}.csv` }
      : undefined;
  });
  const figure = (label: 'visits' | 'uniqueVisitors', value: HTMLElement) =>
    h('div', { class: 'figure' }, h('div', { class: 'label', t: label }), value);
  return {
    elements: [
      h('section', { class: 'figures' }, figure('visits', visits), figure('uniqueVisitors', unique)),
      posterScans,
      h(
        'section',
        { class: 'card' },
        h('h2', { t: 'byHour' }),
        chartBox,
        h('div', { class: 'row' }, csv.button),
        csv.problem,
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', { t: 'daysSoFar' }),
        figureTable('daysSoFar', ['day', 'visits', 'uniqueVisitors'], daysTable),
      ),
    ],
    /** The day's figures, with `shownVisits` (the server's and those this phone has not seen counted yet). */
    show(stats: BoothStats | undefined, shownVisits: number, perDay: BoothStats[]): void {
      if (!stats) {
        visits.textContent = '–';
        unique.textContent = '–';
        delete visits.dataset.value;
      } else {
        visits.textContent = formatNumber(shownVisits);
        visits.dataset.value = String(shownVisits);
        // What the page shows, kept for a reload without a network (the visits sent and not yet in the
        // server's figure included: after a reload the page no longer knows them apart).
        localStorage.setItem(statsKey(on()), JSON.stringify({ ...stats, visits: shownVisits }));
        unique.textContent = formatNumber(stats.uniqueVisitors);
        // Phones that opened the booth's poster page: anonymous, apart from the visits.
        posterScans.textContent = stats.interestVisits ? t('posterScans', { count: stats.interestVisits }) : '';
        const { hours, values } = byHourSeries(stats);
        chart.update(hours, [{ label: t('visits'), values, color: '#1f6f6b', bars: true }]);
      }
      daysTable.replaceChildren(
        ...perDay.map((entry) =>
          h(
            'tr',
            {},
            h('td', {}, formatDay(entry.day)),
            h('td', { class: 'num' }, formatNumber(entry.visits)),
            h('td', { class: 'num' }, formatNumber(entry.uniqueVisitors)),
          ),
        ),
      );
    },
  };
}
