import { incidentReason } from '../../../shared/domain/alert-text';
import type { FairZone } from '../../../shared/domain/fair-time';
import { h } from '../common/dom';
import { formatNumber, formatShortDay, formatTime, t, tKnown } from '../common/i18n';
import type { Alert } from '../common/types';

/**
 * One line of the alert feed: a level change in words (zone, from, to, count of capacity), when, its
 * escalations and who acknowledged it, or the button to; a day's closing as one line of its own.
 */
export function alertItem(
  alert: Alert,
  options: {
    zone: FairZone;
    zoneName: (zoneId: string) => string | undefined;
    gateName?: (gateId: string) => string | undefined;
    /** None for a viewer's screen: it reads, it does not acknowledge. */
    acknowledge?: () => Promise<void>;
  },
): HTMLElement {
  const when = formatTime(alert.raisedAt, options.zone);
  if (alert.kind === 'dayClosed')
    return h(
      'li',
      { class: 'alert day-closed', 'data-alert': alert.alertId, 'data-kind': 'dayClosed' },
      h(
        'div',
        {},
        h(
          'div',
          {},
          t('alertDayClosed', {
            day: alert.day ? formatShortDay(alert.day) : '',
            count: formatNumber(alert.sweptOut ?? 0),
          }),
        ),
        h('div', { class: 'muted' }, when),
      ),
    );
  const zone = options.zoneName(alert.zoneId) ?? alert.zoneId;
  const text =
    alert.kind && alert.kind !== 'level'
      ? t(`notice_${alert.kind}`, {
          place: alert.gateId ? (options.gateName?.(alert.gateId) ?? alert.gateId) : zone,
          n: alert.people ?? 0,
          limit: alert.perMinute ?? 0,
          by: alert.credentialLabel ?? alert.by ?? '',
          reason:
            alert.kind === 'incident'
              ? incidentReason(alert.reason ?? '', (kind) => tKnown(`incidentKind_${kind}`, kind))
              : (alert.reason ?? ''),
          minutes: alert.minutes ?? 0,
        })
      : t('alertText', {
          zone,
          from: t(`level_${alert.previousLevel}`),
          to: t(`level_${alert.level}`),
          count: alert.count,
          capacity: alert.capacity,
        }) + (alert.fullInMinutes !== undefined ? ` · ${t('forecastFullIn', { minutes: alert.fullInMinutes })}` : '');
  const { acknowledge } = options;
  const ack = acknowledge ? h('button', { type: 'button', class: 'primary' }, t('acknowledge')) : null;
  ack?.addEventListener('click', async () => {
    ack.disabled = true;
    await acknowledge?.().catch(() => {
      ack.disabled = false;
    });
  });
  return h(
    'li',
    {
      class: `alert level-${alert.kind && alert.kind !== 'level' ? 'notice' : alert.level}${alert.acknowledgedAt ? '' : ' unacknowledged'}`,
      'data-alert': alert.alertId,
      'data-level': alert.level,
      'data-kind': alert.kind ?? 'level',
    },
    h(
      'div',
      {},
      h('div', {}, text),
      h(
        'div',
        { class: 'muted' },
        when,
        alert.escalation ? ` · ${t('escalation', { n: alert.escalation })}` : '',
        alert.acknowledgedAt
          ? ` · ${t('acknowledgedBy', { who: alert.acknowledgedBy ?? '', time: formatTime(alert.acknowledgedAt, options.zone) })}`
          : '',
      ),
    ),
    alert.acknowledgedAt ? null : ack,
  );
}
