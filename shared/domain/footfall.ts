/** A footfall event as the count reads it; the queue's message (events/footfall-message.ts) has this shape. */
export type QueuedFootfallEvent =
  | {
      eventId: string;
      at: string;
      day?: string | undefined;
      kind: 'badge';
      ticketId: string;
      consent?: boolean | undefined;
    }
  | { eventId: string; at: string; day?: string | undefined; kind: 'count'; in: number; out: number };

import { fairDay, wallClock } from './fair-time';

/**
 * Footfall, pure: events grouped per booth and fair day, new ones told from seen ones, and each
 * group's changes added up (visits per hour and per day, the visitors seen).
 */
export interface DayGroup {
  boothId: string;
  day: string;
  events: QueuedFootfallEvent[];
}

export function groupByBoothDay(
  items: { boothId: string; events: QueuedFootfallEvent[] }[],
  timezone: string,
): DayGroup[] {
  const groups = new Map<string, DayGroup>();
  for (const { boothId, events } of items) {
    for (const event of events) {
      const day = event.day ?? wallClock(new Date(event.at), timezone).day;
      const key = `${boothId}#${day}`;
      const group = groups.get(key) ?? { boothId, day, events: [] };
      group.events.push(event);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

export interface DayTally {
  visitsByHour: Map<string, number>;
  visits: number;
  visitors: Set<string>;
  /** Visitors who agreed, at the booth, to leave their contact: the exhibitor's leads. */
  consented: Set<string>;
  /** The events counted, each with the hour it happened in (where its id is kept). */
  eventHours: { id: string; hour: string }[];
}

/** The hour (HH, fair time) an event happened in. */
export function hourOf(at: string, timezone: string): string {
  return String(wallClock(new Date(at), timezone).hour).padStart(2, '0');
}

/** Adds up the events not seen before (and each only once, even if repeated within the batch). */
export function tally(events: QueuedFootfallEvent[], seen: Set<string>, timezone: string): DayTally {
  const result: DayTally = {
    visitsByHour: new Map(),
    visits: 0,
    visitors: new Set(),
    consented: new Set(),
    eventHours: [],
  };
  const taken = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventId) || taken.has(event.eventId)) continue;
    taken.add(event.eventId);
    const hour = hourOf(event.at, timezone);
    result.eventHours.push({ id: event.eventId, hour });
    const visits = event.kind === 'badge' ? 1 : event.in;
    if (event.kind === 'badge') result.visitors.add(event.ticketId);
    if (event.kind === 'badge' && event.consent === true) result.consented.add(event.ticketId);
    if (visits === 0) continue;
    result.visitsByHour.set(hour, (result.visitsByHour.get(hour) ?? 0) + visits);
    result.visits += visits;
  }
  return result;
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
export function footfallDayOf(days: readonly string[], timezone: string, at: string): string | undefined {
  const instant = Date.parse(at);
  return [instant, instant + FOOTFALL_CLOCK_SKEW_MS, instant - FOOTFALL_CLOCK_SKEW_MS]
    .map((moment) => fairDay(new Date(moment), timezone))
    .find((day) => days.includes(day));
}
