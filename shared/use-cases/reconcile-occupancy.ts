import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { presenceOn } from '../domain/scan-rules';
import { liveOn, reconcileTicketed } from '../domain/zone-session';
import type { ZoneTree } from '../domain/zone-tree';
import { getDrift, putDrift } from '../store/projection-store';
import { listInside, presenceOf } from '../store/tickets-store';
import { listZones, liveOf, putZoneLive } from '../store/zones-store';

export interface Drift {
  zoneId: string;
  /** Ticket holders the zone counts. */
  counted: number;
  /** Ticket holders the tickets say are inside it. */
  inside: number;
  corrected: boolean;
}

export interface ReconcileDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string; tickets: string; stats: string };
  tree: ZoneTree;
  today: string;
}

/**
 * Recounts today's ticket holders inside each zone from the tickets' presence and compares them with the
 * ticketed part of the projected counts. Walk-ins counted at the gates have no ticket to recount, so
 * their part is never touched. Scans still on their way through the stream make a drift that heals by
 * itself, so a drift is only corrected when the previous run saw the same one; the correction is written
 * on condition the zone is as read (a scan counted in between leaves it for the next run).
 */
export async function reconcileOccupancy(deps: ReconcileDeps, at: string): Promise<Drift[]> {
  const { client, tables, tree, today } = deps;
  const [zones, tickets] = await Promise.all([
    listZones(client, tables.zones),
    listInside(client, tables.tickets, today),
  ]);
  const inside = new Map<string, number>();
  for (const ticket of tickets) {
    for (const zoneId of presenceOn(presenceOf(ticket), today, tree).counted)
      inside.set(zoneId, (inside.get(zoneId) ?? 0) + 1);
  }
  const drifts: Drift[] = [];
  for (const zone of zones) {
    const live = liveOf(zone);
    const now = liveOn(live, today);
    const truth = now.closed ? 0 : (inside.get(zone.zoneId) ?? 0);
    const previous = await getDrift(client, tables.stats, zone.zoneId);
    const seenBefore = previous?.counted === now.ticketed && previous.inside === truth;
    if (truth === now.ticketed || now.closed || live.day !== today) {
      if (previous?.counted !== undefined && previous.counted !== null)
        await putDrift(client, tables.stats, zone.zoneId, { counted: null, inside: null, at });
      continue;
    }
    await putDrift(client, tables.stats, zone.zoneId, { counted: now.ticketed, inside: truth, at });
    const corrected =
      seenBefore && (await putZoneLive(client, tables.zones, zone, reconcileTicketed(live, zone, truth), at));
    drifts.push({ zoneId: zone.zoneId, counted: now.ticketed, inside: truth, corrected });
  }
  return drifts;
}
