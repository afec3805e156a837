import { fairDay, zoneOf } from '../domain/fair-time';
import { dynamo } from '../store/clients';
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

/** What projecting a batch of scans needs: the zone counts and gate statistics it writes, the fair's clock. */
export async function projectionDeps(): Promise<ProjectionDeps> {
  const fair = await fairMeta();
  return {
    client: dynamo(),
    tables: { zones: resource('ZONES_TABLE'), stats: resource('STATS_TABLE') },
    zone: zoneOf(fair),
    now,
  };
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
