import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { presenceOn } from '../domain/scan-rules';
import { liveOn, reconcileTicketed } from '../domain/zone-session';
import type { ZoneTree } from '../domain/zone-tree';
import { applyProjection, getDrift, putDrift, type ZoneWrite } from '../store/projection-store';
import { listInside, presenceOf } from '../store/tickets-store';
import { listZones, liveOf } from '../store/zones-store';

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
 * itself, so a drift is only corrected when the previous run saw the same one; the correction goes
 * through the projector's own transactional path, with a marker of its own.
 */
export async function reconcileOccupancy(deps: ReconcileDeps, runId: string, at: string): Promise<Drift[]> {
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
  const writes: ZoneWrite[] = [];
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
    drifts.push({ zoneId: zone.zoneId, counted: now.ticketed, inside: truth, corrected: seenBefore });
    await putDrift(client, tables.stats, zone.zoneId, { counted: now.ticketed, inside: truth, at });
    if (seenBefore)
      writes.push({
        zoneId: zone.zoneId,
        expectedVersion: zone.version ?? 0,
        live: reconcileTicketed(live, zone, truth),
      });
  }
  if (writes.length > 0) {
    const outcome = await applyProjection(
      client,
      { zones: tables.zones, stats: tables.stats },
      { markerId: `reconcile-${runId}`, lastSequence: '', zones: writes, at },
    );
    if (outcome !== 'applied') for (const drift of drifts) drift.corrected = false;
  }
  return drifts;
}
