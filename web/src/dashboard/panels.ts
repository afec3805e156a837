import { type FairZone, wallClock, zoneOf } from '../../../shared/domain/fair-time';
import type { GateDay } from '../../../shared/domain/venue-history';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { heatColours } from '../common/heat';
import { formatNumber, formatTime, labelled, localName, localTitle, t } from '../common/i18n';
import type { Fair, Workshop } from '../common/types';

/** Minutes of walk-ins the dashboard shows as a gate's inflow now. */
const INFLOW_MINUTES = 5;

/**
 * Where the queues are: each gate's entries, exits and refusals today, its entries this hour, its
 * walk-ins, and its walk-ins of the last few minutes (flagged when some were left out as implausible).
 */
export function gateRows(fair: Pick<Fair, 'gates' | 'timezone' | 'utcOffsets'>, stats: GateDay[]): HTMLElement[] {
  const hour = wallClock(fairNow(), zoneOf(fair)).hour;
  const byGate = new Map(stats.map((gate) => [gate.gateId, gate]));
  return fair.gates.map((gate) => {
    const day = byGate.get(gate.gateId);
    const thisHour = day?.byHour.find((entry) => Number(entry.hour) === hour)?.entries ?? 0;
    const since = fairNow().getTime() - INFLOW_MINUTES * 60_000;
    const recent = (day?.lastMinutes ?? []).filter((minute) => Date.parse(minute.minute) >= since);
    const inflow = recent.reduce((sum, minute) => sum + minute.in, 0);
    const flagged = recent.reduce((sum, minute) => sum + (minute.flagged ?? 0), 0);
    return h(
      'tr',
      { 'data-gate': gate.gateId },
      h('td', { dir: 'auto' }, localName(gate)),
      h('td', { class: 'num' }, formatNumber(day?.entries ?? 0)),
      h('td', { class: 'num' }, formatNumber(day?.exits ?? 0)),
      h('td', { class: 'num' }, formatNumber(day?.refused ?? 0)),
      h('td', { class: 'num' }, formatNumber(thisHour)),
      h('td', { class: 'num' }, formatNumber(day?.counted?.entries ?? 0)),
      h(
        'td',
        { class: `num${flagged > 0 ? ' flagged' : ''}`, 'data-inflow': String(inflow) },
        flagged > 0 ? `${formatNumber(inflow)} ⚠ ${formatNumber(flagged)}` : formatNumber(inflow),
      ),
    );
  });
}

/** Today's workshops and seminars, each filled against its seats in its level's colour. */
export function workshopFill(workshops: Workshop[], zone: FairZone): HTMLElement[] {
  if (workshops.length === 0) return [h('p', { class: 'muted' }, t('noWorkshopsToday'))];
  return workshops.map((workshop) => {
    const share = workshop.capacity > 0 ? workshop.admitted / workshop.capacity : 0;
    const level = share >= 1 ? 'full' : share >= 0.95 ? 'critical' : share >= 0.8 ? 'warning' : 'normal';
    return h(
      'div',
      { class: `level-${level}`, 'data-workshop': workshop.workshopId },
      h('div', {}, h('strong', {}, `${formatTime(workshop.startsAt, zone)} `), localTitle(workshop)),
      h('div', { class: 'bar' }, h('span', { style: `inline-size: ${(Math.min(1, share) * 100).toFixed(1)}%` })),
      h(
        'div',
        { class: 'muted' },
        `${formatNumber(workshop.admitted)} / ${formatNumber(workshop.capacity)} · ${t(`status_${workshop.status}`)} · ${t('attended')} ${formatNumber(workshop.attended ?? 0)}`,
        workshop.registrationRequired
          ? ` · ${t('registered')} ${formatNumber(workshop.registered)} · ${t('waitlist')} ${formatNumber(workshop.waitlisted)}`
          : '',
      ),
    );
  });
}

/**
 * Booth footfall as a heat map, zone by zone: each booth's cell darker the more visits it had (against
 * the busiest), with its visits written under its number (a tooltip shows nothing on a touch screen),
 * and a key first: what the lightest and the darkest cells mean today.
 */
export function boothHeat(
  booths: Fair['booths'],
  visits: Map<string, number>,
  zoneName: (zoneId: string) => string,
): HTMLElement[] {
  const busiest = Math.max(0, ...visits.values());
  const max = Math.max(1, busiest);
  const byZone = new Map<string, Fair['booths']>();
  for (const booth of booths) byZone.set(booth.zoneId, [...(byZone.get(booth.zoneId) ?? []), booth]);
  const swatch = (share: number) =>
    h('span', { class: 'heat-swatch', style: `background: ${heatColours(share).background}` });
  const key =
    busiest === 0
      ? h('p', { class: 'heat-key muted', id: 'heat-key', t: 'heatKeyNone' })
      : h(
          'p',
          { class: 'heat-key muted', id: 'heat-key' },
          swatch(0),
          ` ${formatNumber(0)} `,
          swatch(1),
          ` ${t('heatKeyMax', { count: busiest })}`,
        );
  return [
    key,
    ...[...byZone].map(([zoneId, inZone]) =>
      h(
        'div',
        {},
        h('h3', { class: 'muted' }, zoneName(zoneId)),
        h(
          'div',
          { class: 'heat' },
          ...inZone.map((booth) => {
            const count = visits.get(booth.boothId) ?? 0;
            const colours = heatColours(count / max);
            return h(
              'div',
              {
                class: 'heat-cell',
                'data-booth': booth.boothId,
                title: labelled(`${booth.boothId} · ${booth.exhibitor}`, `${formatNumber(count)} ${t('visits')}`),
                style: `background: ${colours.background}; color: ${colours.text}`,
              },
              booth.boothId,
              h('span', { class: 'heat-count', 'data-visits': count }, formatNumber(count)),
            );
          }),
        ),
      ),
    ),
  ];
}
