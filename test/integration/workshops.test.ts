import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket } from '../support/api-client';
import { eventually } from '../support/eventually';

interface Workshop {
  workshopId: string;
  capacity: number;
  admitted: number;
  attended?: number;
  registered: number;
  waitlisted: number;
  seatsLeft: number;
  status: string;
}

const minutesFromNow = (minutes: number) => new Date(Date.parse(fairNow()) + minutes * 60_000).toISOString();

async function createWorkshop(overrides: Record<string, unknown> = {}): Promise<Workshop> {
  const response = await api<Workshop>('/v1/workshops', {
    body: {
      title: 'Packaging for export',
      startsAt: minutesFromNow(10),
      endsAt: minutesFromNow(100),
      capacity: 5,
      registrationRequired: false,
      ...overrides,
    },
  });
  expect(response.status).toBe(201);
  return response.body;
}

const door = (
  workshopId: string,
  kind: 'admissions' | 'exits',
  token: string,
  credential?: string,
  scanId = crypto.randomUUID(),
) =>
  api<{ verdict: string; seatsLeft: number; replayed?: boolean }>(`/v1/workshops/${workshopId}/${kind}`, {
    body: { scanId, token },
    ...(credential ? { credential } : {}),
  });

const registerTicket = (workshopId: string, token: string) =>
  api<{ verdict: string }>(`/v1/workshops/${workshopId}/registrations`, { body: { token } });

describe('the programme', () => {
  it("lists the demo fair's workshops and its three seminars", async () => {
    const response = await api<{ workshops: (Workshop & { kind: string })[] }>('/v1/workshops');
    expect(response.body.workshops.filter((w) => w.kind === 'seminar')).toHaveLength(3);
    expect(response.body.workshops.length).toBeGreaterThanOrEqual(15);
  });
});

describe('workshop doors', () => {
  it('admits exactly capacity under 300 simultaneous scans from six hosts', async () => {
    const workshop = await createWorkshop({ capacity: 50 });
    const hosts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createCredential('host', { workshops: [workshop.workshopId] }, `host ${i}`)),
    );
    const { body } = await api<{ tickets: { token: string }[] }>('/v1/tickets/batch', {
      body: { tickets: Array.from({ length: 300 }, () => ({ category: 'visitor' })) },
    });
    // As the door page does: an answer that is not a verdict (a 5xx, a lost response) is sent again with
    // the same scan id, which the API answers once. How many needed it is kept, and held small.
    let resent = 0;
    const whyResent = new Map<string, number>();
    const scanAtDoor = async (token: string, host: string | undefined) => {
      const scanId = crypto.randomUUID();
      for (let attempt = 1; ; attempt += 1) {
        const answer = await door(workshop.workshopId, 'admissions', token, host, scanId);
        if (answer.status < 500 || attempt === 5) return answer;
        resent += 1;
        const why = `${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`;
        whyResent.set(why, (whyResent.get(why) ?? 0) + 1);
      }
    };
    const answers = await Promise.all(body.tickets.map((ticket, i) => scanAtDoor(ticket.token, hosts[i % 6])));
    const verdicts = answers.map((a) => a.body.verdict);
    expect(verdicts.filter((v) => v === 'ADMITTED')).toHaveLength(50);
    expect(verdicts.filter((v) => v === 'FULL')).toHaveLength(250);
    expect(resent, JSON.stringify([...whyResent])).toBeLessThanOrEqual(15);
    const after = await api<Workshop>(`/v1/workshops/${workshop.workshopId}`);
    expect(after.body).toMatchObject({ admitted: 50, seatsLeft: 0, status: 'full' });
  });

  it('gives every door verdict, answers a resent scan the same, and frees a seat on exit', async () => {
    const workshop = await createWorkshop({ capacity: 1 });
    const [first, second] = [await issueTicket(), await issueTicket()];
    const scanId = crypto.randomUUID();
    expect((await door(workshop.workshopId, 'admissions', first.token, undefined, scanId)).body).toEqual({
      verdict: 'ADMITTED',
      seatsLeft: 0,
      ticketId: first.ticketId,
    });
    expect((await door(workshop.workshopId, 'admissions', first.token, undefined, scanId)).body).toMatchObject({
      verdict: 'ADMITTED',
      replayed: true,
    });
    expect((await door(workshop.workshopId, 'admissions', first.token)).body.verdict).toBe('ALREADY_ADMITTED');
    expect((await door(workshop.workshopId, 'admissions', second.token)).body).toMatchObject({
      verdict: 'FULL',
      seatsLeft: 0,
    });
    expect((await door(workshop.workshopId, 'exits', first.token)).body).toMatchObject({
      verdict: 'EXITED',
      seatsLeft: 1,
    });
    expect((await door(workshop.workshopId, 'exits', first.token)).body.verdict).toBe('NOT_ADMITTED');
    expect((await door(workshop.workshopId, 'admissions', second.token)).body.verdict).toBe('ADMITTED');
    expect((await door(workshop.workshopId, 'admissions', 'not-a-ticket')).body.verdict).toBe('INVALID_TOKEN');
    const revoked = await issueTicket();
    await api(`/v1/tickets/${revoked.ticketId}/revoke`, { method: 'POST' });
    expect((await door(workshop.workshopId, 'admissions', revoked.token)).body.verdict).toBe('REVOKED');
    const tomorrow = await createWorkshop({ startsAt: minutesFromNow(24 * 60), endsAt: minutesFromNow(25 * 60) });
    expect((await door(tomorrow.workshopId, 'admissions', first.token)).body.verdict).toBe('NOT_OPEN');
  });

  it('keeps attendance (distinct tickets admitted) when people leave and come back', async () => {
    const workshop = await createWorkshop({ capacity: 4 });
    const [first, second] = [await issueTicket(), await issueTicket()];
    for (const token of [first.token, second.token])
      expect((await door(workshop.workshopId, 'admissions', token)).body.verdict).toBe('ADMITTED');
    expect((await door(workshop.workshopId, 'exits', first.token)).body.verdict).toBe('EXITED');
    expect((await door(workshop.workshopId, 'admissions', first.token)).body.verdict).toBe('ADMITTED');
    expect((await door(workshop.workshopId, 'exits', first.token)).body.verdict).toBe('EXITED');
    expect((await door(workshop.workshopId, 'exits', second.token)).body.verdict).toBe('EXITED');
    expect((await api(`/v1/workshops/${workshop.workshopId}`)).body).toMatchObject({ admitted: 0, attended: 2 });
    // Many hosts admitting the same returning ticket at once: one admission, attendance unchanged.
    const again = await Promise.all(
      Array.from({ length: 6 }, () => door(workshop.workshopId, 'admissions', first.token)),
    );
    expect(again.filter((answer) => answer.body.verdict === 'ADMITTED')).toHaveLength(1);
    expect((await api(`/v1/workshops/${workshop.workshopId}`)).body).toMatchObject({ admitted: 1, attended: 2 });
  });

  it('lets a revoked ticket out of the room, saying why, and frees its seat', async () => {
    const workshop = await createWorkshop({ capacity: 2 });
    const ticket = await issueTicket();
    expect((await door(workshop.workshopId, 'admissions', ticket.token)).body.verdict).toBe('ADMITTED');
    await api(`/v1/tickets/${ticket.ticketId}/revoke`, { method: 'POST' });
    expect((await door(workshop.workshopId, 'exits', ticket.token)).body).toMatchObject({
      verdict: 'EXITED',
      reason: 'REVOKED',
      seatsLeft: 2,
    });
    expect((await door(workshop.workshopId, 'exits', ticket.token)).body.verdict).toBe('REVOKED');
    expect((await door(workshop.workshopId, 'admissions', ticket.token)).body.verdict).toBe('REVOKED');
  });

  it("counts the workshop's room at its door: admissions raise the room, exits lower it", async () => {
    const roomCount = async () =>
      (await api<{ zones: { zoneId: string; count: number; coverage: string }[] }>('/v1/occupancy')).body.zones.find(
        (zone) => zone.zoneId === 'room-2',
      );
    const before = (await roomCount())?.count ?? 0;
    const workshop = await createWorkshop({ capacity: 5, zoneId: 'room-2' });
    const tickets = [await issueTicket(), await issueTicket(), await issueTicket()];
    for (const { token } of tickets) await door(workshop.workshopId, 'admissions', token);
    await door(workshop.workshopId, 'exits', (tickets[0] as { token: string }).token);
    await eventually('the room counted by its door', async () =>
      (await roomCount())?.count === before + 2 ? true : undefined,
    );
    // Which rooms were counted comes from the doors' hours (their own consumer, batching 5 s).
    await eventually('the room counted in full', async () =>
      (await roomCount())?.coverage === 'full' ? true : undefined,
    );
    for (const { token } of tickets.slice(1)) await door(workshop.workshopId, 'exits', token);
    await eventually('the room emptied', async () => ((await roomCount())?.count === before ? true : undefined));
  });

  it('keeps a ticket in one room at a time, even scanned at two doors at once', async () => {
    const room = async (zoneId: string) =>
      (await api<{ zones: { zoneId: string; count: number }[] }>('/v1/occupancy')).body.zones.find(
        (zone) => zone.zoneId === zoneId,
      )?.count ?? 0;
    const [room1, room2] = [await room('room-1'), await room('room-2')];
    const first = await createWorkshop({ capacity: 10, zoneId: 'room-1' });
    const second = await createWorkshop({ capacity: 10, zoneId: 'room-2' });
    const admitted = async (workshopId: string) =>
      (await api<{ admitted: number }>(`/v1/workshops/${workshopId}`)).body.admitted;
    // Admitted to room 1, then to room 2: let out of room 1 by the second door.
    const mover = await issueTicket();
    expect((await door(first.workshopId, 'admissions', mover.token)).body.verdict).toBe('ADMITTED');
    expect((await door(second.workshopId, 'admissions', mover.token)).body.verdict).toBe('ADMITTED');
    expect([await admitted(first.workshopId), await admitted(second.workshopId)]).toEqual([0, 1]);
    // Five more, each scanned at both doors at the same moment: each ends in exactly one room.
    const racers = await Promise.all(Array.from({ length: 5 }, () => issueTicket()));
    await Promise.all(
      racers.flatMap((racer) => [
        door(first.workshopId, 'admissions', racer.token),
        door(second.workshopId, 'admissions', racer.token),
      ]),
    );
    expect((await admitted(first.workshopId)) + (await admitted(second.workshopId))).toBe(6);
    const inFirst = await admitted(first.workshopId);
    // The rooms, counted at their doors, agree: nobody in both.
    await eventually('the rooms counted by their doors', async () =>
      (await room('room-1')) === room1 + inFirst && (await room('room-2')) === room2 + 6 - inFirst ? true : undefined,
    );
    for (const person of [mover, ...racers]) {
      await door(first.workshopId, 'exits', person.token);
      await door(second.workshopId, 'exits', person.token);
    }
    expect([await admitted(first.workshopId), await admitted(second.workshopId)]).toEqual([0, 0]);
    await eventually('both rooms as they were', async () =>
      (await room('room-1')) === room1 && (await room('room-2')) === room2 ? true : undefined,
    );
  });

  it('checks registration where required, until seats unclaimed after the start go to walk-ins', async () => {
    const workshop = await createWorkshop({ capacity: 3, registrationRequired: true });
    const [registered, walkIn] = [await issueTicket(), await issueTicket()];
    expect((await registerTicket(workshop.workshopId, registered.token)).body.verdict).toBe('REGISTERED');
    expect((await registerTicket(workshop.workshopId, registered.token)).body.verdict).toBe('ALREADY_REGISTERED');
    expect((await door(workshop.workshopId, 'admissions', walkIn.token)).body.verdict).toBe('NOT_REGISTERED');
    expect((await door(workshop.workshopId, 'admissions', registered.token)).body.verdict).toBe('ADMITTED');
    const started = await createWorkshop({
      capacity: 3,
      registrationRequired: true,
      startsAt: minutesFromNow(-15),
      releaseUnclaimedAfterMinutes: 10,
    });
    expect((await door(started.workshopId, 'admissions', walkIn.token)).body.verdict).toBe('ADMITTED');
  });

  it('lets a host act only on the workshops in its scope', async () => {
    const [mine, theirs] = [await createWorkshop(), await createWorkshop()];
    const host = await createCredential('host', { workshops: [mine.workshopId] });
    const { token } = await issueTicket();
    expect((await door(theirs.workshopId, 'admissions', token, host)).status).toBe(403);
    expect((await door(mine.workshopId, 'admissions', token, host)).body.verdict).toBe('ADMITTED');
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await door(mine.workshopId, 'exits', token, gate)).status).toBe(403);
    expect(
      (await api(`/v1/workshops/${theirs.workshopId}/registrations`, { body: { token }, credential: host })).status,
    ).toBe(403);
    expect((await api(`/v1/workshops/${theirs.workshopId}/waitlist`, { credential: host })).status).toBe(403);
    expect((await api(`/v1/workshops/${mine.workshopId}/waitlist`, { credential: host })).body).toEqual({
      workshopId: mine.workshopId,
      waitlist: [],
    });
  });

  it('refuses bad input with 400 and unknown workshops with 404', async () => {
    for (const body of [
      { title: 'x' },
      { title: 'x', startsAt: 'soon', endsAt: minutesFromNow(60), capacity: 3, registrationRequired: false },
    ]) {
      expect((await api('/v1/workshops', { body })).status).toBe(400);
    }
    const backwards = await api('/v1/workshops', {
      body: {
        title: 'x',
        startsAt: minutesFromNow(60),
        endsAt: minutesFromNow(30),
        capacity: 3,
        registrationRequired: false,
      },
    });
    expect(expectErrorBody(backwards.body, 'VALIDATION_FAILED').details[0]?.path).toBe('endsAt');
    const workshop = await createWorkshop();
    expect(
      (await api(`/v1/workshops/${workshop.workshopId}/admissions`, { body: { scanId: 'x', token: 'y' } })).status,
    ).toBe(400);
    expect((await api(`/v1/workshops/${workshop.workshopId}`, { method: 'PATCH', body: { capacity: 0 } })).status).toBe(
      400,
    );
    expectErrorBody(
      (await api('/v1/workshops/ws-none/admissions', { body: { scanId: crypto.randomUUID(), token: 'y' } })).body,
      'NOT_FOUND',
    );
    expectErrorBody((await api('/v1/workshops/ws-none', { method: 'PATCH', body: { capacity: 3 } })).body, 'NOT_FOUND');
    expectErrorBody((await api('/v1/workshops/ws-none/waitlist')).body, 'NOT_FOUND');
    expectErrorBody((await api('/v1/workshops/bad%20id!/waitlist')).body, 'VALIDATION_FAILED');
  });
});

describe('registrations and the waitlist', () => {
  it('gives a cancelled seat to the first ticket on the waitlist', async () => {
    const workshop = await createWorkshop({ capacity: 2, registrationRequired: true });
    const tickets = await Promise.all(Array.from({ length: 4 }, () => issueTicket()));
    const verdicts = [];
    for (const ticket of tickets) verdicts.push((await registerTicket(workshop.workshopId, ticket.token)).body.verdict);
    expect(verdicts).toEqual(['REGISTERED', 'REGISTERED', 'WAITLISTED', 'WAITLISTED']);
    const waiting = await api<{ waitlist: { ticketId: string; since: string }[] }>(
      `/v1/workshops/${workshop.workshopId}/waitlist`,
    );
    expect(waiting.body.waitlist.map((entry) => entry.ticketId)).toEqual([tickets[2]?.ticketId, tickets[3]?.ticketId]);
    // No names: the ticket, since when it waits, and its place in line.
    expect(Object.keys(waiting.body.waitlist[0] ?? {}).sort()).toEqual(['position', 'since', 'ticketId']);
    expect(waiting.body.waitlist.map((entry) => (entry as { position?: number }).position)).toEqual([1, 2]);
    const cancelled = await api(`/v1/workshops/${workshop.workshopId}/registrations/${tickets[0]?.ticketId}`, {
      method: 'DELETE',
    });
    expect(cancelled.status).toBe(200);
    await eventually('the promotion', async () => {
      const current = await api<Workshop>(`/v1/workshops/${workshop.workshopId}`);
      return current.body.registered === 2 && current.body.waitlisted === 1 ? true : undefined;
    });
    const after = await api<{ waitlist: { ticketId: string }[] }>(`/v1/workshops/${workshop.workshopId}/waitlist`);
    expect(after.body.waitlist.map((entry) => entry.ticketId)).toEqual([tickets[3]?.ticketId]);
    expect((await door(workshop.workshopId, 'admissions', tickets[2]?.token ?? '')).body.verdict).toBe('ADMITTED');
    expect((await door(workshop.workshopId, 'admissions', tickets[3]?.token ?? '')).body.verdict).toBe(
      'NOT_REGISTERED',
    );
    expect(
      (await api(`/v1/workshops/${workshop.workshopId}/registrations/${tickets[0]?.ticketId}`, { method: 'DELETE' }))
        .status,
    ).toBe(404);
  });

  it('gives the roster: seats in the order taken with who came in, the waiting list by name, and tells the one waiting their place', async () => {
    const workshop = await createWorkshop({ capacity: 2, registrationRequired: true });
    const named = await issueTicket({ category: 'exhibitor', holderName: 'Fatima Zahra El Idrissi' });
    const anonymous = await issueTicket();
    const waiting = await issueTicket({ category: 'visitor', holderName: 'Waiting Person' });
    for (const ticket of [named, anonymous, waiting]) await registerTicket(workshop.workshopId, ticket.token);
    // At the door before the seats are released: the one waiting is told where they stand in line.
    const refused = await door(workshop.workshopId, 'admissions', waiting.token);
    expect(refused.body).toMatchObject({ verdict: 'NOT_REGISTERED', waitlistPosition: 1 });
    expect((await door(workshop.workshopId, 'admissions', named.token)).body.verdict).toBe('ADMITTED');
    const path = `/v1/workshops/${workshop.workshopId}/registrations`;
    const roster = await api<{
      registered: Record<string, string | boolean>[];
      waitlist: Record<string, string | number>[];
      walkIns: unknown[];
    }>(path);
    expect(roster.status).toBe(200);
    expect(roster.body.registered.map((row) => row.ticketId)).toEqual([named.ticketId, anonymous.ticketId]);
    expect(roster.body.registered[0]).toMatchObject({
      category: 'exhibitor',
      holderName: 'Fatima Zahra El Idrissi',
      admitted: true,
    });
    expect(roster.body.registered[1]?.admitted).toBe(false);
    // The waiting list by name, first in line first; nobody came in without registering.
    expect(roster.body.waitlist).toEqual([
      expect.objectContaining({ ticketId: waiting.ticketId, holderName: 'Waiting Person', position: 1 }),
    ]);
    expect(roster.body.walkIns).toEqual([]);
    // An unnamed ticket is listed by its short code, which the host can check at the door.
    expect(roster.body.registered[1]?.holderName).toBeUndefined();
    expect(roster.body.registered[1]?.shortCode).toMatch(/^[0-9A-Z]{10}$/);
    expect(Date.parse(String(roster.body.registered[0]?.registeredAt))).not.toBeNaN();
    // Who may read it: the workshop's host, the desk; not another room's host, not a gate.
    const host = await createCredential('host', { workshops: [workshop.workshopId] });
    const otherHost = await createCredential('host', { workshops: [(await createWorkshop()).workshopId] });
    const desk = await createCredential('desk', {});
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await api(path, { credential: host })).status).toBe(200);
    expect((await api(path, { credential: desk })).status).toBe(200);
    expect((await api(path, { credential: otherHost })).status).toBe(403);
    expect((await api(path, { credential: gate })).status).toBe(403);
    expectErrorBody((await api('/v1/workshops/ws-none/registrations')).body, 'NOT_FOUND');
    expectErrorBody((await api('/v1/workshops/bad%20id!/registrations')).body, 'VALIDATION_FAILED');
  });

  it('never exceeds capacity and ends consistent under random interleaved admissions, exits, registrations and cancellations', async () => {
    const POSSIBLE: Record<'admit' | 'exit' | 'register', string[]> = {
      admit: ['ADMITTED', 'FULL', 'ALREADY_ADMITTED', 'NOT_REGISTERED'],
      exit: ['EXITED', 'NOT_ADMITTED'],
      register: ['REGISTERED', 'WAITLISTED', 'ALREADY_REGISTERED'],
    };
    const pool = await Promise.all(Array.from({ length: 6 }, () => issueTicket()));
    const operation = fc.record({ kind: fc.constantFrom('admit', 'exit', 'register', 'cancel'), ticket: fc.nat(5) });
    await fc.assert(
      fc.asyncProperty(
        // A round's operations run at once, each on a different ticket: what each answer says about its
        // ticket is then true whatever order the round's commits took.
        fc.array(fc.uniqueArray(operation, { selector: (op) => op.ticket, minLength: 1, maxLength: 4 }), {
          minLength: 3,
          maxLength: 8,
        }),
        async (rounds) => {
          const workshop = await createWorkshop({ capacity: 2, registrationRequired: true });
          const inside = new Set<number>();
          /** Tickets holding a seat or a place in line, from the answers: promotions move them, never drop them. */
          const holding = new Set<number>();
          for (const round of rounds) {
            // Each round's operations run at once, as several hosts would.
            await Promise.all(
              round.map(async ({ kind, ticket }) => {
                const { token, ticketId } = pool[ticket] as { token: string; ticketId: string };
                const path = `/v1/workshops/${workshop.workshopId}`;
                const response =
                  kind === 'admit'
                    ? await door(workshop.workshopId, 'admissions', token)
                    : kind === 'exit'
                      ? await door(workshop.workshopId, 'exits', token)
                      : kind === 'register'
                        ? await registerTicket(workshop.workshopId, token)
                        : await api(`${path}/registrations/${ticketId}`, { method: 'DELETE' });
                expect([200, 404]).toContain(response.status);
                if (kind === 'cancel') {
                  if (response.status === 200) holding.delete(ticket);
                  return;
                }
                const verdict = (response.body as { verdict: string }).verdict;
                // Valid, live tickets at an open door: only these answers are possible for each kind.
                expect(POSSIBLE[kind]).toContain(verdict);
                if (verdict === 'REGISTERED' || verdict === 'WAITLISTED' || verdict === 'ALREADY_REGISTERED')
                  holding.add(ticket);
                if (verdict === 'ADMITTED') inside.add(ticket);
                if (verdict === 'EXITED') inside.delete(ticket);
              }),
            );
            const now = (await api<Workshop>(`/v1/workshops/${workshop.workshopId}`)).body;
            expect(now.admitted).toBeLessThanOrEqual(now.capacity);
            expect(now.registered).toBeLessThanOrEqual(now.capacity);
            expect(now.admitted).toBe(inside.size);
          }
          // Once the promoter has run, nobody waits while a seat is free.
          const end = await eventually('the waitlist to settle', async () => {
            const current = (await api<Workshop>(`/v1/workshops/${workshop.workshopId}`)).body;
            return current.waitlisted === 0 || current.registered === current.capacity ? current : undefined;
          });
          expect(end.registered + end.waitlisted).toBe(holding.size);
          expect(end.admitted).toBe(inside.size);
        },
      ),
      { numRuns: 6 },
    );
  });
});
