import type { Gate } from './fair';
import type { ExitReason, GateVerdict } from './gate-verdicts';
import { OUTSIDE } from './outside';
import type { VerifyResult } from './token-verifier';
import { passDeltas, type ZoneTree } from './zone-tree';

/**
 * The gate's rules, pure: given what the token says and where the ticket is, what is the verdict and
 * how does presence change. The adapter applies the change with a conditional transaction, so two
 * gates judging the same ticket at once cannot both admit it.
 */
export type Direction = 'in' | 'out';

export interface Presence {
  inside: boolean;
  /** The innermost zone the ticket is known to be in. */
  zoneId?: string;
  /**
   * The zones whose counts include this ticket: its zone and the enclosing zones it was counted into.
   * An enclosing zone whose door nobody scanned is not among them, so leaving never lowers a count
   * that entering did not raise. Missing on presences written before zones nested: the zone's path.
   */
  counted?: string[];
  /** The fair day the presence belongs to. A day's presence ends with it: the next day starts outside. */
  day?: string;
  entries: number;
  /** The device that last moved the ticket: a second offline device admitting it is a conflict. */
  lastDeviceId?: string;
  /** The gate it last passed: a roll call says where each badge holder was last seen. */
  lastGateId?: string;
}

export interface TicketState {
  revoked: boolean;
  validDays: string[];
  presence: Presence;
}

export interface ScanContext {
  gate: Gate;
  direction: Direction;
  /** The fair day the scan happened on, in the fair's zone. */
  day: string;
  tree: ZoneTree;
  /** Whether the fair lets people in at the scan's time: within the day's hours, the day not closed. */
  open: boolean;
  /** Whether a zone the entry would raise is at capacity now. */
  isFull: (zoneId: string) => boolean;
  deviceId: string;
  /** Sent by a device that was offline (POST /v1/scans/batch). */
  offline: boolean;
  /** What the offline device told its holder, when it says. */
  offlineVerdict?: GateVerdict;
}

export interface Judgement {
  verdict: GateVerdict;
  /** On an exit that passes a ticket that would not be let in again: why not. */
  reason?: ExitReason;
  /** The presence after the scan, when it changes. */
  next?: Presence;
  /** Changes of zone counts this scan causes: what the occupancy projector adds up. */
  deltas: Record<string, number>;
  /** Two offline devices let the same ticket through: kept, marked, shown to organisers. */
  conflict: boolean;
}

/** Verdicts decided by the token alone, before the ticket is looked up. */
export function judgeToken(result: VerifyResult, fairId: string): GateVerdict | undefined {
  if (!result.ok) return 'INVALID_TOKEN';
  if (result.claims.fairId !== fairId) return 'WRONG_FAIR';
  return undefined;
}

/** The presence as it stands on `day`: one left over from an earlier day is over. */
export function presenceOn(presence: Presence, day: string, tree: ZoneTree): Presence & { counted: string[] } {
  if (!presence.inside || (presence.day !== undefined && presence.day !== day)) {
    return { inside: false, entries: presence.entries, counted: [], ...lastDevice(presence) };
  }
  return { ...presence, counted: presence.counted ?? tree.path(presence.zoneId) };
}

function lastDevice(presence: Presence): { lastDeviceId?: string } {
  return presence.lastDeviceId ? { lastDeviceId: presence.lastDeviceId } : {};
}

/** Whether an entry through the gate is a pass-back: into the zone it is in, or into the venue from outside. */
function alreadyInside(presence: Presence, gate: Gate, tree: ZoneTree): boolean {
  if (!presence.inside) return false;
  if (presence.zoneId === gate.zoneId) return true;
  return gate.fromZoneId === OUTSIDE && tree.within(presence.zoneId, gate.zoneId);
}

/**
 * Where a ticket is counted after passing a door into `into` from `from`: still in the zones it was
 * counted in that enclose `into`, and in every zone the door leads into.
 */
function countedAfter(counted: string[], tree: ZoneTree, from: string, into: string): string[] {
  if (into === OUTSIDE) return [];
  const intoPath = tree.path(into);
  const entered = Object.keys(passDeltas(tree, from, into, 1)).filter((zone) => intoPath.includes(zone));
  return intoPath.filter((zone) => counted.includes(zone) || entered.includes(zone));
}

function diff(before: string[], after: string[]): Record<string, number> {
  const deltas: Record<string, number> = {};
  for (const zone of after) if (!before.includes(zone)) deltas[zone] = 1;
  for (const zone of before) if (!after.includes(zone)) deltas[zone] = -1;
  return deltas;
}

/** The zones an entry through the gate would raise: those whose capacity decides ZONE_FULL. */
export function zonesEntered(state: TicketState, gate: Gate, day: string, tree: ZoneTree): string[] {
  const presence = presenceOn(state.presence, day, tree);
  if (alreadyInside(presence, gate, tree)) return [];
  const after = countedAfter(presence.counted, tree, gate.fromZoneId, gate.zoneId);
  return after.filter((zone) => !presence.counted.includes(zone));
}

function move(state: TicketState, context: ScanContext): Judgement {
  const { gate, direction, deviceId, tree, day } = context;
  const presence = presenceOn(state.presence, day, tree);
  const none = { deltas: {}, conflict: false };
  if (direction === 'in') {
    if (alreadyInside(presence, gate, tree)) return { verdict: 'ALREADY_INSIDE', ...none };
    const counted = countedAfter(presence.counted, tree, gate.fromZoneId, gate.zoneId);
    if (counted.some((zone) => !presence.counted.includes(zone) && context.isFull(zone)))
      return { verdict: 'ZONE_FULL', ...none };
    return {
      verdict: 'ADMITTED',
      next: {
        inside: true,
        zoneId: gate.zoneId,
        counted,
        day,
        entries: presence.entries + 1,
        lastDeviceId: deviceId,
        lastGateId: gate.gateId,
      },
      deltas: diff(presence.counted, counted),
      conflict: false,
    };
  }
  if (!presence.inside) return { verdict: 'NOT_INSIDE', ...none };
  // An exit at an entrance from outside leaves the venue, from whichever zone; at a door between
  // zones it goes back through.
  const counted = countedAfter(presence.counted, tree, gate.zoneId, gate.fromZoneId);
  const last = { lastDeviceId: deviceId, lastGateId: gate.gateId };
  const next: Presence =
    gate.fromZoneId === OUTSIDE
      ? { inside: false, counted: [], day, entries: presence.entries, ...last }
      : { inside: true, zoneId: gate.fromZoneId, counted, day, entries: presence.entries, ...last };
  return { verdict: 'EXITED', next, deltas: diff(presence.counted, next.counted ?? []), conflict: false };
}

/** Why a ticket may not come in today, whatever the door: revoked, or not valid on this day. */
function barred(state: TicketState, day: string): ExitReason | undefined {
  if (state.revoked) return 'REVOKED';
  if (!state.validDays.includes(day)) return 'NOT_VALID_TODAY';
  return undefined;
}

export function judgeScan(state: TicketState, context: ScanContext): Judgement {
  const bar = barred(state, context.day);
  let judgement: Judgement;
  if (context.direction === 'out') {
    // Exits always pass a ticket that is inside: the holder is leaving, whatever became of the ticket.
    judgement = move(state, context);
    if (judgement.verdict === 'NOT_INSIDE' && bar) judgement = { verdict: bar, deltas: {}, conflict: false };
    else if (bar) judgement = { ...judgement, reason: bar };
  } else if (state.revoked) judgement = { verdict: 'REVOKED', deltas: {}, conflict: false };
  else if (!context.open) judgement = { verdict: 'FAIR_CLOSED', deltas: {}, conflict: false };
  else if (bar) judgement = { verdict: bar, deltas: {}, conflict: false };
  else judgement = move(state, context);
  return { ...judgement, conflict: isConflict(state, context, judgement.verdict) };
}

function isConflict(state: TicketState, context: ScanContext, verdict: GateVerdict): boolean {
  if (!context.offline) return false;
  const passed = verdict === 'ADMITTED' || verdict === 'EXITED';
  if (context.offlineVerdict)
    return (context.offlineVerdict === 'ADMITTED' || context.offlineVerdict === 'EXITED') && !passed;
  // Without the device's own verdict: a pass-back refused here after another device moved the ticket
  // is what two offline devices admitting the same ticket looks like.
  return (
    (verdict === 'ALREADY_INSIDE' || verdict === 'NOT_INSIDE') &&
    state.presence.lastDeviceId !== undefined &&
    state.presence.lastDeviceId !== context.deviceId
  );
}
