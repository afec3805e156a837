import '../common/style.css';
import { wallClock, zoneOf } from '../../../shared/domain/fair-time';
import { type DayCurve, forecastPeak } from '../../../shared/domain/peak-forecast';
import { type GateDay, venueByHour } from '../../../shared/domain/venue-history';
import { NetworkError, request } from '../common/api';
import { HourChart } from '../common/charts';
import { figureTable, h } from '../common/dom';
import { fairNow, fairToday } from '../common/fair-clock';
import { signal } from '../common/feedback';
import {
  applyLanguage,
  formatNumber,
  formatShortDay,
  formatTime,
  labelled,
  localName,
  onLanguageChange,
  t,
} from '../common/i18n';
import { type PageContext, startPage } from '../common/session';
import type { Alert, Occupancy, Workshop } from '../common/types';
import { nested } from '../common/zone-order';
import { alertItem } from './alert-item';
import { boothHeat, gateRows, workshopFill } from './panels';
import { zoneCard } from './zone-card';

/**
 * /dashboard, for the organisers' office screen: every zone against its capacity, the venue's total
 * over the day, booth footfall as a heat map, today's workshops, and the alert feed with
 * acknowledgement. Occupancy and alerts refresh every second; past 5 s without an answer the page says
 * it is stale rather than show old figures as live.
 */
const LIVE_MS = 1000;
const WORKSHOPS_MS = 5000;
const BOOTHS_MS = 15_000;
const HISTORY_MS = 10_000;
const STALE_AFTER_MS = 5000;
const HOURS = Array.from({ length: 13 }, (_, index) => index + 8);

function render({ fair, me, shell }: PageContext): void {
  const zoneName = {
    get: (zoneId: string) => {
      const zone = fair.zones.find((candidate) => candidate.zoneId === zoneId);
      return zone ? localName(zone) : undefined;
    },
  };
  const staleBanner = h('p', { class: 'card stale-banner wide', id: 'stale', hidden: true, role: 'status' });
  // The functions' zone data disagreeing with the fair's file: said until someone updates the runtime.
  const zoneData = h('p', { class: 'card stale-banner wide', id: 'zone-data', hidden: true, role: 'alert' });
  const showZoneData = () => {
    const data = fair.timeZoneData;
    zoneData.hidden = data?.agreesWithFile !== false;
    if (data && !zoneData.hidden)
      zoneData.textContent = t('zoneDataDisagrees', {
        version: data.version,
        days: data.disagreements.map((entry) => formatShortDay(entry.day)).join(', '),
      });
  };
  const venue = h('div', { class: 'big-number', id: 'venue-count' }, '–');
  const venueOf = h('div', { class: 'muted', id: 'venue-capacity' });
  const zones = h('div', { class: 'zones', id: 'zones' });
  const chartBox = h('div', { class: 'chart', id: 'occupancy-chart' });
  const peakLine = h('p', { class: 'muted', id: 'peak-forecast', hidden: true });
  const chart = new HourChart(chartBox, 240);
  const heat = h('div', { id: 'heat' });
  const workshops = h('div', { class: 'workshops', id: 'workshop-fill' });
  const alertList = h('ul', { class: 'alerts', id: 'alerts' });
  const gatesBody = h('tbody', { id: 'gates' });
  const updated = h('p', { class: 'muted', id: 'updated' });

  // Today is live here; a past day is read in its report.
  const pastDays = fair.days.filter((day) => day < fairToday(zoneOf(fair)));
  const pastPicker = h(
    'select',
    { id: 'past-day', 'aria-label': t('pastDay'), hidden: pastDays.length === 0 },
    h('option', { value: '', t: 'pastDay' }),
    ...pastDays.map((day) => h('option', { value: day, 'data-short-day': day })),
  );
  pastPicker.addEventListener('change', () => {
    if (pastPicker.value) location.assign(`/report?day=${pastPicker.value}`);
  });
  const links = h(
    'nav',
    { class: 'card wide dashboard-links row' },
    me.role === 'organiser' ? h('a', { href: '/organise', class: 'button', t: 'homeOrganise' }) : null,
    h('a', { href: `/report?day=${fairToday(zoneOf(fair))}`, class: 'button', id: 'report-link', t: 'homeReport' }),
    pastPicker,
  );

  shell.main.className = 'dashboard';
  shell.main.replaceChildren(
    zoneData,
    staleBanner,
    links,
    h('section', { class: 'card' }, h('h2', { t: 'venue' }), venue, venueOf, updated),
    h('section', { class: 'card' }, h('h2', { t: 'alerts' }), alertList),
    h('section', { class: 'card wide' }, h('h2', { t: 'zones' }), zones),
    h('section', { class: 'card wide' }, h('h2', { t: 'occupancyToday' }), peakLine, chartBox),
    h('section', { class: 'card' }, h('h2', { t: 'workshopFill' }), workshops),
    h('section', { class: 'card' }, h('h2', { t: 'boothHeat' }), heat),
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'gatesToday' }),
      figureTable(
        'gatesToday',
        ['gateLabel', 'entries', 'exits', 'refused', 'lastHour', 'walkIns', 'walkInsLastMinutes'],
        gatesBody,
      ),
    ),
  );

  let occupancy: Occupancy | undefined;
  let lastLive = 0;
  const alerts = new Map<string, Alert>();
  let alertCursor: string | null = null;
  let alertsLoaded = false;
  let gateStats: GateDay[] = [];
  let boothVisits = new Map<string, number>();
  let todaysWorkshops: Workshop[] = [];
  /** The earlier days' curves, read once from their reports (a past day no longer changes). */
  let earlierDays: DayCurve[] = [];

  function showOccupancy(): void {
    if (!occupancy) return;
    venue.textContent = formatNumber(occupancy.venue.count);
    venue.dataset.value = String(occupancy.venue.count);
    venueOf.textContent = [
      labelled(t('capacity'), occupancy.venue.capacity),
      occupancy.venue.closed ? t('dayClosed') : '',
    ]
      .filter(Boolean)
      .join(' · ');
    zones.replaceChildren(...nested(occupancy.zones).map(([zone, depth]) => zoneCard(zone, depth)));
    const now = wallClock(fairNow(), zoneOf(fair));
    const today = venueByHour(fair.gates, gateStats, HOURS, now.hour, occupancy.venue.count);
    const peak = forecastPeak(earlierDays, HOURS, today, now.hour);
    // Foreseen until its hour has passed; then today's own curve says what the peak was.
    const ahead = peak && peak.hour >= now.hour && !occupancy.venue.closed ? peak : undefined;
    peakLine.hidden = !ahead;
    peakLine.dataset.count = String(ahead?.count ?? '');
    if (ahead)
      peakLine.textContent = t(ahead.scaled ? 'peakForecastScaled' : 'peakForecast', {
        count: formatNumber(ahead.count),
        time: `${String(ahead.hour).padStart(2, '0')}:00`,
      });
    chart.update(HOURS, [
      {
        label: t('occupancyToday'),
        values: today,
        color: '#1f6f6b',
      },
      ...(ahead
        ? [{ label: t('expectedToday'), values: ahead.expected, color: '#7a6a2f', dashed: true, keyed: true }]
        : []),
      {
        label: t('capacity'),
        values: HOURS.map(() => occupancy?.venue.capacity ?? null),
        color: '#b3261e',
        dashed: true,
      },
    ]);
  }

  function showAlerts(): void {
    const sorted = [...alerts.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    if (sorted.length === 0) {
      alertList.replaceChildren(h('li', { class: 'muted', t: 'noAlerts' }));
      applyLanguage(alertList);
      return;
    }
    alertList.replaceChildren(
      ...sorted.slice(0, 100).map((alert) =>
        alertItem(alert, {
          zone: zoneOf(fair),
          zoneName: (zoneId) => zoneName.get(zoneId),
          gateName: (gateId) => {
            const gate = fair.gates.find((candidate) => candidate.gateId === gateId);
            return gate ? localName(gate) : undefined;
          },
          ...(me.role === 'organiser'
            ? {
                acknowledge: async () => {
                  try {
                    const acknowledged = await request<Alert>(`/v1/alerts/${encodeURIComponent(alert.alertId)}/ack`, {
                      body: {},
                    });
                    alerts.set(acknowledged.alertId, acknowledged);
                  } finally {
                    showAlerts();
                  }
                },
              }
            : {}),
        }),
      ),
    );
  }

  const showGates = () => gatesBody.replaceChildren(...gateRows(fair, gateStats));
  const showWorkshops = () => workshops.replaceChildren(...workshopFill(todaysWorkshops, zoneOf(fair)));
  const showHeat = () =>
    heat.replaceChildren(...boothHeat(fair.booths, boothVisits, (zoneId) => zoneName.get(zoneId) ?? zoneId));

  function showFreshness(): void {
    const age = Date.now() - lastLive;
    const stale = lastLive === 0 || age > STALE_AFTER_MS;
    staleBanner.hidden = !stale || lastLive === 0;
    if (stale && lastLive > 0) {
      const seconds = Math.round(age / 1000);
      staleBanner.textContent = `${t('stale', { seconds })} · ${t('updatedAt', { time: formatTime(lastLive + (fairNow().getTime() - Date.now()), zoneOf(fair), true) })}`;
      shell.setConnection('stale', t('stale', { seconds }));
    } else if (lastLive > 0) {
      shell.setConnection('online');
      updated.textContent = t('updatedAt', { time: formatTime(fairNow(), zoneOf(fair), true) });
    }
    document.body.classList.toggle('is-stale', stale);
  }

  async function live(): Promise<void> {
    try {
      const since = alertCursor ? `?since=${encodeURIComponent(alertCursor)}` : '';
      const [current, feed] = await Promise.all([
        request<Occupancy>('/v1/occupancy', { timeoutMs: 4000 }),
        request<{ alerts: Alert[]; cursor: string | null }>(`/v1/alerts${since}`, { timeoutMs: 4000 }),
      ]);
      occupancy = current;
      let fresh = 0;
      for (const alert of feed.alerts) {
        if (!alerts.has(alert.alertId) && !alert.acknowledgedAt) fresh += 1;
        alerts.set(alert.alertId, alert);
      }
      alertCursor = feed.cursor ?? alertCursor;
      if (alertsLoaded && fresh > 0) signal('warn');
      alertsLoaded = true;
      lastLive = Date.now();
      showOccupancy();
      if (feed.alerts.length > 0 || alertList.childElementCount === 0) showAlerts();
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    }
    showFreshness();
  }

  async function slow(kind: 'workshops' | 'booths' | 'history'): Promise<void> {
    const day = fairToday(zoneOf(fair));
    try {
      if (kind === 'workshops') {
        const { workshops: all } = await request<{ workshops: Workshop[] }>('/v1/workshops');
        todaysWorkshops = all
          .filter((w) => wallClock(new Date(w.startsAt), zoneOf(fair)).day === day)
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        showWorkshops();
      } else if (kind === 'booths') {
        const { booths } = await request<{ booths: { boothId: string; visits: number }[] }>(
          `/v1/booths/stats?day=${day}`,
        );
        boothVisits = new Map(booths.map((booth) => [booth.boothId, booth.visits]));
        showHeat();
      } else {
        const { gates } = await request<{ gates: GateDay[] }>(`/v1/gates/stats?day=${day}`);
        gateStats = gates;
        showOccupancy();
        showGates();
      }
    } catch (error) {
      if (!(error instanceof NetworkError)) console.warn(kind, error);
    }
  }

  /** Earlier days' reports, once: the shape today's peak is foreseen from. */
  async function loadEarlierDays(): Promise<void> {
    const past = fair.days.filter((day) => day < fairToday(zoneOf(fair)));
    try {
      earlierDays = await Promise.all(past.map((day) => request<DayCurve>(`/v1/reports/days/${day}`)));
      showOccupancy();
    } catch (error) {
      if (!(error instanceof NetworkError)) console.warn('earlier days', error);
    }
  }

  showHeat();
  showGates();
  showAlerts();
  void loadEarlierDays();
  void live();
  void slow('workshops');
  void slow('booths');
  void slow('history');
  let liveRunning = false;
  setInterval(async () => {
    if (liveRunning) return showFreshness();
    liveRunning = true;
    await live().finally(() => {
      liveRunning = false;
    });
  }, LIVE_MS);
  setInterval(() => void slow('workshops'), WORKSHOPS_MS);
  setInterval(() => void slow('booths'), BOOTHS_MS);
  setInterval(() => void slow('history'), HISTORY_MS);
  showZoneData();
  onLanguageChange(() => {
    showZoneData();
    showOccupancy();
    showAlerts();
    showWorkshops();
    showHeat();
    showGates();
    showFreshness();
  });
  applyLanguage();
}

void startPage({ title: 'dashboardTitle', roles: ['organiser', 'viewer'], render });
