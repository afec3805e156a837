import { fairIso, zoneOf } from './fair-time';
import { type DayHours, isOpenAt } from './opening-hours';
import type { Category } from './ticket-token';

/**
 * Who may come in where and when, by ticket category: the gates a category may use, the hours it is
 * let in each day (exhibitors and staff from 08:00 to set up, the public from the opening), and whether
 * it may enter once a day only. Written in the fair's file, turned into instants once when the fair is
 * loaded, and judged the same way by the server and by a gate page that is offline.
 */
export interface CategoryAccessFile {
  /** Gate ids this category may enter by; all gates when absent. */
  gates?: string[];
  /** Let in from (fair time, every day); the day's opening when absent. */
  opens?: string;
  /** Let in until; the day's closing when absent. */
  closes?: string;
  /** One entry a day from outside: leaving ends the day's visit. */
  oncePerDay?: boolean;
}

/** A category's rule as the code and the API use it: hours as instants for each fair day. */
export interface CategoryAccess {
  category: Category;
  /** Absent: every gate. */
  gates?: string[];
  hours: DayHours[];
  oncePerDay: boolean;
}

/** Each category's rule, from the fair's file and its days' hours. */
export function categoryAccessOf(
  fair: { days: readonly string[]; timezone: string; utcOffsets?: Record<string, string> | undefined },
  dayHours: readonly DayHours[],
  categories: readonly Category[],
  file: Partial<Record<Category, CategoryAccessFile>> | undefined,
): CategoryAccess[] {
  return categories.map((category) => {
    const rule = file?.[category] ?? {};
    return {
      category,
      ...(rule.gates ? { gates: rule.gates } : {}),
      hours: dayHours.map((day) => {
        const opens = rule.opens ?? day.opens;
        const closes = rule.closes ?? day.closes;
        return {
          day: day.day,
          opens,
          closes,
          opensAt: fairIso(day.day, opens, zoneOf(fair)),
          closesAt: fairIso(day.day, closes, zoneOf(fair)),
        };
      }),
      oncePerDay: rule.oncePerDay ?? false,
    };
  });
}

/** What an entry's verdict needs of the rule of the ticket's category, at the scan's time, at this gate. */
export interface EntryAccess {
  /** Let in now: the category's hours. */
  open: boolean;
  /** This gate is one the category may use. */
  gateAllowed: boolean;
  /** One entry a day from outside. */
  oncePerDay: boolean;
}

/**
 * The rule of a category at an instant and a gate. A fair loaded before rules existed has none: the
 * fair's own hours, every gate.
 */
export function entryAccess(
  access: readonly CategoryAccess[] | undefined,
  fairHours: readonly DayHours[],
  category: string,
  gateId: string,
  at: Date,
): EntryAccess {
  const rule = access?.find((entry) => entry.category === category);
  return {
    open: isOpenAt(rule?.hours ?? fairHours, at),
    gateAllowed: !rule?.gates || rule.gates.includes(gateId),
    oncePerDay: rule?.oncePerDay ?? false,
  };
}
