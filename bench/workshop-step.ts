import { round } from './measure';
import type { StackMeter } from './stack-meter';

/** The demo fair's first workshop room and its seats. */
const ROOM = { zoneId: 'room-1', capacity: 40 };

/**
 * Workshop doors: 300 hosts' scans at once for 20 seats (admissions a second, and exactly 20 in), then
 * what a door scan costs end to end: 40 tickets of their own admitted and let out one after another,
 * as at a real door, at a workshop in a zone's room with seats for all.
 */

export async function measureWorkshopDoors(input: {
  call: <T = Record<string, unknown>>(route: string, body?: unknown) => Promise<T>;
  issue: (count: number) => Promise<{ token: string }[]>;
  meter: StackMeter;
  fairNow: () => string;
}) {
  const { call, meter } = input;
  const start = new Date(Date.parse(input.fairNow()) + 10 * 60_000).toISOString();
  const createWorkshop = (title: string, capacity: number, zoneId?: string) =>
    call<{ workshopId: string }>('/v1/workshops', {
      title,
      startsAt: start,
      endsAt: new Date(Date.parse(start) + 3_600_000).toISOString(),
      capacity,
      registrationRequired: false,
      ...(zoneId ? { zoneId } : {}),
    });
  const workshop = await createWorkshop('bench', 20);
  const seatTickets = await input.issue(300);
  const admissionStart = performance.now();
  const verdicts = await Promise.all(
    seatTickets.map((ticket) =>
      call<{ verdict: string }>(`/v1/workshops/${workshop.workshopId}/admissions`, {
        scanId: crypto.randomUUID(),
        token: ticket.token,
      }),
    ),
  );
  const admissionSeconds = (performance.now() - admissionStart) / 1000;
  const after = await call<{ admitted: number; capacity: number }>(`/v1/workshops/${workshop.workshopId}`);
  const result = {
    admissionsPerSecond: round(300 / admissionSeconds),
    seats: 20,
    scans: 300,
    admitted: verdicts.filter((v) => v.verdict === 'ADMITTED').length,
    // What the 300 got: ADMITTED and FULL, and anything else by its error code.
    answers: verdicts.reduce<Record<string, number>>((tally, answer) => {
      const key =
        answer.verdict ?? (answer as { error?: { code?: string } }).error?.code ?? JSON.stringify(answer).slice(0, 80);
      tally[key] = (tally[key] ?? 0) + 1;
      return tally;
    }, {}),
  };
  // A room in a zone, as the fair's workshop rooms are: its door counts the room (a scan log record and
  // the projection), which a room in no zone does not.
  const room = await createWorkshop('bench door', ROOM.capacity, ROOM.zoneId);
  // Tickets of their own: the rush's first tickets took the first room's seats, and a ticket admitted
  // here from another room is let out of it first (an exit more), which is a move, not a door scan.
  const doorTickets = await input.issue(ROOM.capacity);
  // One scan after another: a stampede's handler times would include its own queue.
  const door = await meter.measure(async () => {
    for (const route of ['admissions', 'exits'])
      for (const ticket of doorTickets)
        await call(`/v1/workshops/${room.workshopId}/${route}`, { scanId: crypto.randomUUID(), token: ticket.token });
  });
  return { result, after, doorUsage: door.usage, doorScans: doorTickets.length * 2 };
}
