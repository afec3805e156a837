import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Place } from '../domain/alert-text';
import { daysDueToClose } from '../domain/opening-hours';
import { closeDay as closeZoneDay, type Peak, peakOn, unmatchedOutOn } from '../domain/zone-session';
import type { ZoneTree } from '../domain/zone-tree';
import { type AlertRecord, dayClosedAlertId } from '../store/alerts-store';
import {
  type DayClosingRecord,
  type FairMeta,
  finishDayClosing,
  getDayClosing,
  startDayClosing,
} from '../store/fair-store';
import { listInside, sweepOut } from '../store/tickets-store';
import { getZone, listZones, liveOf, putZoneLive, type ZoneRecord } from '../store/zones-store';
import { raiseNotice } from './raise-notice';

export interface CloseDeps {
  client: DynamoDBDocumentClient;
  tables: { zones: string; tickets: string; fair: string; alerts: string };
  fair: FairMeta;
  tree: ZoneTree;
  now: () => Date;
  /** Sends the "day closed" event to the topic and the webhooks. */
  deliver: (alert: AlertRecord, place: Place) => Promise<void>;
}

export interface DayClosed {
  day: string;
  closedAt: string;
  sweptOut: Record<string, number>;
}

const MAX_ATTEMPTS = 10;
const SECOND_SWEEP_AFTER_MS = 1000;

/** Lets out every ticket still inside from `day` or before; how many. */
async function sweepTickets(deps: CloseDeps, day: string): Promise<number> {
  let swept = 0;
  for (const presenceDay of deps.fair.days.filter((fairDay) => fairDay <= day)) {
    for (const { ticketId } of await listInside(deps.client, deps.tables.tickets, presenceDay)) {
      if (await sweepOut(deps.client, deps.tables.tickets, ticketId, day)) swept += 1;
    }
  }
  return swept;
}

/** Closes one zone's day against the projector racing it: read, close, write on condition, again if beaten. */
async function closeZone(deps: CloseDeps, zoneId: string, day: string, at: string): Promise<ZoneRecord | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const zone = await getZone(deps.client, deps.tables.zones, zoneId);
    if (!zone) return undefined;
    const before = liveOf(zone);
    const { zone: live } = closeZoneDay(before, zone, day, at);
    if (live === before) return zone; // closed already, or a later day has begun for it
    if (await putZoneLive(deps.client, deps.tables.zones, zone, live, at)) return { ...zone, ...live };
  }
  throw new Error(`zone ${zoneId} kept changing while ${day} was being closed`);
}

/**
 * Closes a fair day: every zone's count returns to 0 (who was still counted is kept as swept out),
 * every ticket still inside from that day or before is outside again, and one "day closed" event goes
 * to organisers instead of an alert per zone falling back to normal. Each step is idempotent, so a
 * closing cut short is finished by the next run, and a second closing changes nothing. A scan racing
 * the closing is recorded either way: before a zone closes it is counted and swept, after it is late
 * for that day and moves no count.
 */
export async function closeDay(deps: CloseDeps, day: string, by: DayClosingRecord['by']): Promise<DayClosed> {
  const earlier = await getDayClosing(deps.client, deps.tables.fair, day);
  if (earlier?.completedAt && earlier.sweptOut) return { day, closedAt: earlier.closedAt, sweptOut: earlier.sweptOut };
  const { closedAt } = await startDayClosing(deps.client, deps.tables.fair, {
    day,
    closedAt: deps.now().toISOString(),
    by,
  });

  const sweptOut: Record<string, number> = {};
  const peaks: Record<string, Peak> = {};
  const unmatchedOut: Record<string, number> = {};
  for (const { zoneId } of await listZones(deps.client, deps.tables.zones)) {
    // listZones answers in zone id order, so the answer's keys are too.
    const zone = await closeZone(deps, zoneId, day, closedAt);
    sweptOut[zoneId] = zone?.lastClose?.day === day && zone.lastClose.by === 'closing' ? zone.lastClose.swept : 0;
    // The day's peak, kept with its closing for the report (the zone's own is the next day's tomorrow).
    const peak = zone ? peakOn(liveOf(zone), day) : undefined;
    if (peak) peaks[zoneId] = peak;
    const unmatched = zone ? unmatchedOutOn(liveOf(zone), day) : 0;
    if (unmatched > 0) unmatchedOut[zoneId] = unmatched;
  }
  let ticketsSwept = await sweepTickets(deps, day);
  // A scan judged just before its zone closed may commit just after the list above was read (the index
  // also trails its table a little): a second pass a moment later lets it out too.
  await new Promise((resolve) => setTimeout(resolve, SECOND_SWEEP_AFTER_MS));
  ticketsSwept += await sweepTickets(deps, day);

  const venueId = deps.tree.root() ?? '';
  const venue = await getZone(deps.client, deps.tables.zones, venueId);
  const alert: AlertRecord = {
    alertId: dayClosedAlertId(day),
    kind: 'dayClosed',
    day,
    zoneId: venueId,
    level: 'normal',
    previousLevel: 'normal',
    count: 0,
    capacity: venue?.capacity ?? 0,
    sweptOut: sweptOut[venueId] ?? 0,
    raisedAt: closedAt,
    escalation: 0,
    feed: 'ALERTS',
    feedKey: `${closedAt}#${dayClosedAlertId(day)}`,
  };
  await raiseNotice(deps, alert, venue ?? { zoneId: venueId, name: venueId });

  await finishDayClosing(deps.client, deps.tables.fair, day, {
    completedAt: deps.now().toISOString(),
    sweptOut,
    ticketsSwept,
    peaks,
    unmatchedOut,
  });
  const finished = await getDayClosing(deps.client, deps.tables.fair, day);
  return { day, closedAt, sweptOut: finished?.sweptOut ?? sweptOut };
}

/** The scheduled closing: every day whose closing time and grace have passed and that is not closed yet. */
export async function closeDueDays(deps: CloseDeps): Promise<DayClosed[]> {
  const closed: DayClosed[] = [];
  for (const day of daysDueToClose(deps.fair.hours, deps.fair.closingGraceMinutes, deps.now())) {
    const earlier = await getDayClosing(deps.client, deps.tables.fair, day);
    if (!earlier?.completedAt) closed.push(await closeDay(deps, day, 'schedule'));
  }
  return closed;
}
