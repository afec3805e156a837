import type { Place } from '../domain/alert-text';
import { type Gate, walkInsPerMinute } from '../domain/fair';
import { fairDay, zoneOf } from '../domain/fair-time';
import { levelFor } from '../domain/levels';
import { fairRecordsExpireAt } from '../domain/retention';
import { liveOn } from '../domain/zone-session';
import { addDeltas, passDeltas, type ZoneTree } from '../domain/zone-tree';
import type { AlertRecord } from '../store/alerts-store';
import { type CountAnswer, type CountRecord, logKey, type RecordOutcome } from '../store/scans-store';
import type { WalkInLog } from '../store/walk-in-log';
import { minuteOf } from '../store/walk-in-rate-store';
import { liveOf, type ZoneReader } from '../store/zones-store';
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
  replayed?: true;
  /** More than the gate can pass in a minute: recorded, left out of the counts, raised to organisers. */
  flagged?: true;
}

export interface WalkInDeps {
  /** The stores it reads and writes, bound to their tables (in-memory fakes in the unit tests). */
  stores: { walkIns: WalkInLog; zones: ZoneReader };
  fair: { timezone: string; utcOffsets?: Record<string, string> | undefined; days: string[] };
  tree: ZoneTree;
  now: () => Date;
  /** Raises an alert (once by its id) and delivers it. */
  notify: (alert: AlertRecord, place: Place) => Promise<void>;
}

/** Who sent a count: named in an implausible count's alert. */
export interface Counter {
  credentialLabel: string;
}

/** How long after a count its device may take it back (the page offers 10 s; this allows a slow network). */
export const UNDO_WINDOW_MS = 60_000;

/** Where the zone behind the gate stands once `deltas` are in it (a closed day's counts move nothing). */
async function zoneAfter(
  deps: WalkInDeps,
  gate: Gate,
  day: string,
  deltas: Record<string, number>,
): Promise<CountAnswer> {
  const zone = await deps.stores.zones.get(gate.zoneId);
  if (!zone) throw new Error(`gate ${gate.gateId} leads into zone ${gate.zoneId}, which the fair does not have`);
  const live = liveOn(liveOf(zone), day);
  // The projected count trails the log by a moment: this count's own part is added, and a figure below
  // zero (a count taken back before its projection) is shown as nobody.
  const count = live.closed ? 0 : Math.max(0, live.count + (deltas[gate.zoneId] ?? 0));
  const level = levelFor(count, zone, live.level);
  return { zoneId: zone.zoneId, count, capacity: zone.capacity, level, full: count >= zone.capacity };
}

/** Where the zone behind a gate stands now: what a steward's page shows before the first tap. */
export async function zoneBehind(deps: WalkInDeps, gate: Gate): Promise<CountAnswer> {
  return zoneAfter(deps, gate, fairDay(deps.now(), zoneOf(deps.fair)), {});
}

function resultOf(record: CountRecord, replayed: boolean): CountResult {
  return {
    countId: record.countId,
    ...record.answer,
    ...(record.flagged ? { flagged: true } : {}),
    ...(replayed ? { replayed: true } : {}),
  };
}

function settle(outcome: RecordOutcome<CountRecord>, record: CountRecord): CountResult {
  return outcome.kind === 'replay' ? resultOf(outcome.existing, true) : resultOf(record, false);
}

/**
 * Counts walk-ins through a gate. A count the door could not have passed (more than the gate's
 * `walkInsPerMinute`, else its width's, in either direction within the minute it was counted in) is kept in the log,
 * flagged and without deltas, so a misused credential or a stuck clicker cannot fill or empty a zone;
 * organisers get one alert a gate and minute naming the device and the credential.
 */
export async function countWalkIns(
  deps: WalkInDeps,
  gate: Gate,
  input: CountInput,
  offline: boolean,
  counter: Counter,
): Promise<CountResult> {
  const now = deps.now();
  const at = judgedAt(input.countedAt, now, offline, zoneOf(deps.fair)).at;
  const day = fairDay(at, zoneOf(deps.fair));
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
  const limit = walkInsPerMinute(gate);
  const minute = minuteOf(at);
  if (input.in <= limit && input.out <= limit) {
    const outcome = await deps.stores.walkIns.appendCount(record, { gateId: gate.gateId, minute, limit });
    if (outcome.kind !== 'implausible') return settle(outcome, record);
  }
  const flagged: CountRecord = { ...record, deltas: {}, flagged: true, answer: await zoneAfter(deps, gate, day, {}) };
  const outcome = await deps.stores.walkIns.append(flagged);
  if (outcome.kind === 'recorded') {
    await deps.stores.walkIns.noteFlagged(gate.gateId, minute, input.in + input.out);
    await deps.notify(implausibleAlert(flagged, minute, limit, counter, now), {
      zoneId: gate.gateId,
      name: gate.name,
      names: gate.names,
    });
  }
  return settle(outcome, flagged);
}

/** One alert a gate and minute: a run of implausible counts is one thing for organisers to look at. */
function implausibleAlert(
  record: CountRecord,
  minute: string,
  limit: number,
  counter: Counter,
  now: Date,
): AlertRecord {
  const alertId = `implausible-${record.gateId}-${minute.replace(/\D/g, '').slice(0, 12)}.0`;
  const raisedAt = now.toISOString();
  return {
    alertId,
    kind: 'implausible-count',
    zoneId: record.zoneId,
    gateId: record.gateId,
    deviceId: record.deviceId,
    credentialLabel: counter.credentialLabel,
    people: record.in + record.out,
    perMinute: limit,
    level: record.answer.level,
    previousLevel: record.answer.level,
    count: record.answer.count,
    capacity: record.answer.capacity,
    raisedAt,
    escalation: 0,
    feed: 'ALERTS',
    feedKey: `${raisedAt}#${alertId}`,
  };
}

export type UndoOutcome = { kind: 'undone'; result: CountResult } | { kind: 'unknown' } | { kind: 'too-late' };

/**
 * Takes a count back (a steward's mistaken tap), once, by the device that made it and soon after: the
 * log keeps both, and the retraction moves the counts and statistics back.
 */
export async function undoCount(deps: WalkInDeps, gate: Gate, countId: string, deviceId: string): Promise<UndoOutcome> {
  const original = await deps.stores.walkIns.get(logKey.count(countId));
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
  const earlier = await deps.stores.walkIns.get(record.scanId);
  if (earlier) return { kind: 'undone', result: resultOf(earlier, true) };
  if (now.getTime() - Date.parse(original.receivedAt) > UNDO_WINDOW_MS) return { kind: 'too-late' };
  record.answer = await zoneAfter(deps, gate, original.day, record.deltas);
  return { kind: 'undone', result: settle(await deps.stores.walkIns.append(record), record) };
}
