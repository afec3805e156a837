import type { Place } from '../domain/alert-text';
import type { AlertLog, AlertRecord } from '../store/alerts-store';

export interface NoticeDeps {
  alerts: AlertLog;
  /** Sends it to the topic and the webhooks. */
  deliver: (alert: AlertRecord, place: Place) => Promise<void>;
}

/**
 * Raises an alert that is not a zone's change of level (a day closed, an implausible count) once, by its
 * id, and delivers it; a retry finds it raised and only finishes a delivery left undone. True when this
 * call raised it.
 */
export async function raiseNotice(deps: NoticeDeps, alert: AlertRecord, place: Place): Promise<boolean> {
  const created = await deps.alerts.putIfAbsent(alert);
  const stored = created ? alert : await deps.alerts.get(alert.alertId);
  if (stored && !stored.deliveredAt) await deps.deliver(stored, place);
  return created;
}
