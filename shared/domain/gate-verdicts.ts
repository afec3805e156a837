import { isOneOf } from './one-of';

/** Every answer a gate scan can get (the contract's list). A verdict is an answer, never an error. */
export const GATE_VERDICTS = [
  'ADMITTED',
  'EXITED',
  'ALREADY_INSIDE',
  'NOT_INSIDE',
  'REVOKED',
  'INVALID_TOKEN',
  'WRONG_FAIR',
  'NOT_VALID_TODAY',
  'ZONE_FULL',
  'FAIR_CLOSED',
  'WRONG_GATE',
  'ONCE_PER_DAY',
  'EVACUATION',
] as const;
export type GateVerdict = (typeof GATE_VERDICTS)[number];
export const isGateVerdict = (value: string): value is GateVerdict => isOneOf(GATE_VERDICTS, value);

/** Why a ticket let out would not be let in again: carried by an exit that passes anyway. */
export type ExitReason = 'REVOKED' | 'NOT_VALID_TODAY';

/**
 * What a verdict may carry to say why: an exit that passes a ticket that would not come back in, or an
 * INVALID_TOKEN signed by a key retired after a leak (the holder needs a reprint, not a scolding).
 */
export const VERDICT_REASONS = ['REVOKED', 'NOT_VALID_TODAY', 'KEY_RETIRED'] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

/** Verdicts that let the person through (green on the gate page). */
export function isPassing(verdict: GateVerdict): boolean {
  switch (verdict) {
    case 'ADMITTED':
    case 'EXITED':
      return true;
    case 'ALREADY_INSIDE':
    case 'NOT_INSIDE':
    case 'REVOKED':
    case 'INVALID_TOKEN':
    case 'WRONG_FAIR':
    case 'NOT_VALID_TODAY':
    case 'ZONE_FULL':
    case 'FAIR_CLOSED':
    case 'WRONG_GATE':
    case 'ONCE_PER_DAY':
    case 'EVACUATION':
      return false;
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}

/**
 * Refusals a supervisor may override, with a reason, when the person at the gate should come in all
 * the same (a wheelchair user's companion back in, a VIP early, a damaged badge read by name). Never a
 * forged, foreign or revoked ticket, never an evacuation, never a ticket not valid on the day.
 */
export const OVERRIDABLE_VERDICTS = [
  'ZONE_FULL',
  'ALREADY_INSIDE',
  'FAIR_CLOSED',
  'WRONG_GATE',
  'ONCE_PER_DAY',
] as const;
export type OverridableVerdict = (typeof OVERRIDABLE_VERDICTS)[number];

export function isOverridable(verdict: GateVerdict): verdict is OverridableVerdict {
  return (OVERRIDABLE_VERDICTS as readonly GateVerdict[]).includes(verdict);
}
