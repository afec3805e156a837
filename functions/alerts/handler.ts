import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parsePath, parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { AlertsQuerySchema, FEED_KEY } from '#shared/contract/alerts';
import { decodeFeedCursor, encodeFeedCursor, pageAfter, readFrom } from '#shared/contract/cursor';
import { type AlertRecord, acknowledgeAlert, listAlerts } from '#shared/store/alerts-store';
import { dynamo } from '#shared/store/clients';

export const PathSchema = z.object({
  alertId: z.string().regex(/^[A-Za-z0-9_-]+\.\d+$/, 'an alert id is <zoneId>.<number>'),
});

function view(alert: AlertRecord) {
  const { feed: _feed, feedKey: _key, deliveredAt: _delivered, escalation, ...rest } = alert;
  return { ...rest, ...(escalation > 0 ? { escalation } : {}) };
}

/** GET /v1/alerts?since=<cursor> (organiser or viewer) and POST /v1/alerts/{alertId}/ack (organiser). */
export const handler = httpHandler(
  byRoute('alerts')({
    'GET /v1/alerts': async (event) => {
      requirePermission(event, { kind: 'watch' });
      const { since } = parseQuery(event, AlertsQuerySchema);
      const cursor = decodeFeedCursor(since, FEED_KEY);
      // Read from a minute before the cursor: an alert stamped earlier may have committed later.
      const read = await listAlerts(dynamo(), resource('ALERTS_TABLE'), readFrom(cursor));
      const { fresh, next } = pageAfter(read, (alert) => alert.feedKey, cursor);
      return json(200, { alerts: fresh.map(view), cursor: next ? encodeFeedCursor(next) : (since ?? null) });
    },
    'POST /v1/alerts/{alertId}/ack': async (event) => {
      const principal = requirePermission(event, { kind: 'organiser' });
      const { alertId } = parsePath(event, PathSchema);
      const alert = await acknowledgeAlert(
        dynamo(),
        resource('ALERTS_TABLE'),
        alertId,
        principal.label,
        now().toISOString(),
      );
      if (!alert) throw new NotFoundError(`no alert ${alertId}`);
      return json(200, view(alert));
    },
  }),
);
