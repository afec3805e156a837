import { alertDeliveryDeps } from '#commons/alert-deps';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { escalateAlert, getAlert, listOpenAlerts } from '#shared/store/alerts-store';
import { dynamo } from '#shared/store/clients';
import { listZones } from '#shared/store/zones-store';
import { deliverAlert } from '#shared/use-cases/deliver-alert';

/**
 * Every minute: an alert nobody acknowledged within its zone's escalation delay is raised again
 * (escalation 1, 2, ...) and sent to every subscriber once more, until acknowledged or until the zone
 * falls back from that level (a newer level change supersedes it). Alerts that a zone cleared are not
 * escalated.
 */
async function handle(): Promise<{ escalated: string[] }> {
  const client = dynamo();
  const table = resource('ALERTS_TABLE');
  const zones = new Map((await listZones(client, resource('ZONES_TABLE'))).map((zone) => [zone.zoneId, zone]));
  const at = now();
  const escalated: string[] = [];
  for (const alert of await listOpenAlerts(client, table)) {
    const zone = zones.get(alert.zoneId);
    const current = zone && `${zone.zoneId}.${zone.levelVersion ?? 0}` === alert.alertId && zone.level === alert.level;
    if (!zone || !current || alert.level === 'normal') continue;
    if (at.getTime() - Date.parse(alert.raisedAt) < zone.escalationMinutes * 60_000) continue;
    if (!(await escalateAlert(client, table, alert, at.toISOString()))) continue;
    const fresh = await getAlert(client, table, alert.alertId);
    if (fresh) await deliverAlert(alertDeliveryDeps(), fresh, zone);
    escalated.push(alert.alertId);
  }
  return { escalated };
}

export const handler = eventHandler(handle);
