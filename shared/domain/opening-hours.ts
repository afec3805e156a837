import { fairIso, zoneOf } from './fair-time';

/**
 * The fair's days and the hours it lets people in. Hours are written as wall-clock times in the fair's
 * zone and turned into instants once, when the fair is loaded; judging a scan then compares instants,
 * with no zone database in the way.
 */
export interface DayHours {
  day: string;
  /** Wall-clock, `HH:MM`, as the fair's file says. */
  opens: string;
  closes: string;
  /** The same as instants (ISO-8601 with the fair's offset on that day). */
  opensAt: string;
  closesAt: string;
}

export const DEFAULT_OPENING = { opens: '10:00', closes: '20:00' };
export const DEFAULT_CLOSING_GRACE_MINUTES = 60;

/** Whether the fair lets people in at `instant`: within one of its days' hours. */
export function isOpenAt(hours: readonly DayHours[], instant: Date): boolean {
  const at = instant.getTime();
  return hours.some((day) => at >= Date.parse(day.opensAt) && at < Date.parse(day.closesAt));
}

/** The next opening after `instant` (today's if it is still to come), or none when the fair is over. */
export function nextOpening(hours: readonly DayHours[], instant: Date): DayHours | undefined {
  return [...hours]
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    .find((day) => Date.parse(day.opensAt) > instant.getTime());
}

/** When a day closes by itself: its closing time plus the grace period (stragglers, the last seminar). */
export function closingDueAt(day: DayHours, graceMinutes: number): number {
  return Date.parse(day.closesAt) + graceMinutes * 60_000;
}

/** The days whose closing is due at `now`, earliest first. */
export function daysDueToClose(hours: readonly DayHours[], graceMinutes: number, now: Date): string[] {
  return hours
    .filter((day) => closingDueAt(day, graceMinutes) <= now.getTime())
    .map((day) => day.day)
    .sort();
}

/** Each day's hours, from the fair's usual hours and its exceptions, as wall-clock times and instants. */
export function dayHoursOf(fair: {
  days: readonly string[];
  timezone: string;
  openingHours: { opens: string; closes: string };
  dayHours?: Record<string, { opens: string; closes: string }> | undefined;
  utcOffsets?: Record<string, string> | undefined;
}): DayHours[] {
  return fair.days.map((day) => {
    const { opens, closes } = fair.dayHours?.[day] ?? fair.openingHours;
    return {
      day,
      opens,
      closes,
      opensAt: fairIso(day, opens, zoneOf(fair)),
      closesAt: fairIso(day, closes, zoneOf(fair)),
    };
  });
}
