import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { gatesById } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { principalOf, requirePermission } from '#commons/http/principal';
import { parseJsonBody } from '#commons/http/request';
import { json } from '#commons/http/response';
import { incidentDeps } from '#commons/incident-deps';
import { HeartbeatSchema } from '#shared/contract/floor';
import { dynamo } from '#shared/store/clients';
import { listDevices, putDevice } from '#shared/store/devices-store';
import { getCurrentEvacuation } from '#shared/store/evacuations-store';
import { getWorkshop } from '#shared/store/workshops-store';
import { broadcastsFor, markRead } from '#shared/use-cases/incidents';

/** Two days after a device was last heard from, it is forgotten. */
const DEVICE_TTL_SECONDS = 2 * 86_400;

/**
 * POST /v1/devices/heartbeat (any credential): what a page reports of its device every few seconds,
 * answered with what the floor says now: an evacuation under way, today's broadcasts for this page.
 * GET /v1/devices (organiser): every device heard from, its last contact, unsent work and clock.
 */
export const handler = httpHandler(
  byRoute('devices')({
    'GET /v1/devices': async (event) => {
      requirePermission(event, { kind: 'watch' });
      const devices = await listDevices(dynamo(), resource('FAIR_TABLE'));
      return json(200, {
        devices: devices
          .map(({ expiresAt: _expires, ...device }) => device)
          .sort((a, b) => a.lastSeenAt.localeCompare(b.lastSeenAt)),
      });
    },
    'POST /v1/devices/heartbeat': async (event) => {
      const principal = principalOf(event);
      const report = parseJsonBody(event, HeartbeatSchema);
      const at = now();
      const table = resource('FAIR_TABLE');
      const gate = report.at ? (await gatesById()).get(report.at) : undefined;
      const workshop =
        report.at && !gate ? await getWorkshop(dynamo(), resource('WORKSHOPS_TABLE'), report.at) : undefined;
      const zoneId = gate?.zoneId ?? workshop?.zoneId;
      await putDevice(dynamo(), table, {
        deviceId: report.deviceId,
        credentialId: principal.credentialId,
        label: principal.label,
        role: principal.role,
        page: report.page,
        lastSeenAt: at.toISOString(),
        clockSkewMs: Date.parse(report.clock) - at.getTime(),
        ...(report.version ? { version: report.version } : {}),
        ...(report.at ? { at: report.at } : {}),
        ...(zoneId ? { zoneId } : {}),
        ...(report.unsent !== undefined ? { unsent: report.unsent } : {}),
        ...(report.oldestUnsentAt ? { oldestUnsentAt: report.oldestUnsentAt } : {}),
        ...(report.battery !== undefined ? { battery: report.battery } : {}),
        ...(report.charging !== undefined ? { charging: report.charging } : {}),
        ...(report.revocationsUpdatedAt ? { revocationsUpdatedAt: report.revocationsUpdatedAt } : {}),
        expiresAt: Math.floor(at.getTime() / 1000) + DEVICE_TTL_SECONDS,
      });
      const deps = await incidentDeps();
      for (const incidentId of report.read ?? [])
        await markRead(deps, {
          incidentId,
          credentialId: principal.credentialId,
          label: principal.label,
          deviceId: report.deviceId,
        });
      const [evacuation, broadcasts] = await Promise.all([
        getCurrentEvacuation(dynamo(), table),
        broadcastsFor(deps, {
          role: principal.role,
          gate,
          zoneId: workshop?.zoneId,
          credentialId: principal.credentialId,
          deviceId: report.deviceId,
        }),
      ]);
      return json(200, {
        now: at.toISOString(),
        ...(evacuation ? { evacuation } : {}),
        broadcasts: broadcasts.map(({ incidentId, kind, zoneId, text, at: sentAt, read }) => ({
          incidentId,
          kind,
          ...(zoneId ? { zoneId } : {}),
          text,
          at: sentAt,
          read,
        })),
      });
    },
  }),
);
