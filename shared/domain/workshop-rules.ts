/**
 * Workshop doors, pure: when they are open, what a workshop's status is, and when registration
 * stops being required (a registered seat not claimed soon after the start goes to walk-ins).
 */
export const DOORS_OPEN_MINUTES_BEFORE = 30;
export const DEFAULT_RELEASE_MINUTES = 10;

export const ADMISSION_VERDICTS = [
  'ADMITTED',
  'FULL',
  'ALREADY_ADMITTED',
  'NOT_REGISTERED',
  'NOT_OPEN',
  'INVALID_TOKEN',
  'REVOKED',
  'EVACUATION',
] as const;
export type AdmissionVerdict = (typeof ADMISSION_VERDICTS)[number];
export type ExitVerdict = 'EXITED' | 'NOT_ADMITTED' | 'INVALID_TOKEN' | 'REVOKED';
export type RegistrationVerdict = 'REGISTERED' | 'WAITLISTED' | 'ALREADY_REGISTERED' | 'INVALID_TOKEN' | 'REVOKED';
export type WorkshopStatus = 'scheduled' | 'open' | 'full' | 'closed' | 'cancelled';

export interface DoorRule {
  startsAt: string;
  endsAt: string;
  doorsOpenAt?: string;
  doorsCloseAt?: string;
  capacity: number;
  admitted: number;
  registrationRequired: boolean;
  releaseUnclaimedAfterMinutes?: number;
  /** Called off by an organiser: its doors admit nobody (exits still pass), registration stops. */
  cancelledAt?: string;
}

export function doorsOpenAt(rule: DoorRule): number {
  return rule.doorsOpenAt
    ? Date.parse(rule.doorsOpenAt)
    : Date.parse(rule.startsAt) - DOORS_OPEN_MINUTES_BEFORE * 60_000;
}

export function doorsCloseAt(rule: DoorRule): number {
  return Date.parse(rule.doorsCloseAt ?? rule.endsAt);
}

/** After a workshop's end, the minutes its room is given to empty before whoever is left is let out. */
export const ROOM_EMPTIES_MINUTES_AFTER_END = 15;

/** Whether a workshop's room is due to be emptied: its end and the grace are past, or it was called off. */
export function roomDueEmpty(rule: DoorRule, now: Date): boolean {
  return now.getTime() >= Date.parse(rule.endsAt) + ROOM_EMPTIES_MINUTES_AFTER_END * 60_000;
}

export function doorsOpen(rule: DoorRule, now: Date): boolean {
  return !rule.cancelledAt && now.getTime() >= doorsOpenAt(rule) && now.getTime() < doorsCloseAt(rule);
}

/** Registration is checked at the door until a few minutes after the start; then walk-ins take what is left. */
export function registrationChecked(rule: DoorRule, now: Date): boolean {
  const release = (rule.releaseUnclaimedAfterMinutes ?? DEFAULT_RELEASE_MINUTES) * 60_000;
  return rule.registrationRequired && now.getTime() < Date.parse(rule.startsAt) + release;
}

export function statusOf(rule: DoorRule, now: Date): WorkshopStatus {
  if (rule.cancelledAt) return 'cancelled';
  if (now.getTime() >= doorsCloseAt(rule)) return 'closed';
  if (now.getTime() < doorsOpenAt(rule)) return 'scheduled';
  return rule.admitted >= rule.capacity ? 'full' : 'open';
}
