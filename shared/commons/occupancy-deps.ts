import { fairDay, zoneOf } from '../domain/fair-time';
import { dynamo } from '../store/clients';
import type { GateHoursDeps } from '../use-cases/count-gate-hours';
import type { ProjectionDeps } from '../use-cases/project-occupancy';
import type { OccupancyDeps } from '../use-cases/read-occupancy';
import type { ReconcileDeps } from '../use-cases/reconcile-occupancy';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, gatesById, zoneTree } from './fair-context';

/** What reading occupancy needs: zone counts, today's gate statistics, the gates and how zones nest. */
export async function occupancyDeps(): Promise<OccupancyDeps> {
  const [fair, gates, tree] = await Promise.all([fairMeta(), gatesById(), zoneTree()]);
  return {
    client: dynamo(),
    tables: { zones: resource('ZONES_TABLE'), stats: resource('STATS_TABLE') },
    zone: zoneOf(fair),
    gates: [...gates.values()],
    tree,
    now,
  };
}

/** What projecting a batch of scans needs: the zone counts it writes (with their shards' watermarks), the clock. */
export function projectionDeps(): ProjectionDeps {
  return { client: dynamo(), tables: { zones: resource('ZONES_TABLE') }, now };
}

/** What counting a batch of scans into gate hours needs: the stats table, the fair's time zone, the clock. */
export async function gateHoursDeps(): Promise<GateHoursDeps> {
  const fair = await fairMeta();
  return { client: dynamo(), tables: { stats: resource('STATS_TABLE') }, zone: zoneOf(fair) };
}

/** What a reconciliation run needs: zone counts against the tickets inside on the fair's day at `at`. */
export async function reconcileDeps(at: Date): Promise<ReconcileDeps> {
  const [fair, tree] = await Promise.all([fairMeta(), zoneTree()]);
  return {
    client: dynamo(),
    tables: { zones: resource('ZONES_TABLE'), tickets: resource('TICKETS_TABLE'), stats: resource('STATS_TABLE') },
    tree,
    today: fairDay(at, zoneOf(fair)),
  };
}
