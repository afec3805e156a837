import { h } from '../common/dom';
import { formatNumber, localName, t } from '../common/i18n';
import type { ZoneOccupancy } from '../common/types';

/**
 * A zone's figure is only as true as its doors: one with no door in use today shows no number (a
 * frozen 0 or yesterday's figure would look live), one with some doors says how many it counts.
 */
export function zoneCard(zone: ZoneOccupancy, depth: number): HTMLElement {
  const counted = zone.coverage !== 'none';
  const share = counted && zone.capacity > 0 ? Math.min(1, zone.count / zone.capacity) : 0;
  const note = zone.closed
    ? t('dayClosed')
    : zone.coverage === 'none'
      ? t('coverage_none')
      : zone.coverage === 'partial'
        ? t('coverage_partial', { inUse: zone.doors.inUse, total: zone.doors.total })
        : '';
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
      h('span', { class: 'count' }, counted ? formatNumber(zone.count) : '—'),
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
