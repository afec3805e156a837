/** A footfall event as the count reads it; the queue's message (events/footfall-message.ts) has this shape. */
export type QueuedFootfallEvent =
  | {
      eventId: string;
      at: string;
      day?: string | undefined;
      kind: 'badge';
      ticketId: string;
      consent?: boolean | undefined;
      method?: 'consent-code' | undefined;
      recordedBy?: string | undefined;
      wording?: string | undefined;
    }
  | { eventId: string; at: string; day?: string | undefined; kind: 'count'; in: number; out: number };

import { type FairZone, fairDay, wallClock } from './fair-time';

/**
 * Footfall, pure: events grouped per booth and fair day, and each group planned: the visits each event
 * adds, and the self-counted ones beyond a booth's plausible pace kept apart.
 */
export interface DayGroup {
  boothId: string;
  day: string;
  events: QueuedFootfallEvent[];
}

export function groupByBoothDay(
  items: { boothId: string; events: QueuedFootfallEvent[] }[],
  zone: FairZone,
): DayGroup[] {
  const groups = new Map<string, DayGroup>();
  for (const { boothId, events } of items) {
    for (const event of events) {
      const day = event.day ?? wallClock(new Date(event.at), zone).day;
      const key = `${boothId}#${day}`;
      const group = groups.get(key) ?? { boothId, day, events: [] };
      group.events.push(event);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** The hour (HH, fair time) an event happened in. */
export function hourOf(at: string, zone: FairZone): string {
  return String(wallClock(new Date(at), zone).hour).padStart(2, '0');
}

/**
 * Visitors a booth may count itself (+1 taps, a counter's tallies) a minute: one every two seconds is
 * already a crowd at a 9 m² stand. Judged over each hour of the day (30 a minute is 1,800 an hour): a
 * counter's tally covers a stretch of time, not the instant it is sent. Beyond it the visits are kept
 * apart, flagged, and never counted.
 */
export const DEFAULT_BOOTH_VISITS_PER_MINUTE = 30;

/** An event of a booth-day as it will be counted: how many visits it adds, and how many are flagged. */
export interface PlannedVisit {
  event: QueuedFootfallEvent;
  hour: string;
  /** Visits counted: 1 for a badge, a tally's `in` up to what its hour still allows. */
  visits: number;
  /** Self-counted visits beyond the booth's pace for the hour: recorded apart, never counted. */
  flagged: number;
}

/** A booth-day hour's self-counted visits before and after a plan, and those it flagged. */
export interface PaceSlot {
  before: number;
  after: number;
  flagged: number;
}

/**
 * Plans a booth-day's new events (each id once, in order): badge scans count one visit each; self-counted
 * tallies count within what their hour still allows (`paceCounts`: the hour's self-counted visits so
 * far, against `perMinute` x 60), the rest is flagged. Returns the plan and each hour's slot after it.
 */
export function planVisits(
  events: readonly QueuedFootfallEvent[],
  paceCounts: ReadonlyMap<string, number>,
  perMinute: number,
  zone: FairZone,
): { planned: PlannedVisit[]; pace: Map<string, PaceSlot> } {
  const planned: PlannedVisit[] = [];
  const pace = new Map<string, PaceSlot>();
  const perHour = perMinute * 60;
  const taken = new Set<string>();
  for (const event of events) {
    if (taken.has(event.eventId)) continue;
    taken.add(event.eventId);
    const hour = hourOf(event.at, zone);
    if (event.kind === 'badge') {
      planned.push({ event, hour, visits: 1, flagged: 0 });
      continue;
    }
    const before = paceCounts.get(hour) ?? 0;
    const slot = pace.get(hour) ?? { before, after: before, flagged: 0 };
    const visits = Math.max(0, Math.min(event.in, perHour - slot.after));
    const flagged = event.in - visits;
    slot.after += visits;
    slot.flagged += flagged;
    pace.set(hour, slot);
    planned.push({ event, hour, visits, flagged });
  }
  return { planned, pace };
}

/**
 * Busiest first: badge-verified visits (a booth cannot make them up; each needs a ticket), then all
 * visits, then the booth id so the order is stable.
 */
export function byBusiest(
  a: { boothId: string; badgeVisits: number; visits: number },
  b: { boothId: string; badgeVisits: number; visits: number },
): number {
  return b.badgeVisits - a.badgeVisits || b.visits - a.visits || a.boothId.localeCompare(b.boothId);
}

/** How far a device's clock may be off across midnight before its events are refused. */
export const FOOTFALL_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The fair day an event counts on: the day of its time in the fair's zone, if that is one of the
 * fair's days, or the fair day a few minutes away (a drifting clock across midnight). A device that
 * was offline may send yesterday's visits this morning: they still count, on yesterday. Times outside
 * the fair (a clock set to 1970, a replay from last year) have no day: they would fill booth-days
 * nobody reads.
 */
export function footfallDayOf(days: readonly string[], zone: FairZone, at: string): string | undefined {
  const instant = Date.parse(at);
  return [instant, instant + FOOTFALL_CLOCK_SKEW_MS, instant - FOOTFALL_CLOCK_SKEW_MS]
    .map((moment) => fairDay(new Date(moment), zone))
    .find((day) => days.includes(day));
}
