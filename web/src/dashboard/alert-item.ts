import { incidentReason } from '../../../shared/domain/alert-text';
import type { FairZone } from '../../../shared/domain/fair-time';
import { isIncidentKind } from '../../../shared/domain/incidents';
import { h } from '../common/dom';
import { formatNumber, formatShortDay, formatTime, t } from '../common/i18n';
import { nameOf } from '../common/names';
import type { Alert } from '../common/types';

interface AlertItemOptions {
  zone: FairZone;
  zoneName: (zoneId: string) => string | undefined;
  gateName?: (gateId: string) => string | undefined;
  workshopName?: (workshopId: string) => string | undefined;
  /** None for a viewer's screen: it reads, it does not acknowledge. */
  acknowledge?: () => Promise<void>;
}

/** Where a notice happened: its gate, else its zone; a silent door without a room, its workshop or the page. */
function noticePlace(alert: Alert, kind: Alert['kind'], zone: string, options: AlertItemOptions): string {
  if (alert.gateId) return options.gateName?.(alert.gateId) ?? alert.gateId;
  if (zone || kind !== 'device-silent') return zone;
  return (alert.workshopId && options.workshopName?.(alert.workshopId)) || t('doorTitle');
}

/** What happened, in words: a notice (a gate's flow, a tally, an incident...) or a zone's level change. */
/** `kind` is the alert's, a day's closing set apart (it has a line of its own). */
function alertText(alert: Alert, kind: Exclude<Alert['kind'], 'dayClosed'>, options: AlertItemOptions): string {
  const zone = options.zoneName(alert.zoneId) ?? alert.zoneId;
  if (kind && kind !== 'level')
    return t(`notice_${kind}`, {
      place: noticePlace(alert, kind, zone, options),
      n: alert.people ?? 0,
      limit: alert.perMinute ?? 0,
      by: nameOf(alert.credentialLabel ?? alert.by ?? ''),
      reason:
        kind === 'incident'
          ? incidentReason(alert.reason ?? '', (kind) => (isIncidentKind(kind) ? t(`incidentKind_${kind}`) : undefined))
          : (alert.reason ?? ''),
      minutes: alert.minutes ?? 0,
    });
  const change = t('alertText', {
    zone,
    from: t(`level_${alert.previousLevel}`),
    to: t(`level_${alert.level}`),
    count: alert.count,
    capacity: alert.capacity,
  });
  return alert.fullInMinutes !== undefined
    ? `${change} · ${t('forecastFullIn', { minutes: alert.fullInMinutes })}`
    : change;
}

/**
 * One line of the alert feed: a level change in words (zone, from, to, count of capacity), when, its
 * escalations and who acknowledged it, or the button to; a day's closing as one line of its own.
 */
export function alertItem(alert: Alert, options: AlertItemOptions): HTMLElement {
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
  const text = alertText(alert, alert.kind, options);
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
        alert.escalation ? ` · ${t('escalation', { count: alert.escalation })}` : '',
        alert.acknowledgedAt
          ? ` · ${t('acknowledgedBy', { who: alert.acknowledgedBy ?? '', time: formatTime(alert.acknowledgedAt, options.zone) })}`
          : '',
      ),
    ),
    alert.acknowledgedAt ? null : ack,
  );
}
