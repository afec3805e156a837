import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedIso, zoneOf } from '#shared/domain/fair-time';
import { demoFair } from '#shared/fair/demo-fair';
import { fairMetaOf } from '#shared/store/fair-store';
import { type DoorDeps, doorScan, emptyEndedRooms } from '#shared/use-cases/workshop-door';
import { FakeStores, fakeVerifier } from '../support/fake-stores';

/**
 * The workshop door's orchestration on in-memory stores: seats never past capacity, a full room
 * answered without a transaction, resends, exits, one room at a time, registrations, evacuation, lost
 * races, rooms emptied after the end. `test/integration/door-requests.test.ts` and the door tests on
 * the local stack hold the real store to the same.
 */
const day = '2027-03-27';
const opensAt = new Date(zonedIso(day, '11:00', zoneOf(demoFair)));
const minutes = (n: number) => new Date(opensAt.getTime() + n * 60_000).toISOString();

function setUp(options: { capacity?: number; registrationRequired?: boolean } = {}) {
  const fake = new FakeStores();
  let now = opensAt;
  let evacuating = false;
  const room = (workshopId: string, zoneId = 'seminar-hall') =>
    fake.addWorkshop({
      workshopId,
      zoneId,
      startsAt: minutes(10),
      endsAt: minutes(70),
      capacity: options.capacity ?? 2,
      registrationRequired: options.registrationRequired ?? false,
    });
  const deps: DoorDeps = {
    door: fake.workshopDoor,
    verifier: fakeVerifier,
    fair: fairMetaOf(demoFair),
    now: () => now,
    evacuating: async () => evacuating,
  };
  const tickets = ['T1', 'T2', 'T3', 'T4'].map((ticketId) => fake.addTicket({ ticketId, validDays: [day] }));
  const tokenOf = (ticketId: string) => `ticket:${ticketId}:visitor:${demoFair.fairId}`;
  const scan = (workshopId: string, ticketId: string, kind: 'admission' | 'exit' = 'admission', scanId?: string) => {
    fake.calls.length = 0;
    return doorScan(deps, workshopId, { scanId: scanId ?? crypto.randomUUID(), token: tokenOf(ticketId) }, kind);
  };
  return {
    fake,
    deps,
    room,
    tickets,
    scan,
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    evacuate: () => {
      evacuating = true;
    },
  };
}

describe('a workshop door, orchestrated (in-memory stores)', () => {
  it('admits up to its seats, then answers FULL from its read, without a transaction', async () => {
    const { fake, room, scan } = setUp();
    room('w1');
    expect(await scan('w1', 'T1')).toMatchObject({ verdict: 'ADMITTED', seatsLeft: 1, ticketId: 'T1' });
    expect(fake.calls).toEqual(['door.context', 'door.admit']);
    expect(await scan('w1', 'T2')).toMatchObject({ verdict: 'ADMITTED', seatsLeft: 0 });
    expect(await scan('w1', 'T3')).toMatchObject({ verdict: 'FULL', seatsLeft: 0 });
    expect(fake.calls).toEqual(['door.context', 'door.recordRefusal']);
    expect(fake.workshops.get('w1')).toMatchObject({ admitted: 2, attended: 2 });
    // The room's door in the scan log: its count follows the door.
    const logged = [...fake.scans.values()].map((record) => [record.direction, record.deltas]);
    expect(logged).toEqual([
      ['in', { 'seminar-hall': 1 }],
      ['in', { 'seminar-hall': 1 }],
    ]);
  });

  it('answers a resent scan with its first verdict and takes no second seat', async () => {
    const { fake, room, scan } = setUp();
    room('w1');
    const first = await scan('w1', 'T1', 'admission', 'door-1');
    const again = await scan('w1', 'T1', 'admission', 'door-1');
    expect(again).toMatchObject({ verdict: first.verdict, replayed: true });
    expect(fake.calls).toEqual(['door.context']);
    expect(fake.workshops.get('w1')?.admitted).toBe(1);
    expect(await scan('w1', 'T1')).toMatchObject({ verdict: 'ALREADY_ADMITTED' });
  });

  it('lets out who is inside, frees the seat, and says why a revoked ticket would not come back', async () => {
    const { fake, room, scan } = setUp();
    room('w1');
    await scan('w1', 'T1');
    expect(await scan('w1', 'T2', 'exit')).toMatchObject({ verdict: 'NOT_ADMITTED' });
    Object.assign(fake.tickets.get('T1') ?? {}, { revoked: true });
    expect(await scan('w1', 'T1', 'exit')).toMatchObject({ verdict: 'EXITED', reason: 'REVOKED', seatsLeft: 2 });
    expect(fake.workshops.get('w1')?.admitted).toBe(0);
    expect(fake.tickets.get('T1')?.inRoom).toBeUndefined();
    expect(await scan('w1', 'T1')).toMatchObject({ verdict: 'REVOKED' });
  });

  it('refuses before the doors open, during an evacuation, a forged token and an unknown room', async () => {
    const { room, scan, later, evacuate } = setUp();
    room('w1');
    later(-60 * 60_000);
    expect((await scan('w1', 'T1')).verdict).toBe('NOT_OPEN');
    later(60 * 60_000);
    expect((await scan('w1', 'T9')).verdict).toBe('INVALID_TOKEN');
    await expect(scan('nowhere', 'T1')).rejects.toThrow(/no workshop/);
    evacuate();
    expect((await scan('w1', 'T1')).verdict).toBe('EVACUATION');
  });

  it('checks registration, saying where a waiting ticket stands in line', async () => {
    const { fake, room, scan } = setUp({ registrationRequired: true });
    room('w1');
    fake.registrations.set('w1#T1', 'registered');
    fake.registrations.set('w1#T2', 'waitlisted');
    fake.registrations.set('w1#T3', 'waitlisted');
    expect(await scan('w1', 'T3')).toMatchObject({ verdict: 'NOT_REGISTERED', waitlistPosition: 2 });
    expect(await scan('w1', 'T4')).toMatchObject({ verdict: 'NOT_REGISTERED' });
    expect((await scan('w1', 'T4')).waitlistPosition).toBeUndefined();
    expect(await scan('w1', 'T1')).toMatchObject({ verdict: 'ADMITTED' });
  });

  it('keeps a ticket in one room at a time: admitted next door, it is let out of the first', async () => {
    const { fake, room, scan } = setUp();
    room('w1');
    room('w2', 'hall-b');
    await scan('w1', 'T1');
    expect(await scan('w2', 'T1')).toMatchObject({ verdict: 'ADMITTED' });
    expect(fake.workshops.get('w1')?.admitted).toBe(0);
    expect(fake.workshops.get('w2')?.admitted).toBe(1);
    expect(fake.tickets.get('T1')?.inRoom).toBe('w2');
    const deltas = [...fake.scans.values()].map((record) => record.deltas);
    expect(deltas).toEqual([{ 'seminar-hall': 1 }, { 'seminar-hall': -1 }, { 'hall-b': 1 }]);
  });

  it('judges again after lost races, and gives up with the conflict, having taken no seat', async () => {
    const { fake, room, scan } = setUp();
    room('w1');
    fake.doorConflicts = 2;
    expect((await scan('w1', 'T1')).verdict).toBe('ADMITTED');
    fake.doorConflicts = 100;
    await expect(scan('w1', 'T2')).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(fake.workshops.get('w1')?.admitted).toBe(1);
  });

  it('judges a scan first on the context its request read with the credential, afresh after a lost race', async () => {
    const { fake, deps, room } = setUp();
    room('w1', 'seminar-hall');
    const token = (ticketId: string) => `ticket:${ticketId}:visitor:${demoFair.fairId}`;
    const readWithCredential = async (ticketId: string | undefined) => {
      const query = { workshopId: 'w1', scanId: crypto.randomUUID(), ticketId };
      deps.prefetched = { query, context: await fake.workshopDoor.context(query) };
      fake.calls.length = 0;
      return query.scanId;
    };
    const admit = (scanId: string, ticketId: string) =>
      doorScan(deps, 'w1', { scanId, token: token(ticketId) }, 'admission');
    expect((await admit(await readWithCredential('T1'), 'T1')).verdict).toBe('ADMITTED');
    expect(fake.calls).toEqual(['door.admit']);
    // A lost race is judged again on a fresh read: the seat the first read saw may be gone.
    fake.doorConflicts = 1;
    expect((await admit(await readWithCredential('T2'), 'T2')).verdict).toBe('ADMITTED');
    expect(fake.calls).toEqual(['door.admit', 'door.context', 'door.admit']);
    // Read for another ticket (a typed short code is looked up after the read): not used.
    expect((await admit(await readWithCredential(undefined), 'T3')).verdict).toBe('FULL');
    expect(fake.calls[0]).toBe('door.context');
    expect(deps.prefetched).toBeUndefined();
  });

  it('empties each room once its end and grace have passed, once', async () => {
    const { fake, deps, room, scan, later } = setUp();
    room('w1');
    room('w2', 'hall-b');
    await scan('w1', 'T1');
    await scan('w1', 'T2');
    await scan('w2', 'T3');
    later(70 * 60_000);
    expect(await emptyEndedRooms(deps)).toEqual([]);
    later(20 * 60_000);
    const emptied = await emptyEndedRooms(deps);
    expect(emptied).toEqual([
      { workshopId: 'w1', letOut: 2 },
      { workshopId: 'w2', letOut: 1 },
    ]);
    expect([...fake.workshops.values()].map((workshop) => workshop.admitted)).toEqual([0, 0]);
    expect(await emptyEndedRooms(deps)).toEqual([]);
  });

  it('however admissions, exits and resends interleave at two rooms: seats never pass capacity, one room a ticket', async () => {
    type Step = { room: 'w1' | 'w2'; ticket: string; kind: 'admission' | 'exit'; resend: boolean };
    const step = fc.record({
      room: fc.constantFrom<Step['room']>('w1', 'w2'),
      ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4'),
      kind: fc.constantFrom<Step['kind']>('admission', 'admission', 'exit'),
      resend: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const { fake, room, scan } = setUp();
        room('w1');
        room('w2', 'hall-b');
        let last: { step: Step; scanId: string; verdict: string } | undefined;
        for (const next of steps) {
          if (next.resend && last) {
            const again = await scan(last.step.room, last.step.ticket, last.step.kind, last.scanId);
            expect(again).toMatchObject({ verdict: last.verdict, replayed: true });
            continue;
          }
          const scanId = crypto.randomUUID();
          const answer = await scan(next.room, next.ticket, next.kind, scanId);
          last = { step: next, scanId, verdict: answer.verdict };
          for (const workshop of fake.workshops.values()) {
            expect(workshop.admitted).toBeLessThanOrEqual(workshop.capacity);
            expect(workshop.admitted).toBeGreaterThanOrEqual(0);
            const inside = [...fake.admissions.entries()].filter(
              ([key, admission]) => admission.inside && key.startsWith(`${workshop.workshopId}#`),
            );
            expect(inside).toHaveLength(workshop.admitted);
          }
          for (const ticketId of ['T1', 'T2', 'T3', 'T4']) {
            const rooms = ['w1', 'w2'].filter((w) => fake.admissions.get(`${w}#${ticketId}`)?.inside);
            expect(rooms.length).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
