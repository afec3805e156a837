import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import { download, NetworkError, request } from '../common/api';
import { HourChart } from '../common/charts';
import { figureTable, h } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import { watchFloor } from '../common/floor-watch';
import { applyLanguage, formatDay, formatNumber, language, localName, onLanguageChange, t } from '../common/i18n';
import { type PageContext, startPage } from '../common/session';
import type { BoothStats } from '../common/types';
import { BadgeCheck } from './badge-check';
import { leadsPanel } from './leads-panel';
import { visitRecorder } from './recorder';
import { salesCard } from './sales-card';
import { waitingVisits } from './visit-queue';

/**
 * /booth: an exhibitor records visits (+1, or a visitor's badge with their consent asked) and sees
 * its own figures: today's visits and unique visitors, by hour, the days so far, a CSV, and its leads
 * (leads-panel.ts). Organisers may look at any booth.
 */
const REFRESH_MS = 30_000;

function render({ me, fair, shell }: PageContext): void {
  const booths = me.role === 'organiser' ? fair.booths : fair.booths.filter((b) => b.boothId === me.scope.booth);
  if (booths.length === 0) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noBooth' }));
    return;
  }
  let boothId = booths.find((b) => b.boothId === localStorage.getItem('rawaq.booth'))?.boothId ?? booths[0]?.boothId;
  const today = fairToday(zoneOf(fair));
  const pastDays = fair.days.filter((day) => day <= today);
  const days = pastDays.length > 0 ? pastDays : fair.days.slice(0, 1);
  let day = days.includes(today) ? today : (days.at(-1) as string);

  const boothSelect = h(
    'select',
    { id: 'booth', hidden: booths.length < 2 },
    ...booths.map((b) =>
      h('option', { value: b.boothId, selected: b.boothId === boothId }, `${b.boothId} · ${b.exhibitor}`),
    ),
  );
  boothSelect.addEventListener('change', () => {
    boothId = boothSelect.value;
    localStorage.setItem('rawaq.booth', boothId);
    recorder.reset();
    stats = keptStats();
    show();
    void refresh();
  });
  watchFloor({
    fair,
    page: 'booth',
    at: () => boothId,
    unsent: async () => ({ count: boothId ? await waitingVisits(boothId) : 0 }),
  });
  const daySelect = h('select', { id: 'day' });
  const fillDays = () =>
    daySelect.replaceChildren(...days.map((d) => h('option', { value: d, selected: d === day }, formatDay(d))));
  fillDays();
  daySelect.addEventListener('change', () => {
    day = daySelect.value;
    recorder.reset();
    recorder.element.hidden = day !== today;
    stats = keptStats();
    show();
    void refresh();
  });
  const visits = h('div', { class: 'value', id: 'visits' }, '–');
  const unique = h('div', { class: 'value', id: 'unique' }, '–');
  const posterScans = h('p', { class: 'muted', id: 'poster-scans' });
  const chartBox = h('div', { class: 'chart', id: 'booth-chart' });
  const chart = new HourChart(chartBox);
  const daysTable = h('tbody', { id: 'days' });
  const leads = leadsPanel(
    (id) => fair.booths.find((b) => b.boothId === id),
    (tag) => {
      const category = fair.categories?.find((candidate) => candidate.categoryId === tag);
      return category ? localName(category) : tag;
    },
  );
  const csv = h('button', { type: 'button', t: 'downloadCsv', id: 'csv' });
  csv.addEventListener('click', () => {
    if (boothId)
      void download(`/v1/booths/${boothId}/stats.csv?day=${day}&lang=${language()}`, `booth-${boothId}-${day}.csv`);
  });
  const exhibitor = h('p', { class: 'muted', id: 'exhibitor' });
  let refreshSoon: ReturnType<typeof setTimeout> | undefined;
  const badges = new BadgeCheck(fair.fairId);
  const recorder = visitRecorder({
    badges,
    boothId: () => boothId,
    exhibitor: () => fair.booths.find((b) => b.boothId === boothId)?.exhibitor ?? '',
    onChange: () => {
      show();
      // The server's figure catches up a moment later (the queue behind it).
      clearTimeout(refreshSoon);
      refreshSoon = setTimeout(() => void refresh(), 1500);
    },
    setOnline: (online) => shell.setConnection(online ? 'online' : 'offline'),
  });
  recorder.element.hidden = day !== today;

  const sales = salesCard();
  shell.main.replaceChildren(
    recorder.element,
    h(
      'section',
      { class: 'card controls' },
      booths.length > 1 ? h('label', { for: 'booth', t: 'booth' }) : null,
      boothSelect,
      exhibitor,
      h('label', { for: 'day', t: 'day' }),
      daySelect,
    ),
    h(
      'section',
      { class: 'figures' },
      h('div', { class: 'figure' }, h('div', { class: 'label', t: 'visits' }), visits),
      h('div', { class: 'figure' }, h('div', { class: 'label', t: 'uniqueVisitors' }), unique),
    ),
    posterScans,
    h('section', { class: 'card' }, h('h2', { t: 'byHour' }), chartBox, h('div', { class: 'row' }, csv)),
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'daysSoFar' }),
      figureTable('daysSoFar', ['day', 'visits', 'uniqueVisitors'], daysTable),
    ),
    sales.element,
    leads.element,
  );

  /**
   * The figures last shown for this booth and day, kept on the phone: a page reloaded without a network
   * shows them (and what waits to be sent) rather than a dash until the network is back.
   */
  const statsKey = () => `rawaq.booth.stats.${boothId}.${day}`;
  const keptStats = (): BoothStats | undefined => {
    try {
      return (JSON.parse(localStorage.getItem(statsKey()) ?? 'null') as BoothStats | null) ?? undefined;
    } catch {
      return undefined;
    }
  };
  let stats: BoothStats | undefined = keptStats();
  let perDay: BoothStats[] = [];

  function show(): void {
    const booth = fair.booths.find((b) => b.boothId === boothId);
    const category = fair.categories?.find((candidate) => candidate.categoryId === booth?.category);
    exhibitor.textContent = booth ? `${booth.exhibitor} · ${category ? localName(category) : booth.category}` : '';
    if (stats && boothId) sales.show(boothId, day, stats.declaredSalesMad);
    if (!stats) {
      visits.textContent = '–';
      unique.textContent = '–';
      delete visits.dataset.value;
    } else {
      // Visits recorded on this phone show at once, before the server has counted them.
      const shown = stats.visits + (day === today ? recorder.unconfirmed(stats.visits) : 0);
      visits.textContent = formatNumber(shown);
      visits.dataset.value = String(shown);
      // What the page shows, kept for a reload without a network (the visits sent and not yet in the
      // server's figure included: after a reload the page no longer knows them apart).
      localStorage.setItem(statsKey(), JSON.stringify({ ...stats, visits: shown }));
      unique.textContent = formatNumber(stats.uniqueVisitors);
      // Phones that opened the booth's poster page: anonymous, apart from the visits.
      posterScans.textContent = stats.interestVisits ? t('posterScans', { count: stats.interestVisits }) : '';
      const byHour = new Map(stats.byHour.map((entry) => [Number(entry.hour), entry.visits]));
      const hours = Array.from({ length: 13 }, (_, index) => index + 8);
      for (const hour of byHour.keys()) if (!hours.includes(hour)) hours.push(hour);
      hours.sort((a, b) => a - b);
      chart.update(hours, [
        { label: t('visits'), values: hours.map((hour) => byHour.get(hour) ?? 0), color: '#1f6f6b', bars: true },
      ]);
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
  }

  async function refresh(): Promise<void> {
    // The fair's keys, to tell a ticket from a forged code offline too (kept on the phone).
    void badges.refresh().catch(() => undefined);
    if (!boothId) return;
    const base = `/v1/booths/${encodeURIComponent(boothId)}`;
    try {
      const [current, allDays] = await Promise.all([
        request<BoothStats>(`${base}/stats?day=${day}`),
        Promise.all(days.map((d) => request<BoothStats>(`${base}/stats?day=${d}`))),
        leads.sync(boothId).then(() => leads.refresh(boothId as string, day)),
      ]);
      stats = current;
      perDay = allDays;
      shell.setConnection('online');
      show();
    } catch (error) {
      if (error instanceof NetworkError) shell.setConnection('offline');
    }
  }

  show();
  void refresh();
  setInterval(() => void refresh(), REFRESH_MS);
  onLanguageChange(() => {
    fillDays();
    show();
    if (boothId) void leads.refresh(boothId, day).catch(() => undefined);
  });
  void recorder.sync();
  applyLanguage();
}

void startPage({ title: 'boothTitle', roles: ['exhibitor'], render });
