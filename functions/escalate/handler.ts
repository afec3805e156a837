import { alertDeliveryDeps, noticeSender } from '#commons/alert-deps';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { fairMeta, gatesById } from '#commons/fair-context';
import { DEFAULT_SILENT_MINUTES } from '#shared/domain/device-silence';
import { escalateAlert, getAlert, listOpenAlerts } from '#shared/store/alerts-store';
import { dynamo } from '#shared/store/clients';
import { listZones } from '#shared/store/zones-store';
import { deliverAlert } from '#shared/use-cases/deliver-alert';
import { watchDevices } from '#shared/use-cases/watch-devices';
import { watchGuesses } from '#shared/use-cases/watch-guesses';

/**
 * Every minute: an alert nobody acknowledged within its zone's escalation delay is raised again
 * (escalation 1, 2, ...) and sent to every subscriber once more, until acknowledged or until the zone
 * falls back from that level (a newer level change supersedes it). Alerts that a zone cleared are not
 * escalated. Then the gate and door pages gone silent during opening hours (shared/use-cases/watch-devices.ts),
 * and the credentials typing runs of short codes that name no ticket (shared/use-cases/watch-guesses.ts).
 */
async function handle(): Promise<{ escalated: string[]; silent: string[]; guesses: string[] }> {
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
  const fair = await fairMeta();
  const silent = await watchDevices({
    client,
    tables: { fair: resource('FAIR_TABLE') },
    fair: { hours: fair.hours, silentMinutes: fair.deviceSilentMinutes ?? DEFAULT_SILENT_MINUTES },
    gates: await gatesById(),
    // A zone names itself in an alert's text, as deliverAlert above is given it.
    zones,
    now,
    notify: noticeSender(),
  });
  const venue = [...zones.values()].find((zone) => !zone.parentId);
  const guesses = venue
    ? await watchGuesses({
        client,
        tables: { fair: resource('FAIR_TABLE') },
        venue,
        now,
        notify: noticeSender(),
      })
    : [];
  return { escalated, silent, guesses };
}

export const handler = eventHandler(handle);
