import { h } from '../common/dom';
import { formatNumber, localName, t } from '../common/i18n';
import type { ZoneOccupancy } from '../common/types';

/**
 * A place's figure is only as true as its doors: one with no door in use today shows no number (a
 * frozen 0 or yesterday's figure would look live: the venue's card read "0" on a morning nobody had
 * counted yet), one with some doors says how many it counts. The zones' cards and the venue's.
 */
export function shownCount(place: {
  count: number;
  coverage?: ZoneOccupancy['coverage'];
  closed?: boolean;
  doors?: ZoneOccupancy['doors'];
}): { counted: boolean; figure: string; note: string } {
  const counted = place.coverage !== 'none';
  const note = place.closed
    ? t('dayClosed')
    : !counted
      ? t('coverage_none')
      : place.coverage === 'partial' && place.doors
        ? t('coverage_partial', { inUse: place.doors.inUse, total: place.doors.total })
        : '';
  return { counted, figure: counted ? formatNumber(place.count) : '—', note };
}

export function zoneCard(zone: ZoneOccupancy, depth: number): HTMLElement {
  const { counted, figure, note } = shownCount(zone);
  const share = counted && zone.capacity > 0 ? Math.min(1, zone.count / zone.capacity) : 0;
  return h(
    'div',
    {
      class: `zone level-${zone.level} coverage-${zone.coverage}${zone.closed ? ' closed' : ''}`,
      'data-zone': zone.zoneId,
      'data-level': zone.level,
      'data-coverage': zone.coverage,
      style: `margin-inline-start: ${depth * 1.25}rem`,
    },
    h('div', {}, h('strong', {}, localName(zone))),
    h(
      'div',
      {},
      h('span', { class: 'count' }, figure),
      h(
        'span',
        { class: 'muted' },
        ` / ${formatNumber(zone.capacity)}${counted ? ` · ${formatNumber(share, { style: 'percent' })}` : ''}`,
      ),
    ),
    h('div', { class: 'bar' }, h('span', { style: `inline-size: ${(share * 100).toFixed(1)}%` })),
    note ? h('div', { class: 'coverage-note muted' }, note) : null,
    counted && zone.forecast ? forecastLine(zone.forecast) : null,
    counted ? h('div', { class: 'level-tag' }, t(`level_${zone.level}`)) : null,
  );
}

/** Where a zone is heading: filling (and when it would be full at that rate), or emptying. */
function forecastLine(forecast: NonNullable<ZoneOccupancy['forecast']>): HTMLElement | null {
  const rate = Math.abs(forecast.perMinute);
  if (rate < 0.5) return null;
  const text =
    forecast.perMinute > 0
      ? forecast.fullInMinutes !== undefined
        ? t('forecastFilling', { rate: formatNumber(rate), minutes: forecast.fullInMinutes })
        : t('forecastRising', { rate: formatNumber(rate) })
      : t('forecastEmptying', { rate: formatNumber(rate) });
  return h(
    'div',
    { class: `forecast${forecast.fullInMinutes !== undefined && forecast.fullInMinutes <= 15 ? ' soon' : ''}` },
    text,
  );
}
