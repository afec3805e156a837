import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gate } from '#shared/domain/fair';
import { type Direction, judgeScan, type ScanContext, type TicketState } from '#shared/domain/scan-rules';

const gates: Record<string, Gate> = {
  main: { gateId: 'main', name: 'Main', zoneId: 'foyer', fromZoneId: 'outside' },
  foyerA: { gateId: 'foyer-a', name: 'Foyer to A', zoneId: 'hall-a', fromZoneId: 'foyer' },
  ab: { gateId: 'a-b', name: 'A to B', zoneId: 'hall-b', fromZoneId: 'hall-a' },
  east: { gateId: 'east', name: 'East', zoneId: 'hall-b', fromZoneId: 'outside' },
};
const outside: TicketState = { revoked: false, validDays: ['2027-03-26'], presence: { inside: false, entries: 0 } };
const context = (gate: Gate, direction: Direction, extra: Partial<ScanContext> = {}): ScanContext => ({
  gate,
  direction,
  day: '2027-03-26',
  zoneFull: false,
  deviceId: 'd1',
  offline: false,
  ...extra,
});

describe('gate rules', () => {
  it('admits, refuses a pass-back, moves between zones and lets out', () => {
    const admitted = judgeScan(outside, context(gates.main as Gate, 'in'));
    expect(admitted).toMatchObject({
      verdict: 'ADMITTED',
      deltas: { foyer: 1 },
      next: { inside: true, zoneId: 'foyer', entries: 1 },
    });
    const inFoyer: TicketState = { ...outside, presence: admitted.next! };
    expect(judgeScan(inFoyer, context(gates.main as Gate, 'in')).verdict).toBe('ALREADY_INSIDE');
    const moved = judgeScan(inFoyer, context(gates.foyerA as Gate, 'in'));
    expect(moved).toMatchObject({
      verdict: 'ADMITTED',
      deltas: { foyer: -1, 'hall-a': 1 },
      next: { zoneId: 'hall-a', entries: 2 },
    });
    const back = judgeScan({ ...outside, presence: moved.next! }, context(gates.foyerA as Gate, 'out'));
    expect(back).toMatchObject({
      verdict: 'EXITED',
      deltas: { 'hall-a': -1, foyer: 1 },
      next: { inside: true, zoneId: 'foyer' },
    });
    const left = judgeScan({ ...outside, presence: moved.next! }, context(gates.main as Gate, 'out'));
    expect(left).toMatchObject({ verdict: 'EXITED', deltas: { 'hall-a': -1 }, next: { inside: false } });
    expect(judgeScan(outside, context(gates.main as Gate, 'out')).verdict).toBe('NOT_INSIDE');
  });

  it('refuses revoked tickets, other days and full zones, changing nothing', () => {
    expect(judgeScan({ ...outside, revoked: true }, context(gates.main as Gate, 'in'))).toMatchObject({
      verdict: 'REVOKED',
      deltas: {},
    });
    expect(judgeScan(outside, context(gates.main as Gate, 'in', { day: '2027-03-27' }))).toMatchObject({
      verdict: 'NOT_VALID_TODAY',
      deltas: {},
    });
    const full = judgeScan(outside, context(gates.main as Gate, 'in', { zoneFull: true }));
    expect(full).toMatchObject({ verdict: 'ZONE_FULL', deltas: {} });
    expect(full.next).toBeUndefined();
  });

  it('marks a second offline admission by another device as a conflict, and an online one never', () => {
    const inside: TicketState = {
      ...outside,
      presence: { inside: true, zoneId: 'foyer', entries: 1, lastDeviceId: 'phone-a' },
    };
    const second = judgeScan(
      inside,
      context(gates.main as Gate, 'in', { offline: true, deviceId: 'phone-b', offlineVerdict: 'ADMITTED' }),
    );
    expect(second).toMatchObject({ verdict: 'ALREADY_INSIDE', conflict: true });
    expect(judgeScan(inside, context(gates.main as Gate, 'in', { offline: true, deviceId: 'phone-b' })).conflict).toBe(
      true,
    );
    expect(judgeScan(inside, context(gates.main as Gate, 'in', { offline: true, deviceId: 'phone-a' })).conflict).toBe(
      false,
    );
    expect(judgeScan(inside, context(gates.main as Gate, 'in', { deviceId: 'phone-b' })).conflict).toBe(false);
  });

  it('keeps zone counts equal to the tickets inside them over any sequence of scans', () => {
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
          const judgement = judgeScan(state, context(gateList[gate] as Gate, direction));
          for (const [zoneId, delta] of Object.entries(judgement.deltas))
            counts[zoneId] = (counts[zoneId] ?? 0) + delta;
          if (judgement.next) state.presence = judgement.next;
        }
        const truth: Record<string, number> = {};
        for (const state of tickets)
          if (state.presence.inside && state.presence.zoneId)
            truth[state.presence.zoneId] = (truth[state.presence.zoneId] ?? 0) + 1;
        for (const zoneId of new Set([...Object.keys(counts), ...Object.keys(truth)]))
          expect(counts[zoneId] ?? 0).toBe(truth[zoneId] ?? 0);
      }),
    );
  });
});
