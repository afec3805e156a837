import { wallClock, zoneOf } from '../../../shared/domain/fair-time';
import { type DayCurve, forecastPeak } from '../../../shared/domain/peak-forecast';
import { type GateDay, venueByHour } from '../../../shared/domain/venue-history';
import { HourChart } from '../common/charts';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { formatNumber, labelled, t } from '../common/i18n';
import type { Fair, Occupancy } from '../common/types';
import { nested } from '../common/zone-order';
import { shownCount, zoneCard } from './zone-card';

const HOURS = Array.from({ length: 13 }, (_, index) => index + 8);

/** What the venue's panels are drawn from: the live occupancy, the gates' day, the earlier days' curves. */
export interface VenueState {
  occupancy?: Occupancy;
  gateStats: GateDay[];
  /** The earlier days' curves, read once from their reports (a past day no longer changes). */
  earlierDays: DayCurve[];
}

/**
 * The venue now: its count against capacity, every zone's card, and today's curve by hour with the
 * peak foreseen from the earlier days until its hour has passed.
 */
export function venuePanel(fair: Fair) {
  const venue = h('div', { class: 'big-number', id: 'venue-count' }, '–');
  const venueOf = h('div', { class: 'muted', id: 'venue-capacity' });
  const zones = h('div', { class: 'zones', id: 'zones' });
  const chartBox = h('div', { class: 'chart', id: 'occupancy-chart' });
  const peakLine = h('p', { class: 'muted', id: 'peak-forecast', hidden: true });
  const chart = new HourChart(chartBox, 240);
  return {
    /** The venue card's figures; the page adds its freshness line under them. */
    figures: [venue, venueOf],
    zones: h('section', { class: 'card wide' }, h('h2', { t: 'zones' }), zones),
    chart: h('section', { class: 'card wide' }, h('h2', { t: 'occupancyToday' }), peakLine, chartBox),
    update({ occupancy, gateStats, earlierDays }: VenueState): void {
      if (!occupancy) return;
      const { count, capacity, closed } = occupancy.venue;
      const { counted, figure, note } = shownCount(occupancy.venue);
      venue.textContent = figure;
      venue.dataset.value = counted ? String(count) : '';
      venueOf.textContent = [labelled(t('capacity'), capacity), note].filter(Boolean).join(' · ');
      zones.replaceChildren(...nested(occupancy.zones).map(([zone, depth]) => zoneCard(zone, depth)));
      const now = wallClock(fairNow(), zoneOf(fair));
      const today = venueByHour(fair.gates, gateStats, HOURS, now.hour, count);
      const peak = forecastPeak(earlierDays, HOURS, today, now.hour);
      // Foreseen until its hour has passed; then today's own curve says what the peak was.
      const ahead = peak && peak.hour >= now.hour && !closed ? peak : undefined;
      peakLine.hidden = !ahead;
      peakLine.dataset.count = String(ahead?.count ?? '');
      if (ahead)
        peakLine.textContent = t(ahead.scaled ? 'peakForecastScaled' : 'peakForecast', {
          count: formatNumber(ahead.count),
          time: `${String(ahead.hour).padStart(2, '0')}:00`,
        });
      chart.update(HOURS, [
        { label: t('occupancyToday'), values: today, color: '#1f6f6b' },
        ...(ahead
          ? [{ label: t('expectedToday'), values: ahead.expected, color: '#7a6a2f', dashed: true, keyed: true }]
          : []),
        { label: t('capacity'), values: HOURS.map(() => capacity), color: '#b3261e', dashed: true },
      ]);
    },
  };
}
