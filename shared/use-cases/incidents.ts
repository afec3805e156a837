import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Place } from '../domain/alert-text';
import { Refused } from '../domain/errors';
import type { Gate } from '../domain/fair';
import { fairDay, zoneOf } from '../domain/fair-time';
import type { BroadcastAudience, IncidentKind } from '../domain/incidents';
import type { ZoneTree } from '../domain/zone-tree';
import type { AlertRecord } from '../store/alerts-store';
import {
  type IncidentRecord,
  listIncidents,
  listReceipts,
  putIncident,
  putReceipt,
  type ReadReceipt,
} from '../store/incidents-store';
import { getZone } from '../store/zones-store';

/**
 * The incident log: organisers and supervisors record what happens on the floor (a lost child, a
 * fainting visitor, a blocked exit) against a zone and a time; it joins the alert feed and the day's
 * report, goes out by SMS and webhooks like an alert, and may be broadcast to the stewards' pages,
 * which say when they read it.
 */
export interface IncidentDeps {
  client: DynamoDBDocumentClient;
  tables: { fair: string; zones: string };
  fair: { timezone: string; utcOffsets?: Record<string, string> | undefined };
  tree: ZoneTree;
  now: () => Date;
  notify: (alert: AlertRecord, place: Place) => Promise<void>;
}

export async function recordIncident(
  deps: IncidentDeps,
  request: { kind: IncidentKind; zoneId?: string | undefined; text: string; broadcast?: BroadcastAudience | undefined },
  by: string,
): Promise<IncidentRecord> {
  const zoneId = request.zoneId ?? deps.tree.root() ?? '';
  const zone = await getZone(deps.client, deps.tables.zones, zoneId);
  if (!zone || zone.retiredAt)
    throw new Refused('invalid', `no zone ${zoneId}`, [{ path: 'zoneId', message: `no zone ${zoneId}` }]);
  if (request.broadcast === 'zone' && !request.zoneId)
    throw new Refused('invalid', 'a broadcast to a zone names the zone', [
      { path: 'zoneId', message: 'name the zone' },
    ]);
  const at = deps.now();
  const incident: IncidentRecord = {
    incidentId: crypto.randomUUID(),
    kind: request.kind,
    zoneId,
    text: request.text,
    at: at.toISOString(),
    day: fairDay(at, zoneOf(deps.fair)),
    by,
    ...(request.broadcast ? { broadcast: request.broadcast } : {}),
  };
  await putIncident(deps.client, deps.tables.fair, incident);
  const alertId = `incident-${incident.incidentId}.0`;
  await deps.notify(
    {
      alertId,
      kind: 'incident',
      zoneId,
      incidentId: incident.incidentId,
      reason: `${incident.kind}: ${incident.text}`,
      by,
      level: 'normal',
      previousLevel: 'normal',
      count: 0,
      capacity: 0,
      raisedAt: incident.at,
      escalation: 0,
      feed: 'ALERTS',
      feedKey: `${incident.at}#${alertId}`,
    },
    zone,
  );
  return incident;
}

/** A day's incidents, each broadcast one with who read it. */
export async function incidentsOf(
  deps: IncidentDeps,
  day: string,
): Promise<(IncidentRecord & { readBy?: ReadReceipt[] })[]> {
  const incidents = await listIncidents(deps.client, deps.tables.fair, day);
  return Promise.all(
    incidents.map(async (incident) =>
      incident.broadcast
        ? { ...incident, readBy: await listReceipts(deps.client, deps.tables.fair, incident.incidentId) }
        : incident,
    ),
  );
}

/** Where a page is: its role, and the gate or workshop zone it works at. */
export interface PagePlace {
  role: string;
  gate?: Gate | undefined;
  zoneId?: string | undefined;
}

/** Whether a broadcast is for this page: every page, the gate and door pages, or those of one zone. */
export function isFor(incident: IncidentRecord, page: PagePlace, tree: ZoneTree): boolean {
  switch (incident.broadcast) {
    case undefined:
      return false;
    case 'all':
      return true;
    case 'gates':
      return page.role === 'gate' || page.role === 'supervisor' || page.role === 'host';
    case 'zone': {
      const zoneId = incident.zoneId ?? '';
      const places = [page.zoneId, page.gate?.zoneId, page.gate?.fromZoneId].filter((place): place is string =>
        Boolean(place),
      );
      return places.some((place) => tree.within(place, zoneId));
    }
    default: {
      const unreachable: never = incident.broadcast;
      return unreachable;
    }
  }
}

/** Today's broadcasts for a page, and whether this device read each. */
export async function broadcastsFor(
  deps: IncidentDeps,
  page: PagePlace & { credentialId: string; deviceId: string },
): Promise<(IncidentRecord & { read: boolean })[]> {
  const today = fairDay(deps.now(), zoneOf(deps.fair));
  const mine = (await listIncidents(deps.client, deps.tables.fair, today)).filter((incident) =>
    isFor(incident, page, deps.tree),
  );
  return Promise.all(
    mine.map(async (incident) => {
      const receipts = await listReceipts(deps.client, deps.tables.fair, incident.incidentId);
      const read = receipts.some(
        (receipt) => receipt.credentialId === page.credentialId && receipt.deviceId === page.deviceId,
      );
      return { ...incident, read };
    }),
  );
}

export async function markRead(deps: IncidentDeps, receipt: Omit<ReadReceipt, 'readAt'>): Promise<void> {
  await putReceipt(deps.client, deps.tables.fair, { ...receipt, readAt: deps.now().toISOString() });
}
