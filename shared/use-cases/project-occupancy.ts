import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScanStreamRecord, StreamedScan } from '../../events/scan-record';
import { applyChanges, withTrend, type ZoneChange } from '../domain/zone-session';
import { type ApplyOutcome, applyProjection, getMarker, type ZoneWrite } from '../store/projection-store';
import { getZone, liveOf } from '../store/zones-store';
import { applyInMarkedChunks, fittingLength } from './marked-batches';

export type { StreamedScan } from '../../events/scan-record';

export interface ProjectionDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string; stats: string };
  now: () => Date;
}

/**
 * Each record's zone deltas as changes of a fair day's ticketed or counted part, per zone in log order:
 * applied one after another in memory (walk-ins never below 0 is a rule of the order they came in),
 * then written once per zone for the whole batch.
 */
function zoneChanges(records: ScanStreamRecord[]): Map<string, ZoneChange[]> {
  const changes = new Map<string, ZoneChange[]>();
  for (const record of records) {
    const walkIns = record.kind === 'count' || record.kind === 'uncount';
    for (const [zoneId, delta] of Object.entries(record.deltas)) {
      if (delta === 0) continue;
      const change = { day: record.day, ticketed: walkIns ? 0 : delta, counted: walkIns ? delta : 0 };
      changes.set(zoneId, [...(changes.get(zoneId) ?? []), change]);
    }
  }
  return changes;
}

/**
 * A chunk's zone changes as read now, written with its marker. `stale` when a zone moved since it was
 * read (another shard's batch, reconciliation): read again and try again.
 */
async function applyChunk(
  deps: ProjectionDeps,
  chunk: StreamedScan[],
  marker: { markerId: string; lastSequence: string },
): Promise<ApplyOutcome> {
  const changes = zoneChanges(chunk.map((item) => item.scan));
  const at = deps.now().toISOString();
  const zones: ZoneWrite[] = [];
  for (const [zoneId, zoneChangesOf] of changes) {
    const zone = await getZone(deps.client, deps.tables.zones, zoneId);
    if (!zone) continue; // a zone removed from the fair: nothing to count
    const before = liveOf(zone);
    const live = applyChanges(before, zone, zoneChangesOf, at);
    // Late changes (their day already over for the zone) move nothing: no write.
    if (live !== before) zones.push({ zoneId, expectedVersion: zone.version ?? 0, live: withTrend(live, at) });
  }
  // Nothing moves (refusals, a day already closed): nothing could count twice, so no marker either.
  if (zones.length === 0) return 'applied';
  return applyProjection(deps.client, deps.tables, { ...marker, zones, at });
}

/**
 * Projects a batch of scan log records (scans, walk-in counts, workshop doors) onto zone counts and
 * levels, exactly once in effect (the gate hours are counted by their own consumer: count-gate-hours).
 */
export function projectScans(
  deps: ProjectionDeps,
  scans: StreamedScan[],
): Promise<{ applied: number; skipped: number }> {
  return applyInMarkedChunks(scans, {
    appliedUpTo: (firstEventId) => getMarker(deps.client, deps.tables.stats, firstEventId, 'projection'),
    // One zone item each (the marker is the hundredth).
    chunkLength: (pending) => fittingLength(pending, 99, ({ scan }) => Object.keys(scan.deltas)),
    apply: (chunk, marker) => applyChunk(deps, chunk, marker),
  });
}
