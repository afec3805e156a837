import { wallClock, zoneOf } from '../../../shared/domain/fair-time';
import type { GateDay } from '../../../shared/domain/venue-history';
import { NetworkError, request } from '../common/api';
import { figureTable, h } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import type { Fair, Workshop } from '../common/types';
import { boothHeat, gateRows, workshopFill } from './panels';

/**
 * Reads one of the day's slower figures and shows it; a dropped network leaves the last figures up
 * (the live panels say the page is stale), anything else is logged for whoever looks.
 */
async function readAndShow<T>(what: string, path: string, show: (answer: T) => void): Promise<void> {
  try {
    show(await request<T>(path));
  } catch (error) {
    if (!(error instanceof NetworkError)) console.warn(what, error);
  }
}

/** Today's workshops and seminars filled against their seats, read every few seconds. */
export function workshopsPanel(fair: Fair) {
  const list = h('div', { class: 'workshops', id: 'workshop-fill' });
  let today: Workshop[] = [];
  const show = () => list.replaceChildren(...workshopFill(today, zoneOf(fair)));
  return {
    element: h('section', { class: 'card today-workshops' }, h('h2', { t: 'workshopFill' }), list),
    show,
    refresh: () =>
      readAndShow<{ workshops: Workshop[] }>('workshops', '/v1/workshops', ({ workshops }) => {
        const day = fairToday(zoneOf(fair));
        today = workshops
          .filter((workshop) => wallClock(new Date(workshop.startsAt), zoneOf(fair)).day === day)
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        show();
      }),
  };
}

/** Booth footfall today as a heat map, zone by zone. */
export function heatPanel(fair: Fair, zoneName: (zoneId: string) => string | undefined) {
  const heat = h('div', { id: 'heat' });
  let visits = new Map<string, number>();
  const show = () => heat.replaceChildren(...boothHeat(fair.booths, visits, (zoneId) => zoneName(zoneId) ?? zoneId));
  return {
    element: h('section', { class: 'card two-columns booth-heat' }, h('h2', { t: 'boothHeat' }), heat),
    show,
    refresh: () =>
      readAndShow<{ booths: { boothId: string; visits: number }[] }>(
        'booths',
        `/v1/booths/stats?day=${fairToday(zoneOf(fair))}`,
        ({ booths }) => {
          visits = new Map(booths.map((booth) => [booth.boothId, booth.visits]));
          show();
        },
      ),
  };
}

/** Each gate's day; the same figures draw the venue's curve, so `onStats` hands them on. */
export function gatesPanel(fair: Fair, onStats: (gates: GateDay[]) => void) {
  const body = h('tbody', { id: 'gates' });
  let stats: GateDay[] = [];
  const show = () => body.replaceChildren(...gateRows(fair, stats));
  const columns = ['gateLabel', 'entries', 'exits', 'refused', 'lastHour', 'walkIns', 'walkInsLastMinutes'] as const;
  return {
    element: h(
      'section',
      { class: 'card wide' },
      h('h2', { t: 'gatesToday' }),
      figureTable('gatesToday', [...columns], body),
    ),
    show,
    refresh: () =>
      readAndShow<{ gates: GateDay[] }>('history', `/v1/gates/stats?day=${fairToday(zoneOf(fair))}`, ({ gates }) => {
        stats = gates;
        onStats(gates);
        show();
      }),
  };
}
