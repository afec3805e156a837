import '../common/style.css';
import { download, NetworkError, request } from '../common/api';
import { HourChart } from '../common/charts';
import { figureTable, h, scrollRegion } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import { watchFloor } from '../common/floor-watch';
import {
  applyLanguage,
  formatDay,
  formatNumber,
  language,
  localName,
  onLanguageChange,
  t,
  tKnown,
} from '../common/i18n';
import { type PageContext, startPage } from '../common/session';
import type { BoothStats } from '../common/types';
import { visitRecorder } from './recorder';
import { waitingVisits } from './visit-queue';

/**
 * /booth: an exhibitor records visits (+1, or a visitor's badge with their consent asked) and sees
 * its own figures: today's visits and unique visitors, by hour, the days so far, the leads who
 * consented, and a CSV. Organisers may look at any booth.
 */
const REFRESH_MS = 30_000;

interface Leads {
  visitorsSeen: number;
  leads: { ticketId: string; holderName?: string; category: string; consent?: 'booth' | 'registration' }[];
}

function render({ me, fair, shell }: PageContext): void {
  const booths = me.role === 'organiser' ? fair.booths : fair.booths.filter((b) => b.boothId === me.scope.booth);
  if (booths.length === 0) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noBooth' }));
    return;
  }
  let boothId = booths.find((b) => b.boothId === localStorage.getItem('rawaq.booth'))?.boothId ?? booths[0]?.boothId;
  const today = fairToday(fair.timezone);
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
    void refresh();
  });
  const visits = h('div', { class: 'value', id: 'visits' }, '–');
  const unique = h('div', { class: 'value', id: 'unique' }, '–');
  const chartBox = h('div', { class: 'chart', id: 'booth-chart' });
  const chart = new HourChart(chartBox);
  const daysTable = h('tbody', { id: 'days' });
  const leadsBody = h('tbody', { id: 'leads' });
  const leadsNote = h('p', { class: 'muted', id: 'leads-note' });
  const csv = h('button', { type: 'button', t: 'downloadCsv', id: 'csv' });
  csv.addEventListener('click', () => {
    if (boothId)
      void download(`/v1/booths/${boothId}/stats.csv?day=${day}&lang=${language()}`, `booth-${boothId}-${day}.csv`);
  });
  const exhibitor = h('p', { class: 'muted', id: 'exhibitor' });
  let refreshSoon: ReturnType<typeof setTimeout> | undefined;
  const recorder = visitRecorder({
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
    h('section', { class: 'card' }, h('h2', { t: 'byHour' }), chartBox, h('div', { class: 'row' }, csv)),
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'daysSoFar' }),
      figureTable('daysSoFar', ['day', 'visits', 'uniqueVisitors'], daysTable),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'leads' }),
      leadsNote,
      scrollRegion('leads', h('table', {}, leadsBody)),
    ),
  );

  let stats: BoothStats | undefined;
  let perDay: BoothStats[] = [];
  let leads: Leads | undefined;

  function show(): void {
    const booth = fair.booths.find((b) => b.boothId === boothId);
    const category = fair.categories?.find((candidate) => candidate.categoryId === booth?.category);
    exhibitor.textContent = booth ? `${booth.exhibitor} · ${category ? localName(category) : booth.category}` : '';
    if (stats) {
      // Visits recorded on this phone show at once, before the server has counted them.
      const shown = stats.visits + (day === today ? recorder.unconfirmed(stats.visits) : 0);
      visits.textContent = formatNumber(shown);
      visits.dataset.value = String(shown);
      unique.textContent = formatNumber(stats.uniqueVisitors);
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
    if (leads) {
      leadsNote.textContent = `${t('visitorsSeen', { count: leads.visitorsSeen })}${leads.leads.length ? '' : ` · ${t('leadsNone')}`}`;
      leadsBody.replaceChildren(
        ...leads.leads.map((lead) =>
          h(
            'tr',
            {},
            h('td', { dir: 'auto' }, lead.holderName ?? '—'),
            h('td', {}, tKnown(`category_${lead.category}`, lead.category)),
            h('td', {}, t(lead.consent === 'booth' ? 'leadAtBooth' : 'leadAtRegistration')),
            h('td', {}, h('code', {}, lead.ticketId)),
          ),
        ),
      );
    }
  }

  async function refresh(): Promise<void> {
    if (!boothId) return;
    const base = `/v1/booths/${encodeURIComponent(boothId)}`;
    try {
      const [current, allDays, currentLeads] = await Promise.all([
        request<BoothStats>(`${base}/stats?day=${day}`),
        Promise.all(days.map((d) => request<BoothStats>(`${base}/stats?day=${d}`))),
        request<Leads>(`${base}/leads?day=${day}`),
      ]);
      stats = current;
      perDay = allDays;
      leads = currentLeads;
      shell.setConnection('online');
      show();
    } catch (error) {
      if (error instanceof NetworkError) shell.setConnection('offline');
    }
  }

  void refresh();
  setInterval(() => void refresh(), REFRESH_MS);
  onLanguageChange(() => {
    fillDays();
    show();
  });
  void recorder.sync();
  applyLanguage();
}

void startPage({ title: 'boothTitle', roles: ['exhibitor'], render });
