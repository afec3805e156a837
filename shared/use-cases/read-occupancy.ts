import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Gate } from '../domain/fair';
import { type FairZone, fairDay } from '../domain/fair-time';
import type { Level } from '../domain/levels';
import type { Names } from '../domain/names';
import { forecast, liveOn, type ZoneLive } from '../domain/zone-session';
import { workshopDoorId, type ZoneTree } from '../domain/zone-tree';
import { listGateHours } from '../store/projection-store';
import { listZones, liveOf } from '../store/zones-store';

/**
 * Who is where, now. A zone's count is only as true as its doors: with every door counted it is live;
 * with some, it misses whoever came through the others; with none in use today it says nothing, and
 * the answer says so rather than show a number that looks live. A workshop room's door is the workshop
 * door page (`door:<zoneId>` in the gate statistics).
 */
export type Coverage = 'full' | 'partial' | 'none';

export interface ZoneOccupancy {
  zoneId: string;
  name: string;
  names?: Names;
  parentId?: string;
  count: number;
  ticketed: number;
  counted: number;
  capacity: number;
  level: Level;
  updatedAt: string;
  /** Doors of the zone (gates between it and elsewhere, its workshop door) and how many were used today. */
  doors: { total: number; inUse: number };
  coverage: Coverage;
  /** Today was closed for the zone: everyone still counted was swept out. */
  closed: boolean;
  /** People a minute over the last minutes, and when the zone would be full at that rate. */
  forecast?: { perMinute: number; fullInMinutes?: number };
}

export interface Occupancy {
  day: string;
  venue: ZoneOccupancy | undefined;
  zones: ZoneOccupancy[];
}

export interface OccupancyDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string; stats: string };
  zone: FairZone;
  gates: Gate[];
  tree: ZoneTree;
  now: () => Date;
}

function withForecast(live: ZoneLive, rule: { capacity: number; thresholds: { full: number } }, now: Date) {
  const ahead = forecast(live, rule, now);
  return ahead ? { forecast: ahead } : {};
}

export async function readOccupancy(deps: OccupancyDeps): Promise<Occupancy> {
  const day = fairDay(deps.now(), deps.zone);
  const [zones, hours] = await Promise.all([
    listZones(deps.client, deps.tables.zones),
    listGateHours(deps.client, deps.tables.stats, day),
  ]);
  const used = new Set(hours.map((hour) => hour.gateId));
  const doorsOf = new Map<string, string[]>();
  for (const gate of deps.gates)
    for (const zoneId of deps.tree.doorOf(gate.fromZoneId, gate.zoneId))
      doorsOf.set(zoneId, [...(doorsOf.get(zoneId) ?? []), gate.gateId]);
  const views = zones
    .filter((zone) => !zone.retiredAt)
    .map((zone): ZoneOccupancy => {
      const live = liveOn(liveOf(zone), day);
      const doors = [...(doorsOf.get(zone.zoneId) ?? [])];
      if (used.has(workshopDoorId(zone.zoneId))) doors.push(workshopDoorId(zone.zoneId));
      const inUse = doors.filter((door) => used.has(door)).length;
      const coverage: Coverage = inUse === 0 ? 'none' : inUse === doors.length ? 'full' : 'partial';
      return {
        zoneId: zone.zoneId,
        name: zone.name,
        ...(zone.names ? { names: zone.names } : {}),
        ...(zone.parentId ? { parentId: zone.parentId } : {}),
        count: live.count,
        ticketed: live.ticketed,
        counted: live.counted,
        capacity: zone.capacity,
        level: live.level,
        updatedAt: zone.updatedAt,
        doors: { total: doors.length, inUse },
        coverage,
        closed: live.closed,
        ...(!live.closed && zone.day === day ? withForecast(liveOf(zone), zone, deps.now()) : {}),
      };
    });
  const root = deps.tree.root();
  return { day, venue: views.find((zone) => zone.zoneId === root), zones: views };
}
