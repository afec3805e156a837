import type { Gate } from './fair';
import type { GateVerdict } from './gate-verdicts';
import { OUTSIDE } from './outside';
import type { VerifyResult } from './token-verifier';

/**
 * The gate's rules, pure: given what the token says and where the ticket is, what is the verdict and
 * how does presence change. The adapter applies the change with a conditional transaction, so two
 * gates judging the same ticket at once cannot both admit it.
 */
export type Direction = 'in' | 'out';

export interface Presence {
  inside: boolean;
  zoneId?: string;
  entries: number;
  /** The device that last moved the ticket: a second offline device admitting it is a conflict. */
  lastDeviceId?: string;
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
  /** Whether the zone behind the gate is at capacity now. */
  zoneFull: boolean;
  deviceId: string;
  /** Sent by a device that was offline (POST /v1/scans/batch). */
  offline: boolean;
  /** What the offline device told its holder, when it says. */
  offlineVerdict?: GateVerdict;
}

export interface Judgement {
  verdict: GateVerdict;
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

function addDelta(deltas: Record<string, number>, zoneId: string | undefined, delta: number): void {
  if (!zoneId || zoneId === OUTSIDE) return;
  deltas[zoneId] = (deltas[zoneId] ?? 0) + delta;
  if (deltas[zoneId] === 0) delete deltas[zoneId];
}

function move(state: TicketState, context: ScanContext): Judgement {
  const { presence } = state;
  const { gate, direction, deviceId } = context;
  const deltas: Record<string, number> = {};
  if (direction === 'in') {
    if (presence.inside && presence.zoneId === gate.zoneId)
      return { verdict: 'ALREADY_INSIDE', deltas, conflict: false };
    if (context.zoneFull) return { verdict: 'ZONE_FULL', deltas, conflict: false };
    if (presence.inside) addDelta(deltas, presence.zoneId, -1);
    addDelta(deltas, gate.zoneId, +1);
    return {
      verdict: 'ADMITTED',
      next: { inside: true, zoneId: gate.zoneId, entries: presence.entries + 1, lastDeviceId: deviceId },
      deltas,
      conflict: false,
    };
  }
  if (!presence.inside) return { verdict: 'NOT_INSIDE', deltas, conflict: false };
  addDelta(deltas, presence.zoneId, -1);
  // An exit at an entrance from outside leaves the venue; at a door between zones it goes back through.
  if (gate.fromZoneId === OUTSIDE) {
    return {
      verdict: 'EXITED',
      next: { inside: false, entries: presence.entries, lastDeviceId: deviceId },
      deltas,
      conflict: false,
    };
  }
  addDelta(deltas, gate.fromZoneId, +1);
  return {
    verdict: 'EXITED',
    next: { inside: true, zoneId: gate.fromZoneId, entries: presence.entries, lastDeviceId: deviceId },
    deltas,
    conflict: false,
  };
}

export function judgeScan(state: TicketState, context: ScanContext): Judgement {
  let judgement: Judgement;
  if (state.revoked) judgement = { verdict: 'REVOKED', deltas: {}, conflict: false };
  else if (!state.validDays.includes(context.day))
    judgement = { verdict: 'NOT_VALID_TODAY', deltas: {}, conflict: false };
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
