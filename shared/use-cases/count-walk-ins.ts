import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Gate } from '../domain/fair';
import { fairDay } from '../domain/fair-time';
import { levelFor } from '../domain/levels';
import { fairRecordsExpireAt } from '../domain/retention';
import { liveOn } from '../domain/zone-session';
import { addDeltas, passDeltas, type ZoneTree } from '../domain/zone-tree';
import {
  appendLog,
  type CountAnswer,
  type CountRecord,
  getLogRecord,
  logKey,
  type RecordOutcome,
} from '../store/scans-store';
import { getZone, liveOf } from '../store/zones-store';
import { judgedAt } from './judged-at';

/**
 * People without tickets counted through a gate: a steward's taps (+1 in, +1 out), or what a tally
 * clicker adds up. A count is never refused: the people are already through the door. It goes into the
 * scan log like a ticket scan, and the occupancy projector moves the zone counts, levels and alerts from
 * there; the answer tells the steward where the zone behind the gate now stands.
 */
export interface CountInput {
  countId: string;
  in: number;
  out: number;
  countedAt: string;
  deviceId: string;
}

export interface CountResult extends CountAnswer {
  countId: string;
  replayed?: boolean;
}

export interface CountDeps {
  client: DynamoDBDocumentClient;
  tables: { scans: string; zones: string };
  fair: { timezone: string; days: string[] };
  tree: ZoneTree;
  now: () => Date;
}

/** How long after a count its device may take it back (the page offers 10 s; this allows a slow network). */
export const UNDO_WINDOW_MS = 60_000;

/** Where the zone behind the gate stands once `deltas` are in it (a closed day's counts move nothing). */
async function zoneAfter(
  deps: CountDeps,
  gate: Gate,
  day: string,
  deltas: Record<string, number>,
): Promise<CountAnswer> {
  const zone = await getZone(deps.client, deps.tables.zones, gate.zoneId);
  if (!zone) throw new Error(`gate ${gate.gateId} leads into zone ${gate.zoneId}, which the fair does not have`);
  const live = liveOn(liveOf(zone), day);
  // The projected count trails the log by a moment: this count's own part is added, and a figure below
  // zero (a count taken back before its projection) is shown as nobody.
  const count = live.closed ? 0 : Math.max(0, live.count + (deltas[gate.zoneId] ?? 0));
  const level = levelFor(count, zone, live.level);
  return { zoneId: zone.zoneId, count, capacity: zone.capacity, level, full: count >= zone.capacity };
}

/** Where the zone behind a gate stands now: what a steward's page shows before the first tap. */
export async function zoneBehind(deps: CountDeps, gate: Gate): Promise<CountAnswer> {
  return zoneAfter(deps, gate, fairDay(deps.now(), deps.fair.timezone), {});
}

function resultOf(record: CountRecord, replayed: boolean): CountResult {
  return { countId: record.countId, ...record.answer, ...(replayed ? { replayed: true } : {}) };
}

function settle(outcome: RecordOutcome<CountRecord>, record: CountRecord): CountResult {
  return outcome.kind === 'replay' ? resultOf(outcome.existing, true) : resultOf(record, false);
}

export async function countWalkIns(
  deps: CountDeps,
  gate: Gate,
  input: CountInput,
  offline: boolean,
): Promise<CountResult> {
  const now = deps.now();
  const day = fairDay(judgedAt(input.countedAt, now, offline, deps.fair.timezone).at, deps.fair.timezone);
  const deltas = addDeltas(
    passDeltas(deps.tree, gate.fromZoneId, gate.zoneId, input.in),
    passDeltas(deps.tree, gate.fromZoneId, gate.zoneId, -input.out),
  );
  const record: CountRecord = {
    scanId: logKey.count(input.countId),
    kind: 'count',
    countId: input.countId,
    gateId: gate.gateId,
    zoneId: gate.zoneId,
    fromZoneId: gate.fromZoneId,
    deviceId: input.deviceId,
    countedAt: input.countedAt,
    receivedAt: now.toISOString(),
    day,
    in: input.in,
    out: input.out,
    deltas,
    offline,
    answer: await zoneAfter(deps, gate, day, deltas),
    expiresAt: fairRecordsExpireAt(deps.fair.days),
  };
  return settle(await appendLog(deps.client, deps.tables.scans, record), record);
}

export type UndoOutcome = { kind: 'undone'; result: CountResult } | { kind: 'unknown' } | { kind: 'too-late' };

/**
 * Takes a count back (a steward's mistaken tap), once, by the device that made it and soon after: the
 * log keeps both, and the retraction moves the counts and statistics back.
 */
export async function undoCount(deps: CountDeps, gate: Gate, countId: string, deviceId: string): Promise<UndoOutcome> {
  const original = await getLogRecord<CountRecord>(deps.client, deps.tables.scans, logKey.count(countId));
  if (!original || original.gateId !== gate.gateId || original.deviceId !== deviceId) return { kind: 'unknown' };
  const now = deps.now();
  const record: CountRecord = {
    ...original,
    scanId: logKey.uncount(countId),
    kind: 'uncount',
    receivedAt: now.toISOString(),
    deltas: Object.fromEntries(Object.entries(original.deltas).map(([zone, delta]) => [zone, -delta])),
    answer: original.answer,
  };
  const earlier = await getLogRecord<CountRecord>(deps.client, deps.tables.scans, record.scanId);
  if (earlier) return { kind: 'undone', result: resultOf(earlier, true) };
  if (now.getTime() - Date.parse(original.receivedAt) > UNDO_WINDOW_MS) return { kind: 'too-late' };
  record.answer = await zoneAfter(deps, gate, original.day, record.deltas);
  return { kind: 'undone', result: settle(await appendLog(deps.client, deps.tables.scans, record), record) };
}
