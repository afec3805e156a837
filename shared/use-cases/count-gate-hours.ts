import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScanStreamRecord, StreamedScan } from '../../events/scan-record';
import { type FairZone, wallClock } from '../domain/fair-time';
import { isPassing } from '../domain/gate-verdicts';
import { applyGateHours, type GateStatDelta, getMarker } from '../store/projection-store';
import { applyInMarkedChunks, fittingLength } from './marked-batches';

export interface GateHoursDeps {
  client: DynamoDBDocumentClient;
  tables: { stats: string };
  /** The fair's time zone: an hour is the fair's wall-clock hour. */
  zone: FairZone;
  now: () => Date;
}

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
 * Counts a batch of scan log records (scans, walk-in counts, workshop doors) into each gate's hour,
 * exactly once in effect: ADDs coalesced per gate hour, a marker per chunk in the same transaction.
 */
export function countGateHours(
  deps: GateHoursDeps,
  scans: StreamedScan[],
): Promise<{ applied: number; skipped: number }> {
  const statsTable = deps.tables.stats;
  return applyInMarkedChunks(scans, {
    appliedUpTo: (firstEventId) => getMarker(deps.client, statsTable, firstEventId, 'gate-hours'),
    // One gate hour item each (the marker is the hundredth).
    chunkLength: (pending) =>
      fittingLength(pending, 99, ({ scan }) => [`${scan.day}#${scan.gateId}#${hourOf(scan, deps.zone)}`]),
    apply: (chunk, marker) =>
      applyGateHours(deps.client, statsTable, {
        ...marker,
        gates: gateStats(
          chunk.map((item) => item.scan),
          deps.zone,
        ),
        at: deps.now().toISOString(),
      }),
  });
}
