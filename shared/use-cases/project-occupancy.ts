import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScanStreamRecord } from '../../events/scan-record';
import { coalesce } from '../domain/coalesce';
import { wallClock } from '../domain/fair-time';
import { isPassing } from '../domain/gate-verdicts';
import { levelFor } from '../domain/levels';
import {
  applyProjection,
  type GateStatDelta,
  getMarker,
  sortableSequence,
  type ZoneWrite,
} from '../store/projection-store';
import { getZone } from '../store/zones-store';

export interface StreamedScan {
  eventId: string;
  sequence: string;
  scan: ScanStreamRecord;
}

export interface ProjectionDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string; stats: string };
  timezone: string;
  now: () => Date;
}

/** DynamoDB takes at most 100 items in a transaction; one is the marker. */
const MAX_WRITES = 99;
const MAX_ATTEMPTS = 10;

function gateStats(scans: ScanStreamRecord[], timezone: string): GateStatDelta[] {
  const stats = new Map<string, GateStatDelta>();
  for (const scan of scans) {
    const scanned = wallClock(new Date(scan.scannedAt), timezone);
    const hour = String(
      scanned.day === scan.day ? scanned.hour : wallClock(new Date(scan.receivedAt), timezone).hour,
    ).padStart(2, '0');
    const key = `${scan.day}#${scan.gateId}#${hour}`;
    const stat = stats.get(key) ?? { day: scan.day, gateId: scan.gateId, hour, entries: 0, exits: 0, refused: 0 };
    if (scan.verdict === 'ADMITTED') stat.entries += 1;
    else if (scan.verdict === 'EXITED') stat.exits += 1;
    else if (!isPassing(scan.verdict)) stat.refused += 1;
    stats.set(key, stat);
  }
  return [...stats.values()];
}

/** How many of the scans, from the first, fit one transaction. */
function chunkLength(scans: StreamedScan[], timezone: string): number {
  const keys = new Set<string>();
  for (let index = 0; index < scans.length; index += 1) {
    const { scan } = scans[index] as StreamedScan;
    const hour = wallClock(new Date(scan.scannedAt), timezone).hour;
    const added = [
      `gate#${scan.day}#${scan.gateId}#${hour}`,
      ...Object.keys(scan.deltas).map((zone) => `zone#${zone}`),
    ];
    const before = keys.size;
    for (const key of added) keys.add(key);
    if (keys.size > MAX_WRITES) return Math.max(1, index);
    if (keys.size === before && index > 5000) return index;
  }
  return scans.length;
}

async function applyChunk(deps: ProjectionDeps, chunk: StreamedScan[]): Promise<'applied' | 'already-applied'> {
  const first = chunk[0] as StreamedScan;
  const last = chunk.at(-1) as StreamedScan;
  const deltas = coalesce(chunk.flatMap(({ scan }) => Object.entries(scan.deltas)));
  const gates = gateStats(
    chunk.map((item) => item.scan),
    deps.timezone,
  );
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const zones: ZoneWrite[] = [];
    for (const [zoneId, delta] of deltas) {
      const zone = await getZone(deps.client, deps.tables.zones, zoneId);
      if (!zone) continue; // a zone removed from the fair: nothing to count
      const count = zone.count + delta;
      const level = levelFor(count, zone, zone.level);
      const levelVersion = (zone.levelVersion ?? 0) + (level === zone.level ? 0 : 1);
      zones.push({ zoneId, expectedVersion: zone.version ?? 0, count, level, levelVersion });
    }
    const outcome = await applyProjection(deps.client, deps.tables, {
      markerId: first.eventId,
      lastSequence: sortableSequence(last.sequence),
      zones,
      gates,
      at: deps.now().toISOString(),
    });
    if (outcome !== 'stale') return outcome;
  }
  throw new Error(`zones kept changing under the projector for ${MAX_ATTEMPTS} attempts; the batch will be retried`);
}

/**
 * Projects a batch of scan records onto zone counts and gate statistics, exactly once in effect.
 * A batch always comes from one shard in order, and is retried from its first record (the mapping
 * neither bisects nor reports partial failures), so markers keyed by first records find whatever part
 * of it was applied before.
 */
export async function projectScans(
  deps: ProjectionDeps,
  scans: StreamedScan[],
): Promise<{ applied: number; skipped: number }> {
  let pending = scans;
  let applied = 0;
  let skipped = 0;
  while (pending.length > 0) {
    const first = pending[0] as StreamedScan;
    const appliedUpTo = await getMarker(deps.client, deps.tables.stats, first.eventId);
    if (appliedUpTo) {
      const remaining = pending.filter((item) => sortableSequence(item.sequence) > appliedUpTo);
      skipped += pending.length - remaining.length;
      pending = remaining;
      continue;
    }
    const chunk = pending.slice(0, chunkLength(pending, deps.timezone));
    const outcome = await applyChunk(deps, chunk);
    if (outcome === 'already-applied') continue; // another delivery won the race: the marker now says how far
    applied += chunk.length;
    pending = pending.slice(chunk.length);
  }
  return { applied, skipped };
}
