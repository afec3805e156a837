import type { Place } from '../domain/alert-text';
import { daysDueToClose } from '../domain/opening-hours';
import { closeDay as closeZoneDay, type Peak, peakOn, unmatchedOutOn } from '../domain/zone-session';
import type { ZoneTree } from '../domain/zone-tree';
import { type AlertLog, type AlertRecord, dayClosedAlertId } from '../store/alerts-store';
import type { DayClosingRecord, DayClosings, FairMeta } from '../store/fair-store';
import type { InsideTickets } from '../store/tickets-store';
import { liveOf, type ZoneRecord, type ZoneStore } from '../store/zones-store';
import { raiseNotice } from './raise-notice';

/**
 * Closing a fair day, at any size. The zones close at once (a handful of conditional writes: every
 * count returns to 0, who was counted is kept as swept out), so the closing's figures are known when it
 * starts. Then every ticket still inside from that day or before is let out: the inside index is read
 * shard by shard (16 a day), and each shard is one job, swept where the day is small, or sent to the
 * closing queue where it is not, so the request answers in seconds whatever the crowd. The last job
 * done finishes the closing: the record says it, one "day closed" event goes to organisers. Every step
 * is idempotent, so a closing cut short is finished by the next run.
 */
export interface CloseDeps {
  /** The stores it reads and writes, bound to their tables (in-memory fakes in the unit tests). */
  stores: { zones: ZoneStore; tickets: InsideTickets; closings: DayClosings; alerts: AlertLog };
  fair: FairMeta;
  tree: ZoneTree;
  now: () => Date;
  /** Sends the "day closed" event to the topic and the webhooks. */
  deliver: (alert: AlertRecord, place: Place) => Promise<void>;
  /** Puts sweep jobs on the closing queue. */
  enqueue: (jobs: SweepJob[]) => Promise<void>;
  /** How long to wait before a shard's second pass (a scan committing as the first read it). */
  secondPassAfterMs?: number;
}

/** One shard of the inside index to sweep for a closing: tickets inside from `presenceDay`. */
export interface SweepJob {
  day: string;
  presenceDay: string;
  shard: number;
}

export interface DayClosed {
  day: string;
  closedAt: string;
  sweptOut: Record<string, number>;
}

export type ClosingOutcome = { kind: 'closed'; closed: DayClosed } | { kind: 'closing'; day: string; closedAt: string };

/** Tickets swept in the request itself at most: beyond, the queue's functions sweep them. */
export const SWEEP_IN_REQUEST = 300;
const MAX_ATTEMPTS = 10;
const SECOND_PASS_AFTER_MS = 1000;
/** Tickets of a shard let out side by side. */
const SWEEPS_AT_ONCE = 16;

const jobKey = (job: Pick<SweepJob, 'presenceDay' | 'shard'>) => `${job.presenceDay}#${job.shard}`;

/** Closes one zone's day against the projector racing it: read, close, write on condition, again if beaten. */
async function closeZone(deps: CloseDeps, zoneId: string, day: string, at: string): Promise<ZoneRecord | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const zone = await deps.stores.zones.get(zoneId);
    if (!zone) return undefined;
    const before = liveOf(zone);
    const { zone: live } = closeZoneDay(before, zone, day, at);
    if (live === before) return zone; // closed already, or a later day has begun for it
    if (await deps.stores.zones.putLive(zone, live, at)) return { ...zone, ...live };
  }
  throw new Error(`zone ${zoneId} kept changing while ${day} was being closed`);
}

/** Every zone's day closed: what each swept out, its peak and its unmatched exits. */
async function closeZones(deps: CloseDeps, day: string, closedAt: string) {
  const sweptOut: Record<string, number> = {};
  const peaks: Record<string, Peak> = {};
  const unmatchedOut: Record<string, number> = {};
  for (const { zoneId } of await deps.stores.zones.list()) {
    // listZones answers in zone id order, so the answer's keys are too.
    const zone = await closeZone(deps, zoneId, day, closedAt);
    sweptOut[zoneId] = zone?.lastClose?.day === day && zone.lastClose.by === 'closing' ? zone.lastClose.swept : 0;
    const live = zone ? liveOf(zone) : undefined;
    // The day's peak, kept with its closing for the report (the zone's own is the next day's tomorrow).
    const peak = live ? peakOn(live, day) : undefined;
    if (peak) peaks[zoneId] = peak;
    const unmatched = live ? unmatchedOutOn(live, day) : 0;
    if (unmatched > 0) unmatchedOut[zoneId] = unmatched;
  }
  return { sweptOut, peaks, unmatchedOut };
}

/** Lets out, a few at a time, every ticket of one shard still inside from its day; how many. */
async function sweepOnce(deps: CloseDeps, job: SweepJob): Promise<number> {
  const inside = await deps.stores.tickets.listShard(job.presenceDay, job.shard);
  let swept = 0;
  const queue = [...inside];
  const worker = async () => {
    for (let ticket = queue.shift(); ticket; ticket = queue.shift())
      if (await deps.stores.tickets.sweepOut(ticket, job.day)) swept += 1;
  };
  await Promise.all(Array.from({ length: Math.min(SWEEPS_AT_ONCE, inside.length) }, worker));
  return swept;
}

/**
 * One sweep job: the shard let out, then again a moment later (a scan judged just before its zone closed
 * may commit just after the first read, and the index trails its table a little), then marked done on
 * the closing record, once. The job that leaves none to do finishes the closing.
 */
export async function sweepShard(deps: CloseDeps, job: SweepJob): Promise<DayClosed | undefined> {
  let swept = await sweepOnce(deps, job);
  await new Promise((resolve) => setTimeout(resolve, deps.secondPassAfterMs ?? SECOND_PASS_AFTER_MS));
  swept += await sweepOnce(deps, job);
  const left = await deps.stores.closings.markShardSwept(job.day, jobKey(job), swept);
  return left === 0 ? finish(deps, job.day) : undefined;
}

async function finish(deps: CloseDeps, day: string): Promise<DayClosed> {
  const record = (await deps.stores.closings.get(day)) as DayClosingRecord;
  if (!record.completedAt) {
    const venueId = deps.tree.root() ?? '';
    const venue = await deps.stores.zones.get(venueId);
    const alert: AlertRecord = {
      alertId: dayClosedAlertId(day),
      kind: 'dayClosed',
      day,
      zoneId: venueId,
      level: 'normal',
      previousLevel: 'normal',
      count: 0,
      capacity: venue?.capacity ?? 0,
      sweptOut: record.sweptOut?.[venueId] ?? 0,
      raisedAt: record.closedAt,
      escalation: 0,
      feed: 'ALERTS',
      feedKey: `${record.closedAt}#${dayClosedAlertId(day)}`,
    };
    await raiseNotice(
      { alerts: deps.stores.alerts, deliver: deps.deliver },
      alert,
      venue ?? { zoneId: venueId, name: venueId },
    );
    await deps.stores.closings.finish(day, deps.now().toISOString());
  }
  return { day, closedAt: record.closedAt, sweptOut: record.sweptOut ?? {} };
}

/**
 * Starts closing a fair day (or answers the closing already done): the zones at once, then the tickets
 * still inside, in the request where they are few, else through the queue. `closing` means the queue's
 * functions are letting them out; `GET /v1/days/{day}` says when it is done.
 */
export async function closeDay(deps: CloseDeps, day: string, by: DayClosingRecord['by']): Promise<ClosingOutcome> {
  const earlier = await deps.stores.closings.get(day);
  if (earlier?.completedAt) return { kind: 'closed', closed: await finish(deps, day) };
  const closedAt = earlier?.closedAt ?? deps.now().toISOString();
  const zones = await closeZones(deps, day, closedAt);
  const counts = await Promise.all(
    deps.fair.days
      .filter((fairDay) => fairDay <= day)
      .map(async (presenceDay) => ({
        presenceDay,
        counts: await deps.stores.tickets.countByShard(presenceDay),
      })),
  );
  const jobs: SweepJob[] = counts.flatMap(({ presenceDay, counts: byShard }) =>
    byShard.flatMap((count, shard) => (count > 0 ? [{ day, presenceDay, shard }] : [])),
  );
  // Nobody inside still gets one job (today's first shard): its second pass catches a scan in flight.
  if (jobs.length === 0) jobs.push({ day, presenceDay: day, shard: 0 });
  const inside = counts.reduce((total, entry) => total + entry.counts.reduce((sum, n) => sum + n, 0), 0);
  const record = await deps.stores.closings.start({
    day,
    closedAt,
    by,
    ...zones,
    ticketsInside: inside,
    pendingShards: jobs.map(jobKey),
  });
  // The jobs not done yet (a closing taken up again; one begun by an earlier version has none to track).
  const todo = jobs.filter((job) => record.pendingShards?.includes(jobKey(job)));
  if (todo.length === 0) return { kind: 'closed', closed: await finish(deps, day) };
  if (inside > SWEEP_IN_REQUEST) {
    await deps.enqueue(todo);
    return { kind: 'closing', day, closedAt: record.closedAt };
  }
  const done = await Promise.all(todo.map((job) => sweepShard(deps, job)));
  return { kind: 'closed', closed: done.find((closed) => closed !== undefined) ?? (await finish(deps, day)) };
}

/** A closing not done this long after it began was cut short (a crash before its jobs were queued). */
const RESUME_AFTER_MS = 10 * 60_000;

/**
 * The scheduled closing: every day whose closing time and grace have passed and that is not closed yet;
 * a closing begun long ago and not done is taken up again (its jobs queued again: a job done twice
 * changes nothing).
 */
export async function closeDueDays(deps: CloseDeps): Promise<ClosingOutcome[]> {
  const outcomes: ClosingOutcome[] = [];
  const now = deps.now().getTime();
  for (const day of daysDueToClose(deps.fair.hours, deps.fair.closingGraceMinutes, deps.now())) {
    const earlier = await deps.stores.closings.get(day);
    const stuck = earlier && !earlier.completedAt && now - Date.parse(earlier.closedAt) > RESUME_AFTER_MS;
    if (!earlier || stuck) outcomes.push(await closeDay(deps, day, 'schedule'));
  }
  return outcomes;
}
