import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Place } from '../domain/alert-text';
import { type AlertRecord, getAlert, putAlertIfAbsent } from '../store/alerts-store';

export interface NoticeDeps {
  client: DynamoDBDocumentClient;
  tables: { alerts: string };
  /** Sends it to the topic and the webhooks. */
  deliver: (alert: AlertRecord, place: Place) => Promise<void>;
}

/**
 * Raises an alert that is not a zone's change of level (a day closed, an implausible count) once, by its
 * id, and delivers it; a retry finds it raised and only finishes a delivery left undone. True when this
 * call raised it.
 */
export async function raiseNotice(deps: NoticeDeps, alert: AlertRecord, place: Place): Promise<boolean> {
  const created = await putAlertIfAbsent(deps.client, deps.tables.alerts, alert);
  const stored = created ? alert : await getAlert(deps.client, deps.tables.alerts, alert.alertId);
  if (stored && !stored.deliveredAt) await deps.deliver(stored, place);
  return created;
}
