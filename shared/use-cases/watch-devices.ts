import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Place } from '../domain/alert-text';
import { silenceOf } from '../domain/device-silence';
import type { Gate } from '../domain/fair';
import { type DayHours, isOpenAt } from '../domain/opening-hours';
import type { AlertRecord } from '../store/alerts-store';
import { listDevices } from '../store/devices-store';

/**
 * Every minute, during opening hours: each silent gate or door page (shared/domain/device-silence.ts)
 * raises one alert naming it, once for each silence.
 */
export interface DeviceWatchDeps {
  client: DynamoDBDocumentClient;
  tables: { fair: string };
  fair: { hours: DayHours[]; silentMinutes: number };
  gates: Map<string, Gate>;
  /** The fair's zones by id, named: a door's room is its place. */
  zones: Map<string, Place>;
  now: () => Date;
  notify: (alert: AlertRecord, place: Place) => Promise<void>;
}

export async function watchDevices(deps: DeviceWatchDeps): Promise<string[]> {
  const now = deps.now();
  if (!isOpenAt(deps.fair.hours, now)) return [];
  const limitMs = deps.fair.silentMinutes * 60_000;
  const raised: string[] = [];
  for (const device of await listDevices(deps.client, deps.tables.fair)) {
    const quiet = silenceOf(device, deps.fair.hours, now, limitMs);
    if (!quiet) continue;
    const gate = device.at ? deps.gates.get(device.at) : undefined;
    // A door stands at its workshop's room, when the workshop has one.
    const room = !gate && device.zoneId ? deps.zones.get(device.zoneId) : undefined;
    const alertId = `silent-${device.deviceId.replace(/[^A-Za-z0-9_-]/g, '')}-${quiet.since.replace(/\D/g, '').slice(0, 14)}.0`;
    const at = now.toISOString();
    await deps.notify(
      {
        alertId,
        kind: 'device-silent',
        zoneId: gate?.zoneId ?? room?.zoneId ?? '',
        ...(gate ? { gateId: gate.gateId } : {}),
        ...(!gate && device.at ? { workshopId: device.at } : {}),
        deviceId: device.deviceId,
        credentialLabel: device.label,
        reason: quiet.what,
        minutes: Math.round((now.getTime() - Date.parse(quiet.since)) / 60_000),
        level: 'normal',
        previousLevel: 'normal',
        count: device.unsent ?? 0,
        capacity: 0,
        raisedAt: at,
        escalation: 0,
        feed: 'ALERTS',
        feedKey: `${at}#${alertId}`,
      },
      gate ? { zoneId: gate.gateId, name: gate.name, names: gate.names } : (room ?? { zoneId: '', name: device.label }),
    );
    raised.push(alertId);
  }
  return raised;
}
