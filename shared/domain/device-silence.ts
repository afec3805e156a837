import { type DayHours, isOpenAt } from './opening-hours';

/** How long a gate or door page may go unheard during opening hours, unless the fair's file says. */
export const DEFAULT_SILENT_MINUTES = 5;

/** The kinds of page a steward works at: a booth's tablet or an organiser's laptop going quiet is theirs. */
const WATCHED_PAGES: ReadonlySet<string> = new Set(['gate', 'door']);

/** What a device last said, as the devices table keeps it. */
export interface HeardDevice {
  page: string;
  lastSeenAt: string;
  oldestUnsentAt?: string;
}

export interface Silence {
  since: string;
  /** Not heard from, or heard from but unable to send its oldest scan. */
  what: 'silent' | 'unsent';
}

/**
 * A silent gate is not a quiet gate: a gate or door page that reported during opening hours and has
 * not been heard from for `limitMs` (a flat battery, a phone in a pocket, a dead network), or whose
 * oldest unsent scan is that old (it cannot reach the server), at `now` during opening hours. The alert
 * watch and the organiser's devices table judge with this one rule.
 */
export function silenceOf(
  device: HeardDevice,
  hours: readonly DayHours[],
  now: Date,
  limitMs: number,
): Silence | undefined {
  if (!WATCHED_PAGES.has(device.page) || !isOpenAt(hours, now)) return undefined;
  // Heard from during opening hours: a phone put away last night is not silent this morning.
  if (!isOpenAt(hours, new Date(device.lastSeenAt))) return undefined;
  if (now.getTime() - Date.parse(device.lastSeenAt) > limitMs) return { since: device.lastSeenAt, what: 'silent' };
  if (device.oldestUnsentAt && now.getTime() - Date.parse(device.oldestUnsentAt) > limitMs)
    return { since: device.oldestUnsentAt, what: 'unsent' };
  return undefined;
}
