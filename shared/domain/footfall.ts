import type { QueuedFootfallEvent } from '../../events/footfall-message';
import { wallClock } from './fair-time';

/**
 * Footfall, pure: events grouped per booth and fair day, new ones told from seen ones, and each
 * group's changes added up (visits per hour and per day, the visitors seen).
 */
export const SEEN_SHARDS = 16;

export function seenShard(eventId: string): string {
  let hash = 0;
  for (const char of eventId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return (hash % SEEN_SHARDS).toString(16);
}

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
      const day = wallClock(new Date(event.at), timezone).day;
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
  eventIds: string[];
}

/** Adds up the events not seen before (and each only once, even if repeated within the batch). */
export function tally(events: QueuedFootfallEvent[], seen: Set<string>, timezone: string): DayTally {
  const result: DayTally = { visitsByHour: new Map(), visits: 0, visitors: new Set(), eventIds: [] };
  const taken = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventId) || taken.has(event.eventId)) continue;
    taken.add(event.eventId);
    result.eventIds.push(event.eventId);
    const visits = event.kind === 'badge' ? 1 : event.in;
    if (event.kind === 'badge') result.visitors.add(event.ticketId);
    if (visits === 0) continue;
    const hour = String(wallClock(new Date(event.at), timezone).hour).padStart(2, '0');
    result.visitsByHour.set(hour, (result.visitsByHour.get(hour) ?? 0) + visits);
    result.visits += visits;
  }
  return result;
}
