import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScanStreamRecord } from '../../events/scan-record';
import { type FairZone, wallClock } from '../domain/fair-time';
import { isPassing } from '../domain/gate-verdicts';
import { applyChanges, withTrend, type ZoneChange } from '../domain/zone-session';
import {
  applyProjection,
  type GateStatDelta,
  getMarker,
  sortableSequence,
  type ZoneWrite,
} from '../store/projection-store';
import { getZone, liveOf } from '../store/zones-store';

export interface StreamedScan {
  eventId: string;
  sequence: string;
  scan: ScanStreamRecord;
}

export interface ProjectionDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string; stats: string };
  zone: FairZone;
  now: () => Date;
}

/** DynamoDB takes at most 100 items in a transaction; one is the marker. */
const MAX_WRITES = 99;
const MAX_ATTEMPTS = 10;

/** The hour a record counts in: when it happened, unless that was another day (a device clock far off). */
function hourOf(record: ScanStreamRecord, zone: FairZone): string {
  const at = 'countedAt' in record ? record.countedAt : record.scannedAt;
  const happened = wallClock(new Date(at), zone);
  const hour = happened.day === record.day ? happened.hour : wallClock(new Date(record.receivedAt), zone).hour;
  return String(hour).padStart(2, '0');
}

function gateStats(records: ScanStreamRecord[], zone: FairZone): GateStatDelta[] {
  const stats = new Map<string, GateStatDelta>();
  for (const record of records) {
    const hour = hourOf(record, zone);
    const { gateId } = record;
    const key = `${record.day}#${gateId}#${hour}`;
    const stat = stats.get(key) ?? {
      day: record.day,
      gateId,
      hour,
      entries: 0,
      exits: 0,
      refused: 0,
      refusedBy: {},
      countedEntries: 0,
      countedExits: 0,
      flaggedEntries: 0,
      flaggedExits: 0,
    };
    switch (record.kind) {
      case 'count':
      case 'uncount': {
        const sign = record.kind === 'count' ? 1 : -1;
        if (record.flagged) {
          stat.flaggedEntries += sign * record.in;
          stat.flaggedExits += sign * record.out;
        } else {
          stat.countedEntries += sign * record.in;
          stat.countedExits += sign * record.out;
        }
        break;
      }
      case 'door':
        if (record.direction === 'in') stat.entries += 1;
        else stat.exits += 1;
        break;
      default:
        if (record.verdict === 'ADMITTED') stat.entries += 1;
        else if (record.verdict === 'EXITED') stat.exits += 1;
        else if (!isPassing(record.verdict)) {
          stat.refused += 1;
          stat.refusedBy[record.verdict] = (stat.refusedBy[record.verdict] ?? 0) + 1;
        }
    }
    stats.set(key, stat);
  }
  return [...stats.values()];
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

/** How many of the scans, from the first, fit one transaction. */
function chunkLength(scans: StreamedScan[], zone: FairZone): number {
  const keys = new Set<string>();
  for (let index = 0; index < scans.length; index += 1) {
    const { scan } = scans[index] as StreamedScan;
    const added = [
      `gate#${scan.day}#${scan.gateId}#${hourOf(scan, zone)}`,
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
  const records = chunk.map((item) => item.scan);
  const changes = zoneChanges(records);
  const gates = gateStats(records, deps.zone);
  const at = deps.now().toISOString();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const zones: ZoneWrite[] = [];
    for (const [zoneId, zoneChangesOf] of changes) {
      const zone = await getZone(deps.client, deps.tables.zones, zoneId);
      if (!zone) continue; // a zone removed from the fair: nothing to count
      const before = liveOf(zone);
      const live = applyChanges(before, zone, zoneChangesOf, at);
      // Late changes (their day already over for the zone) move nothing: no write.
      if (live !== before) zones.push({ zoneId, expectedVersion: zone.version ?? 0, live: withTrend(live, at) });
    }
    const outcome = await applyProjection(deps.client, deps.tables, {
      markerId: first.eventId,
      lastSequence: sortableSequence(last.sequence),
      zones,
      gates,
      at,
    });
    if (outcome !== 'stale') return outcome;
  }
  throw new Error(`zones kept changing under the projector for ${MAX_ATTEMPTS} attempts; the batch will be retried`);
}

/**
 * Projects a batch of scan log records (scans, walk-in counts, workshop doors) onto zone counts and
 * gate statistics, exactly once in effect.
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
    const chunk = pending.slice(0, chunkLength(pending, deps.zone));
    const outcome = await applyChunk(deps, chunk);
    if (outcome === 'already-applied') continue; // another delivery won the race: the marker now says how far
    applied += chunk.length;
    pending = pending.slice(chunk.length);
  }
  return { applied, skipped };
}
