import { zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h } from '../common/dom';
import { signal } from '../common/feedback';
import { applyLanguage } from '../common/i18n';
import { gateNameIn, workshopNameIn } from '../common/names';
import type { Alert, Fair, Me } from '../common/types';
import { alertItem } from './alert-item';

/** One page of the alert feed: the alerts since the cursor, and the cursor to ask from next. */
export interface AlertFeed {
  alerts: Alert[];
  cursor: string | null;
}

/**
 * The alert feed, newest first, with acknowledgement for organisers. It keeps every alert it has read
 * and its cursor, and rings once when an unacknowledged alert arrives after the first read.
 */
export function alertsPanel(fair: Fair, me: Pick<Me, 'role'>, zoneName: (zoneId: string) => string | undefined) {
  const list = h('ul', { class: 'alerts', id: 'alerts' });
  const alerts = new Map<string, Alert>();
  let cursor: string | null = null;
  let loaded = false;
  const gateName = (gateId: string) => gateNameIn(fair, gateId);
  const acknowledge = (alert: Alert) => async () => {
    try {
      const path = `/v1/alerts/${encodeURIComponent(alert.alertId)}/ack`;
      const acknowledged = await request<Alert>(path, { body: {} });
      alerts.set(acknowledged.alertId, acknowledged);
    } finally {
      show();
    }
  };
  function show(): void {
    const sorted = [...alerts.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    if (sorted.length === 0) {
      // "No alerts" only once the feed has answered: a page opened offline knows of none yet.
      list.replaceChildren(h('li', { class: 'muted', t: loaded ? 'noAlerts' : 'loading' }));
      applyLanguage(list);
      return;
    }
    list.replaceChildren(
      ...sorted.slice(0, 100).map((alert) =>
        alertItem(alert, {
          zone: zoneOf(fair),
          zoneName,
          gateName,
          workshopName: (workshopId) => workshopNameIn(fair, workshopId),
          ...(me.role === 'organiser' ? { acknowledge: acknowledge(alert) } : {}),
        }),
      ),
    );
  }
  return {
    element: h('section', { class: 'card two-columns' }, h('h2', { t: 'alerts' }), list),
    show,
    /** The query that reads what is new since the last feed. */
    since: () => (cursor ? `?since=${encodeURIComponent(cursor)}` : ''),
    take(feed: AlertFeed): void {
      let fresh = 0;
      for (const alert of feed.alerts) {
        if (!alerts.has(alert.alertId) && !alert.acknowledgedAt) fresh += 1;
        alerts.set(alert.alertId, alert);
      }
      cursor = feed.cursor ?? cursor;
      const first = !loaded;
      if (!first && fresh > 0) signal('warn');
      loaded = true;
      if (feed.alerts.length > 0 || first) show();
    },
  };
}
