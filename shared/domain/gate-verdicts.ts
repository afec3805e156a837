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
] as const;
export type GateVerdict = (typeof GATE_VERDICTS)[number];

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
      return false;
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}
