import { Refused } from '../domain/errors';
import { fairDay, zoneOf } from '../domain/fair-time';
import type { VerdictReason } from '../domain/gate-verdicts';
import { fairRecordsExpireAt } from '../domain/retention';
import { judgeToken } from '../domain/scan-rules';
import type { Verifier } from '../domain/token-verifier';
import {
  type AdmissionVerdict,
  doorsOpen,
  type ExitVerdict,
  registrationChecked,
  roomDueEmpty,
} from '../domain/workshop-rules';
import { workshopDoorId } from '../domain/zone-tree';
import { retryingConflicts } from '../store/conditional';
import { isTransactionConflict } from '../store/contention';
import { type DoorRecord, logKey } from '../store/scans-store';
import type { DoorContext, DoorContextQuery, DoorScan, WorkshopDoor } from '../store/workshop-door-store';
import type { WorkshopRecord } from '../store/workshops-store';

export interface DoorDeps {
  /** The door's store, bound to its tables (an in-memory fake in the unit tests). */
  door: WorkshopDoor;
  verifier: Verifier;
  fair: { fairId: string; timezone: string; utcOffsets?: Record<string, string> | undefined; days: string[] };
  now: () => Date;
  /** Whether the room's zone, or a zone around it, is being evacuated (read fresh at each admission). */
  evacuating: (zoneId: string) => Promise<boolean>;
  /**
   * The scan's context as the request already read it, with its credential (the gate path): used by
   * the first judgement when it is the same query, never by a judgement again after a lost race.
   */
  prefetched?: { query: DoorContextQuery; context: DoorContext };
}

/** What letting people out of rooms needs: no token to verify, no evacuation to read. */
export type RoomDeps = Pick<DoorDeps, 'door' | 'fair' | 'now'>;

export interface DoorAnswer {
  verdict: AdmissionVerdict | ExitVerdict;
  reason?: VerdictReason;
  seatsLeft: number;
  ticketId?: string;
  replayed?: boolean;
  /** Refused as not registered while on the workshop's waiting list: its place in line. */
  waitlistPosition?: number;
}

/**
 * Seats left as this scan read the room (one request before its write), counting its own seat taken or
 * freed: no read after the write. Admissions at other doors meanwhile make it a seat or two high for a
 * moment; the door page reads the room again every 2 s, and the transaction, not this figure, holds
 * the seats.
 */
function seatsLeft(workshop: Pick<WorkshopRecord, 'capacity' | 'admitted'> | undefined, change: -1 | 0 | 1): number {
  return workshop ? Math.max(0, workshop.capacity - workshop.admitted - change) : 0;
}

/** Where a ticket stands in the workshop's waiting list (1 first), if it is on it. */
async function placeInLine(deps: DoorDeps, workshopId: string, ticketId: string): Promise<number | undefined> {
  const index = (await deps.door.waiting(workshopId)).findIndex((waiting) => waiting.ticketId === ticketId);
  return index < 0 ? undefined : index + 1;
}

async function answer(
  deps: DoorDeps,
  workshop: WorkshopRecord | undefined,
  scan: DoorScan,
  replayed: boolean,
  change: -1 | 0 | 1 = 0,
): Promise<DoorAnswer> {
  const position =
    workshop && scan.verdict === 'NOT_REGISTERED' && scan.ticketId
      ? await placeInLine(deps, workshop.workshopId, scan.ticketId)
      : undefined;
  return {
    verdict: scan.verdict,
    ...(scan.reason ? { reason: scan.reason } : {}),
    // A room found full by its transaction is full, whatever the read before it said.
    seatsLeft: scan.verdict === 'FULL' ? 0 : seatsLeft(workshop, change),
    ...(scan.ticketId ? { ticketId: scan.ticketId } : {}),
    ...(replayed ? { replayed: true } : {}),
    ...(position ? { waitlistPosition: position } : {}),
  };
}

/**
 * The scan log's record of a person let in or out of the workshop's room: the room's door, counted
 * like a gate's, so the room's occupancy and levels follow its door.
 */
function doorRecord(
  deps: RoomDeps,
  workshop: WorkshopRecord,
  scan: DoorScan & { ticketId: string },
  now: Date,
): DoorRecord {
  const direction = scan.kind === 'admission' ? 'in' : 'out';
  return {
    scanId: logKey.door(workshop.workshopId, scan.scanId),
    kind: 'door',
    workshopId: workshop.workshopId,
    ticketId: scan.ticketId,
    gateId: workshopDoorId(workshop.zoneId),
    zoneId: workshop.zoneId,
    direction,
    scannedAt: now.toISOString(),
    receivedAt: now.toISOString(),
    day: fairDay(now, zoneOf(deps.fair)),
    deltas: { [workshop.zoneId]: direction === 'in' ? 1 : -1 },
    // The scan's one record: a resend is answered from it.
    door: { verdict: scan.verdict, ...(scan.reason ? { reason: scan.reason } : {}) },
    expiresAt: fairRecordsExpireAt(deps.fair.days),
  };
}

/**
 * A host's scan at a workshop door, to admit or to let out. The seat count and the ticket's admission
 * change together in one conditional transaction, so however many hosts scan at once, `admitted`
 * never passes `capacity`. The scan id makes a resend answer the first verdict. An exit always lets
 * out a ticket that is inside, whatever became of it: the answer says why it would not come in again.
 */
export async function doorScan(
  deps: DoorDeps,
  workshopId: string,
  input: { scanId: string; token: string },
  kind: 'admission' | 'exit',
): Promise<DoorAnswer> {
  // A room's seat counter is one item every door scan of the room writes: in a rush, a transaction can
  // lose its race more times than the store's retries allow (the 10x surge's rehearsal answered 60 of
  // 720 door scans 500 so). A lost race applied nothing, so the scan is judged again from a fresh read
  // (the room may have filled meanwhile), a few rounds, before the conflict is an error.
  return retryingConflicts(() => judgeDoorScan(deps, workshopId, input, kind), isTransactionConflict, undefined, {
    tries: DOOR_ROUNDS,
    baseMs: 150,
  });
}

/** How many times a door scan is judged afresh after its write lost every race it tried. */
const DOOR_ROUNDS = 4;

async function judgeDoorScan(
  deps: DoorDeps,
  workshopId: string,
  input: { scanId: string; token: string },
  kind: 'admission' | 'exit',
): Promise<DoorAnswer> {
  // The token is checked first (no read), so that the scan id's earlier answer, the workshop and the
  // ticket come in one request.
  const verified = await deps.verifier.verify(input.token);
  // Another fair's ticket is as good as an invalid one at a workshop door; a retired key says so.
  const refused = judgeToken(verified, deps.fair.fairId);
  const named = !refused && verified.ok ? verified.claims.ticketId : undefined;
  const { earlier, workshop, ticket } = await contextOf(deps, { workshopId, scanId: input.scanId, ticketId: named });
  if (earlier) return answer(deps, workshop, earlier, true);
  if (!workshop) throw new Refused('missing', `no workshop ${workshopId}`);
  const refuse = async (
    verdict: AdmissionVerdict | ExitVerdict,
    ticketId?: string,
    reason?: VerdictReason,
  ): Promise<DoorAnswer> => {
    const scan: DoorScan = {
      scanId: input.scanId,
      kind,
      verdict,
      ...(ticketId ? { ticketId } : {}),
      ...(reason ? { reason } : {}),
    };
    if (await deps.door.recordRefusal(workshopId, scan)) return answer(deps, workshop, scan, false);
    const first = await deps.door.scan(workshopId, input.scanId);
    return answer(deps, workshop, first ?? scan, true);
  };
  if (refused || !verified.ok) return refuse('INVALID_TOKEN', undefined, refused?.reason);
  if (!ticket) return refuse('INVALID_TOKEN');
  const now = deps.now();
  const reason: VerdictReason | undefined = ticket.revoked
    ? 'REVOKED'
    : ticket.validDays.includes(fairDay(now, zoneOf(deps.fair)))
      ? undefined
      : 'NOT_VALID_TODAY';
  if (kind === 'admission' && ticket.revoked) return refuse('REVOKED', ticket.ticketId);
  if (kind === 'admission' && workshop.zoneId && (await deps.evacuating(workshop.zoneId)))
    return refuse('EVACUATION', ticket.ticketId);
  if (kind === 'admission' && !doorsOpen(workshop, now)) return refuse('NOT_OPEN', ticket.ticketId);
  const scan = {
    scanId: input.scanId,
    kind,
    ticketId: ticket.ticketId,
    verdict: (kind === 'admission' ? 'ADMITTED' : 'EXITED') as DoorScan['verdict'],
    ...(kind === 'exit' && reason ? { reason } : {}),
  };
  // A workshop placed in a zone counts that room at its door; one in no zone moves no count.
  const log = workshop.zoneId ? doorRecord(deps, workshop, scan, now) : undefined;
  const outcome =
    kind === 'admission'
      ? await admitHere(deps, workshop, scan, ticket.inRoom, registrationChecked(workshop, now), log, now)
      : await deps.door.exit(workshopId, scan, log);
  if (outcome === 'EXITED') await deps.door.leaveRoom(ticket.ticketId, workshopId);
  if (outcome === 'NOT_ADMITTED' && ticket.revoked) return refuse('REVOKED', ticket.ticketId);
  if (outcome === 'REPLAY') {
    const first = await deps.door.scan(workshopId, input.scanId);
    return answer(deps, workshop, first ?? scan, true);
  }
  if (outcome === 'ADMITTED' || outcome === 'EXITED')
    return answer(deps, workshop, scan, false, outcome === 'ADMITTED' ? 1 : -1);
  return refuse(outcome, ticket.ticketId);
}

/** The scan's context: as the request read it with its credential, once, or read now. */
function contextOf(deps: DoorDeps, query: DoorContextQuery): Promise<DoorContext> {
  const read = deps.prefetched;
  delete deps.prefetched;
  const same =
    read?.query.workshopId === query.workshopId &&
    read.query.scanId === query.scanId &&
    read.query.ticketId === query.ticketId;
  return same ? Promise.resolve(read.context) : deps.door.context(query);
}

/**
 * Lets a ticket out of a workshop's room without a host's scan (it was admitted to another room, or
 * the workshop ended): the seat freed, the room's count lowered by its door's record, once per
 * `scanId`. True when it was in the room.
 */
async function letOutOf(
  deps: RoomDeps,
  workshopId: string,
  ticketId: string,
  scanId: string,
  now: Date,
): Promise<boolean> {
  const workshop = await deps.door.workshop(workshopId);
  if (!workshop) return false;
  const scan = { scanId, kind: 'exit' as const, ticketId, verdict: 'EXITED' as const };
  const log = workshop.zoneId ? doorRecord(deps, workshop, scan, now) : undefined;
  const outcome = await deps.door.exit(workshopId, scan, log);
  await deps.door.leaveRoom(ticketId, workshopId);
  return outcome === 'EXITED';
}

/**
 * Empties the room of every workshop whose end and grace have passed: whoever is still admitted is
 * let out (hosts rarely scan people out when a session ends), so the room's count returns to 0 and its
 * seats to the next session. Each workshop once; a missed run is caught up by the next.
 */
export async function emptyEndedRooms(deps: RoomDeps): Promise<{ workshopId: string; letOut: number }[]> {
  const now = deps.now();
  const due = (await deps.door.workshops()).filter((workshop) => !workshop.emptiedAt && roomDueEmpty(workshop, now));
  const emptied: { workshopId: string; letOut: number }[] = [];
  for (const workshop of due) {
    let letOut = 0;
    for (const ticketId of await deps.door.inRoom(workshop.workshopId))
      if (await letOutOf(deps, workshop.workshopId, ticketId, `ended-${ticketId}`, now)) letOut += 1;
    await deps.door.markEmptied(workshop.workshopId, now.toISOString());
    emptied.push({ workshopId: workshop.workshopId, letOut });
  }
  return emptied;
}

/** Tries at most this many times when a concurrent admission elsewhere keeps moving the ticket. */
const ROOM_ATTEMPTS = 3;

/**
 * Admits a ticket to this room, one room at a time: a ticket at this door has left the room it was
 * admitted to before (let out of it first), and the seat is taken on condition it is in no other room,
 * so two doors scanning it at once leave it in one room only.
 */
async function admitHere(
  deps: DoorDeps,
  workshop: WorkshopRecord,
  scan: DoorScan & { ticketId: string },
  inRoom: string | undefined,
  checkRegistration: boolean,
  log: DoorRecord | undefined,
  now: Date,
): Promise<AdmissionVerdict | 'REPLAY'> {
  let room = inRoom;
  for (let attempt = 1; ; attempt += 1) {
    if (room && room !== workshop.workshopId)
      await letOutOf(deps, room, scan.ticketId, `moved-${scan.scanId}-${attempt}`, now);
    // Full as read a moment ago: answered by two reads, not a transaction that would contend for the
    // seat counter with the admissions still going on (a rush at a full room is mostly refusals).
    if (attempt === 1 && workshop.admitted >= workshop.capacity) {
      const refusal = await deps.door.refusalAtFullRoom(workshop.workshopId, scan.ticketId, checkRegistration);
      return refusal ?? 'FULL';
    }
    const outcome = await deps.door.admit(workshop.workshopId, scan, checkRegistration, log);
    if (outcome !== 'IN_ANOTHER_ROOM') return outcome;
    if (attempt >= ROOM_ATTEMPTS) return 'ALREADY_ADMITTED';
    room = await deps.door.roomOf(scan.ticketId);
  }
}
