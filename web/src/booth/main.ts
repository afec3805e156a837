import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import { NetworkError, request } from '../common/api';
import { h } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import { watchFloor } from '../common/floor-watch';
import { applyLanguage, formatDay, onLanguageChange } from '../common/i18n';
import { categoryNameIn } from '../common/names';
import { keepFresh } from '../common/seen-again';
import { type PageContext, startPage } from '../common/session';
import { STORED } from '../common/stored';
import type { Booth, BoothStats, Fair } from '../common/types';
import { BadgeCheck } from './badge-check';
import { type BoothDay, boothFigures, keptStats } from './booth-figures';
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

/** The days whose figures can be read: those begun, or the first before the fair opens. */
function daysBegun(fair: Fair, today: string): string[] {
  const begun = fair.days.filter((day) => day <= today);
  return begun.length > 0 ? begun : fair.days.slice(0, 1);
}

/** The booth remembered on this phone (else the first), and today or else the last day begun. */
function firstChoice(booths: Booth[], days: string[], today: string): BoothDay {
  const remembered = booths.find((b) => b.boothId === localStorage.getItem(STORED.booth));
  return {
    boothId: remembered?.boothId ?? booths[0]?.boothId,
    day: days.includes(today) ? today : (days.at(-1) as string),
  };
}

/** Which booth (for organisers, any) and which day of those begun; `chosen` hears each change. */
function boothControls(fair: Fair, booths: Booth[], days: string[], on: BoothDay, chosen: () => void) {
  const boothSelect = h(
    'select',
    { id: 'booth', hidden: booths.length < 2 },
    ...booths.map((b) =>
      h('option', { value: b.boothId, selected: b.boothId === on.boothId }, `${b.boothId} · ${b.exhibitor}`),
    ),
  );
  boothSelect.addEventListener('change', () => {
    on.boothId = boothSelect.value;
    localStorage.setItem(STORED.booth, on.boothId);
    chosen();
  });
  const daySelect = h('select', { id: 'day' });
  const fillDays = () =>
    daySelect.replaceChildren(...days.map((d) => h('option', { value: d, selected: d === on.day }, formatDay(d))));
  fillDays();
  daySelect.addEventListener('change', () => {
    on.day = daySelect.value;
    chosen();
  });
  const exhibitor = h('p', { class: 'muted', id: 'exhibitor' });
  return {
    element: h(
      'section',
      { class: 'card controls' },
      booths.length > 1 ? h('label', { for: 'booth', t: 'booth' }) : null,
      boothSelect,
      exhibitor,
      h('label', { for: 'day', t: 'day' }),
      daySelect,
    ),
    /** The days' names in the language now chosen. */
    relabel: fillDays,
    showExhibitor(): void {
      const booth = fair.booths.find((b) => b.boothId === on.boothId);
      exhibitor.textContent = booth ? `${booth.exhibitor} · ${categoryNameIn(fair, booth.category)}` : '';
    },
  };
}

function render({ me, fair, shell }: PageContext): void {
  const booths = me.role === 'organiser' ? fair.booths : fair.booths.filter((b) => b.boothId === me.scope.booth);
  if (booths.length === 0) return void shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noBooth' }));
  const today = fairToday(zoneOf(fair));
  const days = daysBegun(fair, today);
  const on = firstChoice(booths, days, today);
  let stats = keptStats(on);
  let perDay: BoothStats[] = [];
  const controls = boothControls(fair, booths, days, on, () => {
    recorder.reset();
    recorder.element.hidden = on.day !== today;
    stats = keptStats(on);
    show();
    void refresh();
  });
  const unsent = async () => ({ count: on.boothId ? await waitingVisits(on.boothId) : 0 });
  watchFloor({ fair, page: 'booth', at: () => on.boothId, unsent });
  const figures = boothFigures(() => on);
  const leads = leadsPanel(
    (id) => fair.booths.find((b) => b.boothId === id),
    (tag) => categoryNameIn(fair, tag),
  );
  let refreshSoon: ReturnType<typeof setTimeout> | undefined;
  const badges = new BadgeCheck(fair.fairId);
  const recorder = visitRecorder({
    badges,
    boothId: () => on.boothId,
    exhibitor: () => fair.booths.find((b) => b.boothId === on.boothId)?.exhibitor ?? '',
    onChange: () => {
      show();
      // The server's figure catches up a moment later (the queue behind it).
      clearTimeout(refreshSoon);
      refreshSoon = setTimeout(() => void refresh(), 1500);
    },
    setOnline: (online) => shell.setConnection(online ? 'online' : 'offline'),
  });
  recorder.element.hidden = on.day !== today;
  const sales = salesCard();
  shell.main.replaceChildren(recorder.element, controls.element, ...figures.elements, sales.element, leads.element);

  function show(): void {
    controls.showExhibitor();
    if (stats && on.boothId) sales.show(on.boothId, on.day, stats.declaredSalesMad);
    // Visits recorded on this phone show at once, before the server has counted them.
    const unconfirmed = stats && on.day === today ? recorder.unconfirmed(stats.visits) : 0;
    figures.show(stats, (stats?.visits ?? 0) + unconfirmed, perDay);
  }

  async function refresh(): Promise<void> {
    // The fair's keys, to tell a ticket from a forged code offline too (kept on the phone).
    void badges.refresh().catch(() => undefined);
    const { boothId, day } = on;
    if (!boothId) return;
    const statsOf = (d: string) => request<BoothStats>(`/v1/booths/${encodeURIComponent(boothId)}/stats?day=${d}`);
    try {
      const [current, allDays] = await Promise.all([
        statsOf(day),
        Promise.all(days.map(statsOf)),
        leads.sync(boothId).then(() => leads.refresh(boothId, day)),
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
  keepFresh(() => void refresh(), REFRESH_MS);
  onLanguageChange(() => {
    controls.relabel();
    show();
    if (on.boothId) void leads.refresh(on.boothId, on.day).catch(() => undefined);
  });
  void recorder.sync();
  applyLanguage();
}

void startPage({ title: 'boothTitle', roles: ['exhibitor'], render });
