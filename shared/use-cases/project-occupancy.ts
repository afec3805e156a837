import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScanStreamRecord, StreamedScan } from '../../events/scan-record';
import { applyChanges, withTrend, type ZoneChange } from '../domain/zone-session';
import { sortableSequence } from '../store/shard-counters';
import { getZone, liveOf, putZoneLive, type ShardWatermarks, type ZoneRecord } from '../store/zones-store';

export type { StreamedScan } from '../../events/scan-record';

export interface ProjectionDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string };
  now: () => Date;
}

/** How many times a zone is read and written again when another writer moved it in between. */
const MAX_ATTEMPTS = 10;

/**
 * How long a shard's watermark is kept on a zone. The projector's mapping sends a record older than
 * 6 hours to the dead-letter queue rather than to the function (`maxRecordAge`), so no delivery comes
 * from a shard not heard from for longer; DynamoDB closes a shard and opens its child every few hours,
 * and a zone would otherwise keep every shard it ever saw (its item, and each write of it, growing).
 */
const WATERMARK_KEPT_MS = 7 * 3_600_000;

/** A record's zone deltas as changes of a fair day's ticketed or counted part. */
function changeOf(record: ScanStreamRecord, delta: number): ZoneChange {
  const walkIns = record.kind === 'count' || record.kind === 'uncount';
  return { day: record.day, ticketed: walkIns ? 0 : delta, counted: walkIns ? delta : 0 };
}

/** The zones a batch moves, in the order they first appear. */
function zonesMoved(scans: StreamedScan[]): string[] {
  const zones = new Set<string>();
  for (const { scan } of scans)
    for (const [zoneId, delta] of Object.entries(scan.deltas)) if (delta !== 0) zones.add(zoneId);
  return [...zones];
}

/** The zone's watermarks with this shard's moved to `sequence`, and those of shards long quiet dropped. */
function watermarksAfter(zone: ZoneRecord, shardId: string, sequence: string, at: string): ShardWatermarks {
  // Kept as the stream gives it (unpadded: the item stays small), compared padded.
  const kept = Object.entries(zone.projectedUpTo ?? {}).filter(
    ([shard, mark]) => shard !== shardId && Date.parse(at) - Date.parse(mark.at) < WATERMARK_KEPT_MS,
  );
  return { ...Object.fromEntries(kept), [shardId]: { sequence, at } };
}

/**
 * One zone's part of a shard's batch, applied once: the zone keeps, per stream shard, the last
 * sequence number it counted, so the records at or below it (a redelivery, or the part of a batch a
 * failed invocation had written) are left out, and the rest is written with the new watermark in one
 * conditional update. Another writer in between (another shard's projector, the closing) makes it read
 * and judge again. Returns how many of the batch's records moved the zone, and how many were already in.
 */
async function projectOnto(
  deps: ProjectionDeps,
  zoneId: string,
  scans: StreamedScan[],
  shardId: string,
): Promise<{ applied: number; skipped: number }> {
  const last = (scans.at(-1) as StreamedScan).sequence;
  const moving = scans.filter(({ scan }) => (scan.deltas[zoneId] ?? 0) !== 0);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const zone = await getZone(deps.client, deps.tables.zones, zoneId);
    if (!zone) return { applied: 0, skipped: 0 }; // a zone removed from the fair: nothing to count
    const mark = zone.projectedUpTo?.[shardId]?.sequence;
    const pending =
      mark === undefined
        ? moving
        : moving.filter(({ sequence }) => sortableSequence(sequence) > sortableSequence(mark));
    const skipped = moving.length - pending.length;
    if (pending.length === 0) return { applied: 0, skipped };
    const at = deps.now().toISOString();
    const before = liveOf(zone);
    // In log order: walk-ins never below 0 is a rule of the order they came in.
    const live = applyChanges(
      before,
      zone,
      pending.map(({ scan }) => changeOf(scan, scan.deltas[zoneId] ?? 0)),
      at,
    );
    // Late changes (their day already over for the zone) move nothing: no write, nothing to count twice.
    if (live === before) return { applied: 0, skipped };
    const watermarks = watermarksAfter(zone, shardId, last, at);
    if (await putZoneLive(deps.client, deps.tables.zones, zone, withTrend(live, at), at, watermarks))
      return { applied: pending.length, skipped };
  }
  throw new Error(`zone ${zoneId} kept changing for ${MAX_ATTEMPTS} attempts; the batch will be retried`);
}

/**
 * Projects a batch of one stream shard's scan log records (scans, walk-in counts, workshop doors) onto
 * zone counts and levels, exactly once in effect, one conditional update a zone and no transaction
 * (the gate hours are counted by their own consumer: count-gate-hours). A batch comes from one shard in
 * order and is retried from its first record, so each zone's watermark for the shard says what of it
 * is already counted; shards racing on a zone only make one of them read it again.
 */
export async function projectScans(
  deps: ProjectionDeps,
  scans: StreamedScan[],
  shardId: string,
): Promise<{ applied: number; skipped: number }> {
  let applied = 0;
  let skipped = 0;
  for (const zoneId of zonesMoved(scans)) {
    const outcome = await projectOnto(deps, zoneId, scans, shardId);
    applied += outcome.applied;
    skipped += outcome.skipped;
  }
  return { applied, skipped };
}
