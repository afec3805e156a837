import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Place } from '../domain/alert-text';
import { Refused } from '../domain/errors';
import { fairDay, zoneOf } from '../domain/fair-time';
import type { Category } from '../domain/ticket-token';
import type { ZoneTree } from '../domain/zone-tree';
import type { AlertRecord } from '../store/alerts-store';
import {
  type EvacuationRecord,
  endEvacuation as endRecord,
  getCurrentEvacuation,
  getEvacuation,
  startEvacuation as startRecord,
} from '../store/evacuations-store';
import { getTicketsByIds, listInside } from '../store/tickets-store';
import { getZone, markEvacuation } from '../store/zones-store';

/**
 * Clearing the hall: one organiser action puts the venue or a zone in evacuation. Every entry into it
 * (or into a zone inside it) is refused EVACUATION from the next scan, exits pass, walk-ins and doors
 * go on counting people out; the pages show it full screen at their next contact; SMS and webhooks go
 * out. A roll call lists the badge holders still counted inside, where they were last seen. Ending it
 * is one action too; both are recorded with who and when.
 */
export interface EvacuationDeps {
  client: DynamoDBDocumentClient;
  tables: { fair: string; zones: string; tickets: string; alerts: string };
  fair: { timezone: string; utcOffsets?: Record<string, string> | undefined };
  tree: ZoneTree;
  now: () => Date;
  /** Raises an alert once by its id and delivers it. */
  notify: (alert: AlertRecord, place: Place) => Promise<void>;
}

function notice(
  evacuation: EvacuationRecord,
  kind: 'evacuation' | 'evacuation-ended',
  zone: { capacity: number; count: number },
  at: string,
) {
  const alertId = `${kind}-${evacuation.evacuationId}.0`;
  return {
    alertId,
    kind,
    zoneId: evacuation.zoneId,
    evacuationId: evacuation.evacuationId,
    reason: evacuation.reason,
    by: kind === 'evacuation' ? evacuation.startedBy : (evacuation.endedBy ?? ''),
    level: 'normal',
    previousLevel: 'normal',
    count: zone.count,
    capacity: zone.capacity,
    raisedAt: at,
    escalation: 0,
    feed: 'ALERTS',
    feedKey: `${at}#${alertId}`,
  } satisfies AlertRecord;
}

export async function startEvacuation(
  deps: EvacuationDeps,
  request: { zoneId?: string | undefined; reason: string },
  by: string,
): Promise<EvacuationRecord> {
  const zoneId = request.zoneId ?? deps.tree.root() ?? '';
  const zone = await getZone(deps.client, deps.tables.zones, zoneId);
  if (!zone || zone.retiredAt) throw new Refused('missing', `no zone ${zoneId}`);
  const evacuation: EvacuationRecord = {
    evacuationId: crypto.randomUUID(),
    zoneId,
    reason: request.reason,
    startedAt: deps.now().toISOString(),
    startedBy: by,
  };
  if (!(await startRecord(deps.client, deps.tables.fair, evacuation))) {
    const current = await getCurrentEvacuation(deps.client, deps.tables.fair);
    throw new Refused(
      'conflict',
      `an evacuation is already under way (${current?.zoneId ?? 'the venue'}): end it first`,
    );
  }
  // Every entry reads the zones around its gate: marking the one evacuated shuts every door into it.
  await markEvacuation(deps.client, deps.tables.zones, zoneId, {
    evacuationId: evacuation.evacuationId,
    startedAt: evacuation.startedAt,
  });
  await deps.notify(notice(evacuation, 'evacuation', zone, evacuation.startedAt), zone);
  return evacuation;
}

export async function endEvacuation(deps: EvacuationDeps, evacuationId: string, by: string): Promise<EvacuationRecord> {
  const evacuation = await getEvacuation(deps.client, deps.tables.fair, evacuationId);
  if (!evacuation) throw new Refused('missing', `no evacuation ${evacuationId}`);
  if (evacuation.endedAt) return evacuation;
  const endedAt = deps.now().toISOString();
  if (!(await endRecord(deps.client, deps.tables.fair, evacuationId, { endedAt, endedBy: by })))
    return (await getEvacuation(deps.client, deps.tables.fair, evacuationId)) ?? evacuation;
  await markEvacuation(deps.client, deps.tables.zones, evacuation.zoneId, undefined);
  const ended = { ...evacuation, endedAt, endedBy: by };
  const zone = await getZone(deps.client, deps.tables.zones, evacuation.zoneId);
  if (zone) await deps.notify(notice(ended, 'evacuation-ended', zone, endedAt), zone);
  return ended;
}

export interface RollCallEntry {
  ticketId: string;
  category: Category;
  holderName?: string;
  zoneId: string;
  lastGateId?: string;
}

/**
 * The badge holders still counted inside the evacuated zone (or in a zone inside it), today, with the
 * last gate each passed: staff, exhibitors, workshop participants, guests. Walk-ins have no name to
 * call: they are a count on the dashboard.
 */
export async function rollCall(deps: EvacuationDeps, evacuationId: string): Promise<RollCallEntry[]> {
  const evacuation = await getEvacuation(deps.client, deps.tables.fair, evacuationId);
  if (!evacuation) throw new Refused('missing', `no evacuation ${evacuationId}`);
  const today = fairDay(deps.now(), zoneOf(deps.fair));
  const inside = (await listInside(deps.client, deps.tables.tickets, today)).filter(
    (ticket) => ticket.inside && ticket.zoneId !== undefined && deps.tree.within(ticket.zoneId, evacuation.zoneId),
  );
  const named = new Map(
    (
      await getTicketsByIds(
        deps.client,
        deps.tables.tickets,
        inside.map((ticket) => ticket.ticketId),
        ['ticketId', 'holderName'],
      )
    ).map((ticket) => [ticket.ticketId, ticket.holderName]),
  );
  return inside
    .map((ticket) => {
      const holderName = named.get(ticket.ticketId);
      return {
        ticketId: ticket.ticketId,
        category: ticket.category,
        ...(holderName ? { holderName } : {}),
        zoneId: ticket.zoneId as string,
        ...(ticket.lastGateId ? { lastGateId: ticket.lastGateId } : {}),
      };
    })
    .sort((a, b) => a.category.localeCompare(b.category) || (a.holderName ?? '').localeCompare(b.holderName ?? ''));
}
