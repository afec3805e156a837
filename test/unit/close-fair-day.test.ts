import { describe, expect, it } from 'vitest';
import { zonedIso, zoneOf } from '#shared/domain/fair-time';
import { ZoneTree } from '#shared/domain/zone-tree';
import { demoFair } from '#shared/fair/demo-fair';
import type { AlertRecord } from '#shared/store/alerts-store';
import { fairMetaOf } from '#shared/store/fair-store';
import { insideShardOf } from '#shared/store/tickets-store';
import {
  type CloseDeps,
  closeDay,
  closeDueDays,
  SWEEP_IN_REQUEST,
  type SweepJob,
  sweepShard,
} from '#shared/use-cases/close-fair-day';
import { FakeStores } from '../support/fake-stores';

/**
 * Closing a fair day, orchestrated on in-memory stores: zones closed at once, every ticket still inside
 * let out once (in the request when few, through the queue when many), a scan committing during the
 * sweep caught by its second pass, one "day closed" notice. `test/local/fair-days.test.ts` runs the
 * same on the local stack, 20,000 tickets included.
 */
const [yesterday, day] = ['2027-03-26', '2027-03-27'] as const;
const fairZone = zoneOf(demoFair);

function setUp() {
  const fake = new FakeStores();
  fake.addZones(demoFair.zones);
  let now = new Date(zonedIso(day, '18:30', fairZone));
  const delivered: AlertRecord[] = [];
  const queued: SweepJob[][] = [];
  const deps: CloseDeps = {
    stores: { zones: fake.zoneStore, tickets: fake.insideTickets, closings: fake.dayClosings, alerts: fake.alertLog },
    fair: fairMetaOf(demoFair),
    tree: new ZoneTree(demoFair.zones),
    now: () => now,
    deliver: async (alert) => {
      delivered.push(alert);
      // As the real delivery does: marked delivered, so a retry only finishes one left undone.
      const stored = fake.alerts.get(alert.alertId);
      if (stored) stored.deliveredAt = now.toISOString();
    },
    enqueue: async (jobs) => {
      queued.push(jobs);
    },
    secondPassAfterMs: 0,
  };
  let n = 0;
  /** A ticket inside the venue since `on`, optionally in a given shard of the inside index. */
  const inside = (on: string, shard?: number) => {
    const next = () => {
      n += 1;
      return `T${n}`;
    };
    let ticketId = next();
    while (shard !== undefined && insideShardOf(ticketId) !== shard) ticketId = next();
    return fake.addTicket({
      ticketId,
      validDays: [yesterday, day],
      inside: true,
      zoneId: 'venue',
      counted: ['venue'],
      insideDay: on,
      insideShard: `${on}#${insideShardOf(ticketId)}`,
      entries: 1,
      version: 1,
    });
  };
  const venueCounts = (ticketed: number, counted = 0) =>
    Object.assign(fake.zones.get('venue') ?? {}, { day, ticketed, counted, count: ticketed + counted });
  const at = (date: string, time: string) => {
    now = new Date(zonedIso(date, time, fairZone));
  };
  return { fake, deps, delivered, queued, inside, venueCounts, at };
}

const stillInside = (fake: FakeStores) => [...fake.tickets.values()].filter((ticket) => ticket.inside);

describe('closing a fair day, orchestrated (in-memory stores)', () => {
  it('closes a small day in the request: zones at 0, everyone let out, yesterday’s leftovers too, told once', async () => {
    const { fake, deps, delivered, queued, inside, venueCounts } = setUp();
    inside(day);
    inside(day);
    inside(yesterday);
    fake.addTicket({ ticketId: 'outside', validDays: [day] });
    venueCounts(2, 3);
    const outcome = await closeDay(deps, day, 'organiser');
    expect(outcome).toMatchObject({ kind: 'closed', closed: { day, sweptOut: { venue: 5 } } });
    expect(queued).toEqual([]);
    expect(stillInside(fake)).toEqual([]);
    expect(fake.zones.get('venue')).toMatchObject({ count: 0, closedDay: day, lastClose: { day, swept: 5 } });
    expect(fake.closings.get(day)).toMatchObject({ ticketsSwept: 3, by: 'organiser' });
    expect(fake.closings.get(day)?.completedAt).toBeDefined();
    expect(fake.closings.get(day)?.pendingShards).toBeUndefined();
    expect(delivered.map((alert) => [alert.kind, alert.day, alert.sweptOut])).toEqual([['dayClosed', day, 5]]);
    // Closed again (a retry, the schedule): the same answer, nothing swept, nobody told twice.
    const again = await closeDay(deps, day, 'schedule');
    expect(again).toEqual(outcome);
    expect(delivered).toHaveLength(1);
    expect(fake.closings.get(day)?.by).toBe('organiser');
  });

  it('sends a large day to the queue at once; each job done once, the last one finishes it', async () => {
    const { fake, deps, delivered, queued, inside, venueCounts } = setUp();
    for (let i = 0; i <= SWEEP_IN_REQUEST; i += 1) inside(day);
    venueCounts(SWEEP_IN_REQUEST + 1);
    const outcome = await closeDay(deps, day, 'organiser');
    expect(outcome).toMatchObject({ kind: 'closing', day });
    // What the sweep heads for, kept for the page that follows it.
    expect(fake.closings.get(day)?.ticketsInside).toBe(SWEEP_IN_REQUEST + 1);
    expect(fake.zones.get('venue')).toMatchObject({ count: 0, closedDay: day });
    expect(stillInside(fake)).toHaveLength(SWEEP_IN_REQUEST + 1);
    const jobs = queued.flat();
    expect(new Set(jobs.map((job) => job.shard)).size).toBe(jobs.length);
    expect(jobs.length).toBeGreaterThan(1);
    // The queue delivers at least once: the first job comes twice.
    const finished = [];
    for (const job of [jobs[0] as SweepJob, ...jobs]) finished.push(await sweepShard(deps, job));
    expect(finished.filter((closed) => closed !== undefined)).toHaveLength(1);
    expect(finished.at(-1)).toMatchObject({ day, sweptOut: { venue: SWEEP_IN_REQUEST + 1 } });
    expect(stillInside(fake)).toEqual([]);
    expect(fake.closings.get(day)?.ticketsSwept).toBe(SWEEP_IN_REQUEST + 1);
    expect(delivered).toHaveLength(1);
  });

  it('lets out a ticket whose entry commits just after its shard was read: the second pass', async () => {
    const { fake, deps, inside } = setUp();
    const first = inside(day, 3);
    let late: string | undefined;
    fake.afterNextList(() => {
      late = inside(day, 3).ticketId;
    });
    await closeDay(deps, day, 'organiser');
    expect(late).toBeDefined();
    expect(fake.tickets.get(first.ticketId)?.inside).toBe(false);
    expect(fake.tickets.get(late ?? '')?.inside).toBe(false);
    expect(fake.closings.get(day)?.ticketsSwept).toBe(2);
  });

  it('with nobody inside still runs one job (today’s first shard), and closes in the request', async () => {
    const { fake, deps, queued } = setUp();
    const outcome = await closeDay(deps, day, 'organiser');
    expect(outcome.kind).toBe('closed');
    expect(queued).toEqual([]);
    expect(fake.calls.filter((call) => call === 'tickets.listShard')).toHaveLength(2);
  });

  it('the schedule closes each day past its closing and grace, skips closed ones, takes up one cut short', async () => {
    const { fake, deps, delivered, inside, at } = setUp();
    inside(yesterday);
    at(day, '10:00');
    const first = await closeDueDays(deps);
    expect(first.map((outcome) => outcome.kind === 'closed' && outcome.closed.day)).toEqual([yesterday]);
    expect(stillInside(fake)).toEqual([]);
    expect(await closeDueDays(deps)).toEqual([]);
    // A closing begun and cut short (a crash before its jobs were queued), found 11 minutes later.
    at('2027-03-28', '10:00');
    fake.closings.set(day, {
      day,
      closedAt: new Date(Date.parse(zonedIso('2027-03-28', '09:49', fairZone))).toISOString(),
      by: 'schedule',
      ticketsSwept: 0,
      pendingShards: [`${day}#0`],
    });
    const resumed = await closeDueDays(deps);
    expect(resumed.map((outcome) => outcome.kind)).toEqual(['closed']);
    expect(fake.closings.get(day)?.completedAt).toBeDefined();
    expect(delivered.map((alert) => alert.day)).toEqual([yesterday, day]);
  });

  it('gives up loudly on a zone that keeps changing, having told nobody', async () => {
    const { fake, deps, delivered } = setUp();
    fake.beforePutLive = (zone) => {
      zone.version = (zone.version ?? 0) + 1;
    };
    await expect(closeDay(deps, day, 'organiser')).rejects.toThrow(/kept changing/);
    expect(delivered).toEqual([]);
    expect(fake.closings.size).toBe(0);
  });
});
