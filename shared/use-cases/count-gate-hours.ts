import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScanStreamRecord, StreamedScan } from '../../events/scan-record';
import { type FairZone, wallClock } from '../domain/fair-time';
import { isPassing } from '../domain/gate-verdicts';
import { addGateHourOnce, type GateStatDelta } from '../store/projection-store';

export interface GateHoursDeps {
  client: DynamoDBDocumentClient;
  tables: { stats: string };
  /** The fair's time zone: an hour is the fair's wall-clock hour. */
  zone: FairZone;
}

/** The hour a record counts in: when it happened, unless that was another day (a device clock far off). */
function hourOf(record: ScanStreamRecord, zone: FairZone): string {
  const at = 'countedAt' in record ? record.countedAt : record.scannedAt;
  const happened = wallClock(new Date(at), zone);
  const hour = happened.day === record.day ? happened.hour : wallClock(new Date(record.receivedAt), zone).hour;
  return String(hour).padStart(2, '0');
}

/** Which gate hour: a day, a gate, an hour of the fair's wall clock. */
type GateHour = Pick<GateStatDelta, 'day' | 'gateId' | 'hour'>;

/** One gate hour's delta from its records (all of that day, gate and hour). */
function gateHourDelta(hour: GateHour, records: ScanStreamRecord[]): GateStatDelta {
  const stat: GateStatDelta = {
    ...hour,
    entries: 0,
    exits: 0,
    refused: 0,
    refusedBy: {},
    countedEntries: 0,
    countedExits: 0,
    flaggedEntries: 0,
    flaggedExits: 0,
  };
  for (const record of records)
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
  return stat;
}

/**
 * Counts one shard's batch of scan log records (scans, walk-in counts, workshop doors) into each gate's
 * hour, exactly once in effect: each hour's item keeps how far it counted the shard, so a redelivery
 * counts only what lies above it, with one conditional update an hour and no marker or transaction.
 */
export async function countGateHours(
  deps: GateHoursDeps,
  scans: StreamedScan[],
  shardId: string,
): Promise<{ applied: number; skipped: number }> {
  const byHour = new Map<string, { hour: GateHour; records: StreamedScan[] }>();
  for (const item of scans) {
    const hour: GateHour = { day: item.scan.day, gateId: item.scan.gateId, hour: hourOf(item.scan, deps.zone) };
    const key = `${hour.day}#${hour.gateId}#${hour.hour}`;
    const group = byHour.get(key) ?? { hour, records: [] };
    group.records.push(item);
    byHour.set(key, group);
  }
  // The hours are items of their own, each with its own marks: written side by side.
  const outcomes = await Promise.all(
    [...byHour.values()].map(({ hour, records }) =>
      addGateHourOnce(deps.client, deps.tables.stats, shardId, records, (pending) =>
        gateHourDelta(
          hour,
          pending.map((item) => item.scan),
        ),
      ),
    ),
  );
  const applied = outcomes.reduce((sum, outcome) => sum + outcome.applied, 0);
  const skipped = outcomes.reduce((sum, outcome) => sum + outcome.skipped, 0);
  return { applied, skipped };
}
