import '../common/style.css';
import { zoneOf } from '../../../shared/domain/fair-time';
import type { DayCurve } from '../../../shared/domain/peak-forecast';
import { NetworkError, request } from '../common/api';
import { h } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import { applyLanguage, onLanguageChange, t } from '../common/i18n';
import { zoneNameIn } from '../common/names';
import { keepFresh } from '../common/seen-again';
import { type PageContext, startPage } from '../common/session';
import type { Fair, Me, Occupancy } from '../common/types';
import { type AlertFeed, alertsPanel } from './alerts-panel';
import { freshness, zoneDataBanner } from './freshness';
import { gatesPanel, heatPanel, workshopsPanel } from './today-panels';
import { type VenueState, venuePanel } from './venue-panel';

/**
 * /dashboard, for the organisers' office screen: every zone against its capacity, the venue's total
 * over the day, booth footfall as a heat map, today's workshops, and the alert feed with
 * acknowledgement. Occupancy and alerts refresh every second; past 5 s without an answer the page says
 * it is stale rather than show old figures as live. Each card is a panel with its own state; this page
 * lays them out and keeps them fed.
 */
const LIVE_MS = 1000;
const WORKSHOPS_MS = 5000;
const BOOTHS_MS = 15_000;
const HISTORY_MS = 10_000;

/** Links to the rest of the organisers' work; today is live here, a past day is read in its report. */
function dashboardLinks(fair: Fair, me: Me): HTMLElement {
  const today = fairToday(zoneOf(fair));
  const pastDays = fair.days.filter((day) => day < today);
  const pastPicker = h(
    'select',
    { id: 'past-day', 'aria-label': t('pastDay'), hidden: pastDays.length === 0 },
    h('option', { value: '', t: 'pastDay' }),
    ...pastDays.map((day) => h('option', { value: day, 'data-short-day': day })),
  );
  pastPicker.addEventListener('change', () => {
    if (pastPicker.value) location.assign(`/report?day=${pastPicker.value}`);
  });
  return h(
    'nav',
    { class: 'card wide dashboard-links row' },
    me.role === 'organiser' ? h('a', { href: '/organise', class: 'button', t: 'homeOrganise' }) : null,
    h('a', { href: `/report?day=${today}`, class: 'button', id: 'report-link', t: 'homeReport' }),
    pastPicker,
    // The public screen for the entrances (no credential): opened here on the screen's own computer,
    // or its address read off this link, rather than looked up in the README.
    h('a', {
      href: '/status',
      class: 'button',
      id: 'status-link',
      target: '_blank',
      rel: 'noopener',
      t: 'homeStatusScreen',
    }),
  );
}

/**
 * Runs `tick` every `ms`, and at once when the tab is seen again (a hidden tab's timers are slowed to
 * once a minute: an organiser back from the mail would read a minute-old venue), never two at once: a
 * slow answer skips a beat (and says so) instead of piling up.
 */
function every(ms: number, tick: () => Promise<void>, skipped: () => void = () => {}): void {
  let running = false;
  keepFresh(() => {
    if (running) return skipped();
    running = true;
    void tick().finally(() => {
      running = false;
    });
  }, ms);
}

function render({ fair, me, shell }: PageContext): void {
  const zoneName = (zoneId: string) => zoneNameIn(fair, zoneId);
  const state: VenueState = { gateStats: [], earlierDays: [] };
  const zoneData = zoneDataBanner(fair);
  const fresh = freshness(fair, shell);
  const venue = venuePanel(fair);
  const alerts = alertsPanel(fair, me, zoneName);
  const workshops = workshopsPanel(fair);
  const heat = heatPanel(fair, zoneName);
  const gates = gatesPanel(fair, (stats) => {
    state.gateStats = stats;
    venue.update(state);
  });

  shell.main.className = 'dashboard';
  shell.main.replaceChildren(
    zoneData.banner,
    fresh.banner,
    dashboardLinks(fair, me),
    h('section', { class: 'card' }, h('h2', { t: 'venue' }), ...venue.figures, fresh.updated),
    alerts.element,
    venue.zones,
    venue.chart,
    // The gates' table across the page, under the curve its figures draw: in a third of a desk's
    // screen its seven columns scrolled sideways; then the workshops beside the booths' heat map.
    gates.element,
    workshops.element,
    heat.element,
  );

  async function live(): Promise<void> {
    try {
      const [occupancy, feed] = await Promise.all([
        request<Occupancy>('/v1/occupancy', { timeoutMs: 4000 }),
        request<AlertFeed>(`/v1/alerts${alerts.since()}`, { timeoutMs: 4000 }),
      ]);
      state.occupancy = occupancy;
      alerts.take(feed);
      fresh.fresh();
      venue.update(state);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      fresh.unanswered();
    }
    fresh.show();
  }

  /** Earlier days' reports, once: the shape today's peak is foreseen from. */
  async function loadEarlierDays(): Promise<void> {
    const past = fair.days.filter((day) => day < fairToday(zoneOf(fair)));
    try {
      state.earlierDays = await Promise.all(past.map((day) => request<DayCurve>(`/v1/reports/days/${day}`)));
      venue.update(state);
    } catch (error) {
      if (!(error instanceof NetworkError)) console.warn('earlier days', error);
    }
  }

  const panels = [heat, gates, workshops];
  for (const panel of panels) panel.show();
  alerts.show();
  void loadEarlierDays();
  void live();
  for (const panel of panels) void panel.refresh();
  every(LIVE_MS, live, fresh.show);
  every(WORKSHOPS_MS, workshops.refresh);
  every(BOOTHS_MS, heat.refresh);
  every(HISTORY_MS, gates.refresh);
  zoneData.show();
  onLanguageChange(() => {
    zoneData.show();
    venue.update(state);
    alerts.show();
    for (const panel of panels) panel.show();
    fresh.show();
  });
  applyLanguage();
}

void startPage({ title: 'dashboardTitle', roles: ['organiser', 'viewer'], render });
