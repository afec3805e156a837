import type { EntryAccess } from './access-rules';
import type { Gate } from './fair';
import { type ExitReason, type GateVerdict, isOverridable, type VerdictReason } from './gate-verdicts';
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
  /** The fair day it last came in from outside (a category let in once a day is refused again). */
  enteredOn?: string;
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
  /**
   * The rule of the ticket's category at the scan's time and gate: let in now (its hours, the day not
   * closed), by this gate, once a day or not.
   */
  access: EntryAccess;
  /** The zone the gate leads into (or one around it) is being evacuated: nobody comes in. */
  evacuating?: boolean;
  /** A supervisor admits despite an overridable refusal, with a reason recorded beside the scan. */
  override?: boolean;
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
  /** Admitted by a supervisor despite the refusal it would have been. */
  overridden?: GateVerdict;
}

/**
 * Verdicts decided by the token alone, before the ticket is looked up: not a valid token (one signed by
 * a retired key says so), or another fair's. Undefined: the ticket is to be looked up.
 */
export function judgeToken(
  result: VerifyResult,
  fairId: string,
): { verdict: GateVerdict; reason?: VerdictReason } | undefined {
  if (!result.ok)
    return result.reason === 'RETIRED_KEY'
      ? { verdict: 'INVALID_TOKEN', reason: 'KEY_RETIRED' }
      : { verdict: 'INVALID_TOKEN' };
  if (result.claims.fairId !== fairId) return { verdict: 'WRONG_FAIR' };
  return undefined;
}

/** The presence as it stands on `day`: one left over from an earlier day is over. */
export function presenceOn(presence: Presence, day: string, tree: ZoneTree): Presence & { counted: string[] } {
  if (!presence.inside || (presence.day !== undefined && presence.day !== day)) {
    return { inside: false, entries: presence.entries, counted: [], ...remembered(presence) };
  }
  return { ...presence, counted: presence.counted ?? tree.path(presence.zoneId) };
}

/** What a presence keeps once the ticket is outside: who moved it last, where, when it last came in. */
function remembered(presence: Presence): Pick<Presence, 'lastDeviceId' | 'lastGateId' | 'enteredOn'> {
  return {
    ...(presence.lastDeviceId ? { lastDeviceId: presence.lastDeviceId } : {}),
    ...(presence.lastGateId ? { lastGateId: presence.lastGateId } : {}),
    ...(presence.enteredOn ? { enteredOn: presence.enteredOn } : {}),
  };
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
    const enteredOn = gate.fromZoneId === OUTSIDE ? day : presence.enteredOn;
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
        ...(enteredOn ? { enteredOn } : {}),
      },
      deltas: diff(presence.counted, counted),
      conflict: false,
    };
  }
  if (!presence.inside) return { verdict: 'NOT_INSIDE', ...none };
  // An exit at an entrance from outside leaves the venue, from whichever zone; at a door between
  // zones it goes back through.
  const counted = countedAfter(presence.counted, tree, gate.zoneId, gate.fromZoneId);
  const last = {
    lastDeviceId: deviceId,
    lastGateId: gate.gateId,
    ...(presence.enteredOn ? { enteredOn: presence.enteredOn } : {}),
  };
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

/** The entry's verdict by the rules alone, before a supervisor's override. */
function judgeEntry(state: TicketState, context: ScanContext): Judgement {
  const refuse = (verdict: GateVerdict): Judgement => ({ verdict, deltas: {}, conflict: false });
  const bar = barred(state, context.day);
  if (state.revoked) return refuse('REVOKED');
  if (context.evacuating) return refuse('EVACUATION');
  if (!context.access.open) return refuse('FAIR_CLOSED');
  if (bar) return refuse(bar);
  if (!context.access.gateAllowed) return refuse('WRONG_GATE');
  const presence = presenceOn(state.presence, context.day, context.tree);
  if (
    context.access.oncePerDay &&
    context.gate.fromZoneId === OUTSIDE &&
    !presence.inside &&
    presence.enteredOn === context.day
  )
    return refuse('ONCE_PER_DAY');
  return move(state, context);
}

/**
 * A supervisor's override of a refusal it may override: the entry made as if the rule that refused did
 * not apply (the hours, the gate, once a day, a full zone). A ticket already inside is let in again as
 * it is: nothing to count twice.
 */
function overridden(state: TicketState, context: ScanContext, refused: GateVerdict): Judgement {
  const entry = move(state, { ...context, isFull: () => false });
  if (entry.verdict === 'ADMITTED') return { ...entry, overridden: refused };
  const presence = presenceOn(state.presence, context.day, context.tree);
  return {
    verdict: 'ADMITTED',
    next: { ...presence, lastDeviceId: context.deviceId, lastGateId: context.gate.gateId },
    deltas: {},
    conflict: false,
    overridden: refused,
  };
}

export function judgeScan(state: TicketState, context: ScanContext): Judgement {
  const bar = barred(state, context.day);
  let judgement: Judgement;
  if (context.direction === 'out') {
    // Exits always pass a ticket that is inside: the holder is leaving, whatever became of the ticket
    // (an evacuation most of all).
    judgement = move(state, context);
    if (judgement.verdict === 'NOT_INSIDE' && bar) judgement = { verdict: bar, deltas: {}, conflict: false };
    else if (bar) judgement = { ...judgement, reason: bar };
  } else {
    judgement = judgeEntry(state, context);
    if (context.override && isOverridable(judgement.verdict)) judgement = overridden(state, context, judgement.verdict);
  }
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
