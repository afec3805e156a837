import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gate } from '#shared/domain/fair';
import { DEFAULT_THRESHOLDS } from '#shared/domain/fair';
import { type Direction, judgeScan, type Presence, presenceOn } from '#shared/domain/scan-rules';
import {
  applyChanges,
  closeDay,
  liveOn,
  unmatchedOutOn,
  type ZoneChange,
  type ZoneLive,
} from '#shared/domain/zone-session';
import { addDeltas, passDeltas, ZoneTree } from '#shared/domain/zone-tree';

/**
 * The rules that move zone counts, played together: ticket scans, walk-in counts, the projector applying
 * the log in batches of any size and order (possibly after a closing), closings, and new days. Whatever the
 * interleaving, each zone's live count must equal what the events imply: the tickets counted in it
 * today plus today's walk-ins, and nothing once the day is closed.
 */
const tree = new ZoneTree([
  { zoneId: 'venue' },
  { zoneId: 'hall-a', parentId: 'venue' },
  { zoneId: 'seminar', parentId: 'hall-a' },
  { zoneId: 'hall-b', parentId: 'venue' },
]);
const zoneIds = ['venue', 'hall-a', 'seminar', 'hall-b'];
const gates: Gate[] = [
  { gateId: 'main', name: 'Main', zoneId: 'venue', fromZoneId: 'outside' },
  { gateId: 'east', name: 'East', zoneId: 'hall-b', fromZoneId: 'outside' },
  { gateId: 'a-b', name: 'A to B', zoneId: 'hall-b', fromZoneId: 'hall-a' },
  { gateId: 'seminar', name: 'Seminar', zoneId: 'seminar', fromZoneId: 'hall-a' },
];
const days = ['2027-03-26', '2027-03-27', '2027-03-28'];
const rule = { capacity: 6, thresholds: DEFAULT_THRESHOLDS, hysteresis: 0.05 };

type Step =
  | { kind: 'scan'; ticket: number; gate: number; direction: Direction }
  | { kind: 'count'; gate: number; in: number; out: number }
  | { kind: 'project'; records: number; from: number }
  | { kind: 'close' }
  | { kind: 'nextDay' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('scan' as const),
      ticket: fc.nat(5),
      gate: fc.nat(3),
      direction: fc.constantFrom<Direction>('in', 'out'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('count' as const), gate: fc.nat(3), in: fc.nat(3), out: fc.nat(2) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('project' as const), records: fc.nat(6), from: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
);

interface LogRecord {
  day: string;
  deltas: Record<string, number>;
  part: 'ticketed' | 'counted';
}

describe('occupancy under any interleaving of scans, counts, projection, closings and new days', () => {
  it('leaves every zone count equal to what the events imply', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        let dayIndex = 0;
        let closed = false;
        const tickets: Presence[] = Array.from({ length: 6 }, () => ({ inside: false, entries: 0 }));
        const zones = new Map<string, ZoneLive>(
          zoneIds.map((zoneId) => [zoneId, { count: 0, ticketed: 0, counted: 0, level: 'normal', levelVersion: 0 }]),
        );
        const pending: LogRecord[] = [];
        /** Walk-ins counted today before any closing: what the live counts must still hold. */
        let walkInsToday: Record<string, number> = {};
        // A batch from anywhere in the log: on AWS the stream has several shards, read independently.
        let lowest = 0;
        const project = (n: number, from = 0) => {
          const batch = pending.splice(pending.length ? from % pending.length : 0, n);
          for (const zoneId of zoneIds) {
            const changes: ZoneChange[] = batch
              .filter((record) => record.deltas[zoneId])
              .map((record) => ({
                day: record.day,
                ticketed: record.part === 'ticketed' ? (record.deltas[zoneId] ?? 0) : 0,
                counted: record.part === 'counted' ? (record.deltas[zoneId] ?? 0) : 0,
              }));
            const applied = applyChanges(zones.get(zoneId) as ZoneLive, rule, changes, 'now');
            lowest = Math.min(lowest, applied.counted);
            zones.set(zoneId, applied);
          }
        };
        for (const item of steps) {
          const day = days[dayIndex] as string;
          switch (item.kind) {
            case 'scan': {
              const gate = gates[item.gate] as Gate;
              const judgement = judgeScan(
                { revoked: false, validDays: days, presence: tickets[item.ticket] as Presence },
                {
                  gate,
                  direction: item.direction,
                  day,
                  tree,
                  access: { open: !closed, gateAllowed: true, oncePerDay: false },
                  isFull: () => false,
                  deviceId: 'd',
                  offline: false,
                },
              );
              if (judgement.next) tickets[item.ticket] = judgement.next;
              pending.push({ day, deltas: judgement.deltas, part: 'ticketed' });
              break;
            }
            case 'count': {
              if (item.in + item.out === 0) break;
              const gate = gates[item.gate] as Gate;
              const deltas = addDeltas(
                passDeltas(tree, gate.fromZoneId, gate.zoneId, item.in),
                passDeltas(tree, gate.fromZoneId, gate.zoneId, -item.out),
              );
              pending.push({ day, deltas, part: 'counted' });
              if (!closed) walkInsToday = addDeltas(walkInsToday, deltas);
              break;
            }
            case 'project':
              project(item.records, item.from);
              break;
            case 'close':
              for (const zoneId of zoneIds)
                zones.set(zoneId, closeDay(zones.get(zoneId) as ZoneLive, rule, day, 'now').zone);
              for (const [index, presence] of tickets.entries())
                if (presence.inside) tickets[index] = { inside: false, counted: [], entries: presence.entries };
              closed = true;
              walkInsToday = {};
              break;
            case 'nextDay':
              if (dayIndex < days.length - 1) {
                dayIndex += 1;
                closed = false;
                walkInsToday = {};
              }
              break;
          }
        }
        project(pending.length);
        expect(lowest, 'no walk-in count below 0 at any time').toBe(0);
        const today = days[dayIndex] as string;
        for (const zoneId of zoneIds) {
          const live = liveOn(zones.get(zoneId) as ZoneLive, today);
          const ticketed = tickets.filter((presence) =>
            presenceOn(presence, today, tree).counted.includes(zoneId),
          ).length;
          expect(live.ticketed, `${zoneId} ticket holders`).toBe(closed ? 0 : ticketed);
          // Walk-ins never go below 0: an exit that found no walk-in to let out is kept apart, so the
          // count is what the taps imply plus those unmatched exits, and never negative.
          const unmatched = unmatchedOutOn(zones.get(zoneId) as ZoneLive, today);
          expect(live.counted, `${zoneId} walk-ins`).toBe(closed ? 0 : (walkInsToday[zoneId] ?? 0) + unmatched);
          expect(live.counted, `${zoneId} walk-ins never below 0`).toBeGreaterThanOrEqual(0);
          expect(live.count).toBe(live.ticketed + live.counted);
          if (closed) expect(live.level).toBe('normal');
        }
      }),
      { numRuns: 400 },
    );
  });
});
