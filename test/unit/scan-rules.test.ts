import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gate } from '#shared/domain/fair';
import {
  type Direction,
  judgeScan,
  presenceOn,
  type ScanContext,
  type TicketState,
  zonesEntered,
} from '#shared/domain/scan-rules';
import { ZoneTree } from '#shared/domain/zone-tree';

/** venue > hall-a > seminar, venue > hall-b: the demo fair's shape, with a door between the halls. */
const tree = new ZoneTree([
  { zoneId: 'venue' },
  { zoneId: 'hall-a', parentId: 'venue' },
  { zoneId: 'seminar', parentId: 'hall-a' },
  { zoneId: 'hall-b', parentId: 'venue' },
]);
const gates: Record<string, Gate> = {
  main: { gateId: 'main', name: 'Main', zoneId: 'venue', fromZoneId: 'outside' },
  east: { gateId: 'east', name: 'East, into hall B', zoneId: 'hall-b', fromZoneId: 'outside' },
  ab: { gateId: 'a-b', name: 'A to B', zoneId: 'hall-b', fromZoneId: 'hall-a' },
  ba: { gateId: 'b-a', name: 'B to A', zoneId: 'hall-a', fromZoneId: 'hall-b' },
  seminar: { gateId: 'seminar', name: 'Seminar door', zoneId: 'seminar', fromZoneId: 'hall-a' },
};
const day = '2027-03-26';
const outside: TicketState = { revoked: false, validDays: [day], presence: { inside: false, entries: 0 } };
const context = (gate: Gate | undefined, direction: Direction, extra: Partial<ScanContext> = {}): ScanContext => ({
  gate: gate as Gate,
  direction,
  day,
  tree,
  access: { open: true, gateAllowed: true, oncePerDay: false },
  isFull: () => false,
  deviceId: 'd1',
  offline: false,
  ...extra,
});
const at = (state: TicketState, presence: TicketState['presence']): TicketState => ({ ...state, presence });

describe('gate rules', () => {
  it('admits into the venue, refuses a pass-back anywhere inside, moves into a room and lets out', () => {
    const admitted = judgeScan(outside, context(gates.main, 'in'));
    expect(admitted).toMatchObject({
      verdict: 'ADMITTED',
      deltas: { venue: 1 },
      next: { inside: true, zoneId: 'venue', counted: ['venue'], day, entries: 1 },
    });
    const inVenue = at(outside, admitted.next!);
    expect(judgeScan(inVenue, context(gates.main, 'in')).verdict).toBe('ALREADY_INSIDE');
    // Into the seminar room from hall A, whose doors nobody counted: the room rises, hall A does not.
    const seated = judgeScan(inVenue, context(gates.seminar, 'in'));
    expect(seated).toMatchObject({
      verdict: 'ADMITTED',
      deltas: { seminar: 1 },
      next: { zoneId: 'seminar', counted: ['seminar', 'venue'], entries: 2 },
    });
    expect(judgeScan(at(outside, seated.next!), context(gates.main, 'in')).verdict).toBe('ALREADY_INSIDE');
    const back = judgeScan(at(outside, seated.next!), context(gates.seminar, 'out'));
    expect(back).toMatchObject({
      verdict: 'EXITED',
      deltas: { seminar: -1 },
      next: { inside: true, zoneId: 'hall-a' },
    });
    // Leaving the venue from the room (nobody scanned the room's door on the way): every count it was in falls.
    const left = judgeScan(at(outside, seated.next!), context(gates.main, 'out'));
    expect(left).toMatchObject({ verdict: 'EXITED', deltas: { seminar: -1, venue: -1 }, next: { inside: false } });
    expect(judgeScan(outside, context(gates.main, 'out')).verdict).toBe('NOT_INSIDE');
  });

  it('moves a ticket between sibling halls: the one left falls, the one entered rises', () => {
    const inB = judgeScan(outside, context(gates.east, 'in'));
    expect(inB).toMatchObject({ deltas: { 'hall-b': 1, venue: 1 }, next: { counted: ['hall-b', 'venue'] } });
    const inA = judgeScan(at(outside, inB.next!), context(gates.ba, 'in'));
    expect(inA).toMatchObject({ verdict: 'ADMITTED', deltas: { 'hall-b': -1, 'hall-a': 1 } });
    expect(judgeScan(at(outside, inA.next!), context(gates.ba, 'in')).verdict).toBe('ALREADY_INSIDE');
  });

  it('names the zones an entry would raise, which decide ZONE_FULL', () => {
    expect(zonesEntered(outside, gates.east as Gate, day, tree)).toEqual(['hall-b', 'venue']);
    const inVenue = at(outside, { inside: true, zoneId: 'venue', counted: ['venue'], day, entries: 1 });
    expect(zonesEntered(inVenue, gates.seminar as Gate, day, tree)).toEqual(['seminar']);
    expect(zonesEntered(inVenue, gates.main as Gate, day, tree)).toEqual([]);
    const full = judgeScan(inVenue, context(gates.seminar, 'in', { isFull: (zone) => zone === 'seminar' }));
    expect(full).toMatchObject({ verdict: 'ZONE_FULL', deltas: {} });
    expect(full.next).toBeUndefined();
    // A full hall the ticket is already counted in does not stop it moving deeper.
    expect(judgeScan(inVenue, context(gates.seminar, 'in', { isFull: (zone) => zone === 'venue' })).verdict).toBe(
      'ADMITTED',
    );
  });

  it('refuses revoked tickets, other days, and entries while the fair is closed, changing nothing', () => {
    expect(judgeScan({ ...outside, revoked: true }, context(gates.main, 'in'))).toMatchObject({
      verdict: 'REVOKED',
      deltas: {},
    });
    expect(judgeScan(outside, context(gates.main, 'in', { day: '2027-03-27' }))).toMatchObject({
      verdict: 'NOT_VALID_TODAY',
      deltas: {},
    });
    expect(
      judgeScan(outside, context(gates.main, 'in', { access: { open: false, gateAllowed: true, oncePerDay: false } })),
    ).toMatchObject({
      verdict: 'FAIR_CLOSED',
      deltas: {},
    });
  });

  it('always lets out a ticket that is inside, saying why it would not be let in again', () => {
    const inside = at(outside, { inside: true, zoneId: 'venue', counted: ['venue'], day, entries: 1 });
    expect(
      judgeScan(
        { ...inside, revoked: true },
        context(gates.main, 'out', { access: { open: false, gateAllowed: true, oncePerDay: false } }),
      ),
    ).toMatchObject({
      verdict: 'EXITED',
      reason: 'REVOKED',
      deltas: { venue: -1 },
    });
    expect(judgeScan({ ...inside, validDays: ['2027-03-27'] }, context(gates.main, 'out'))).toMatchObject({
      verdict: 'EXITED',
      reason: 'NOT_VALID_TODAY',
    });
    expect(judgeScan({ ...outside, revoked: true }, context(gates.main, 'out')).verdict).toBe('REVOKED');
    expect(judgeScan(inside, context(gates.main, 'out')).reason).toBeUndefined();
  });

  it("treats yesterday's presence as over: no pass-back, no count taken from today", () => {
    const yesterday = at(outside, {
      inside: true,
      zoneId: 'venue',
      counted: ['venue'],
      day: '2027-03-25',
      entries: 3,
    });
    expect(presenceOn(yesterday.presence, day, tree)).toMatchObject({ inside: false, counted: [] });
    expect(judgeScan(yesterday, context(gates.main, 'in'))).toMatchObject({
      verdict: 'ADMITTED',
      deltas: { venue: 1 },
      next: { entries: 4, day },
    });
    expect(judgeScan(yesterday, context(gates.main, 'out')).verdict).toBe('NOT_INSIDE');
  });

  it('marks a second offline admission by another device as a conflict, and an online one never', () => {
    const inside = at(outside, { inside: true, zoneId: 'venue', entries: 1, lastDeviceId: 'phone-a' });
    const second = judgeScan(
      inside,
      context(gates.main, 'in', { offline: true, deviceId: 'phone-b', offlineVerdict: 'ADMITTED' }),
    );
    expect(second).toMatchObject({ verdict: 'ALREADY_INSIDE', conflict: true });
    expect(judgeScan(inside, context(gates.main, 'in', { offline: true, deviceId: 'phone-b' })).conflict).toBe(true);
    expect(judgeScan(inside, context(gates.main, 'in', { offline: true, deviceId: 'phone-a' })).conflict).toBe(false);
    expect(judgeScan(inside, context(gates.main, 'in', { deviceId: 'phone-b' })).conflict).toBe(false);
  });

  it('keeps every zone count equal to the tickets counted in it, each inside the zones around its own', () => {
    const gateList = Object.values(gates);
    const scan = fc.record({
      ticket: fc.nat(4),
      gate: fc.nat(gateList.length - 1),
      direction: fc.constantFrom<Direction>('in', 'out'),
    });
    fc.assert(
      fc.property(fc.array(scan, { maxLength: 200 }), (scans) => {
        const tickets: TicketState[] = Array.from({ length: 5 }, () => structuredClone(outside));
        const counts: Record<string, number> = {};
        for (const { ticket, gate, direction } of scans) {
          const state = tickets[ticket] as TicketState;
          const judgement = judgeScan(state, context(gateList[gate], direction));
          for (const [zoneId, delta] of Object.entries(judgement.deltas))
            counts[zoneId] = (counts[zoneId] ?? 0) + delta;
          if (judgement.next) state.presence = judgement.next;
        }
        const truth: Record<string, number> = {};
        for (const state of tickets) {
          const presence = presenceOn(state.presence, day, tree);
          for (const zoneId of presence.counted) {
            truth[zoneId] = (truth[zoneId] ?? 0) + 1;
            expect(tree.within(presence.zoneId, zoneId)).toBe(true);
          }
        }
        for (const zoneId of new Set([...Object.keys(counts), ...Object.keys(truth)]))
          expect(counts[zoneId] ?? 0).toBe(truth[zoneId] ?? 0);
        for (const count of Object.values(counts)) expect(count).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('access rules, evacuation and overrides', () => {
  const oncePerDay = { access: { open: true, gateAllowed: true, oncePerDay: true } };

  it('lets a once-a-day ticket in once a day: out and back in is refused, the next day it comes in again', () => {
    const first = judgeScan(outside, context(gates.main, 'in', oncePerDay));
    expect(first).toMatchObject({ verdict: 'ADMITTED', next: { enteredOn: day } });
    const left = judgeScan(at(outside, first.next!), context(gates.main, 'out', oncePerDay));
    expect(left).toMatchObject({ verdict: 'EXITED', next: { inside: false, enteredOn: day } });
    const back = at(outside, left.next!);
    expect(judgeScan(back, context(gates.main, 'in', oncePerDay)).verdict).toBe('ONCE_PER_DAY');
    // Moving between zones inside is not coming in again.
    expect(judgeScan(at(outside, first.next!), context(gates.seminar, 'in', oncePerDay)).verdict).toBe('ADMITTED');
    const tomorrow = { ...back, validDays: [day, '2027-03-27'] };
    expect(judgeScan(tomorrow, context(gates.main, 'in', { ...oncePerDay, day: '2027-03-27' })).verdict).toBe(
      'ADMITTED',
    );
  });

  it('refuses every entry while evacuating, lets every exit through, and no override changes that', () => {
    const evacuating = { evacuating: true, override: true };
    expect(judgeScan(outside, context(gates.main, 'in', evacuating)).verdict).toBe('EVACUATION');
    const inside = at(outside, judgeScan(outside, context(gates.main, 'in')).next!);
    expect(judgeScan(inside, context(gates.main, 'out', evacuating)).verdict).toBe('EXITED');
  });

  it('overrides only what a supervisor may: the result is an entry, the count moves once', () => {
    const closed = { access: { open: false, gateAllowed: true, oncePerDay: false }, override: true };
    expect(judgeScan(outside, context(gates.main, 'in', closed))).toMatchObject({
      verdict: 'ADMITTED',
      overridden: 'FAIR_CLOSED',
      deltas: { venue: 1 },
    });
    const full = judgeScan(outside, context(gates.main, 'in', { isFull: () => true, override: true }));
    expect(full).toMatchObject({ verdict: 'ADMITTED', overridden: 'ZONE_FULL', deltas: { venue: 1 } });
    const inside = at(outside, full.next!);
    const back = judgeScan(inside, context(gates.main, 'in', { override: true }));
    expect(back).toMatchObject({ verdict: 'ADMITTED', overridden: 'ALREADY_INSIDE', deltas: {} });
    expect(judgeScan({ ...outside, revoked: true }, context(gates.main, 'in', { override: true })).verdict).toBe(
      'REVOKED',
    );
    expect(
      judgeScan({ ...outside, validDays: ['2027-03-27'] }, context(gates.main, 'in', { override: true })).verdict,
    ).toBe('NOT_VALID_TODAY');
  });

  it('never admits without an override what a rule refuses, and only counts what it admits (random walks)', () => {
    const gateList = Object.values(gates);
    const step = fc.record({
      gate: fc.nat(gateList.length - 1),
      direction: fc.constantFrom<Direction>('in', 'out'),
      open: fc.boolean(),
      gateAllowed: fc.boolean(),
      oncePerDay: fc.boolean(),
      evacuating: fc.boolean(),
      full: fc.boolean(),
      override: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state = outside;
        const counted = new Map<string, number>();
        for (const item of steps) {
          const gate = gateList[item.gate] as Gate;
          const judgement = judgeScan(
            state,
            context(gate, item.direction, {
              access: { open: item.open, gateAllowed: item.gateAllowed, oncePerDay: item.oncePerDay },
              evacuating: item.evacuating,
              isFull: () => item.full,
              override: item.override,
            }),
          );
          if (item.direction === 'in' && judgement.verdict === 'ADMITTED') {
            expect(item.evacuating).toBe(false);
            if (!item.override) {
              expect(item.open && item.gateAllowed).toBe(true);
              expect(judgement.overridden).toBeUndefined();
            }
            if (judgement.overridden) expect(item.override).toBe(true);
          }
          if (item.direction === 'out' && state.presence.inside) expect(judgement.verdict).toBe('EXITED');
          for (const [zone, delta] of Object.entries(judgement.deltas))
            counted.set(zone, (counted.get(zone) ?? 0) + delta);
          if (judgement.next) state = at(state, judgement.next);
          // Whatever happened, the counts say exactly where the ticket is counted: never twice, never below 0.
          const where = presenceOn(state.presence, day, tree).counted;
          for (const zone of ['venue', 'hall-a', 'seminar', 'hall-b'])
            expect(counted.get(zone) ?? 0, zone).toBe(where.includes(zone) ? 1 : 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
