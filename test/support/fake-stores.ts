import type { Zone } from '#shared/domain/fair';
import type { Presence } from '#shared/domain/scan-rules';
import type { VerifyResult } from '#shared/domain/token-verifier';
import type { AlertLog, AlertRecord } from '#shared/store/alerts-store';
import type { DayClosingRecord, DayClosings } from '#shared/store/fair-store';
import { INSIDE_SHARDS } from '#shared/store/index-names';
import type {
  CountRecord,
  DoorRecord,
  PresenceChange,
  RecordOutcome,
  ScanLog,
  ScanRecord,
} from '#shared/store/scans-store';
import {
  type InsideTickets,
  insideShardOf,
  type PresenceExpectation,
  type TicketReader,
  type TicketRecord,
} from '#shared/store/tickets-store';
import type { WalkInLog } from '#shared/store/walk-in-log';
import type { DoorScan, WorkshopDoor } from '#shared/store/workshop-door-store';
import type { WorkshopRecord } from '#shared/store/workshops-store';
import type { ZoneReader, ZoneRecord, ZoneStore } from '#shared/store/zones-store';

/**
 * In memory, the stores as use cases see them (`ScanLog`, `TicketReader`, `ZoneStore`, `WalkInLog`,
 * `InsideTickets`, `DayClosings`, `AlertLog`), with the conditions the real ones send to DynamoDB
 * (`presenceUpdate`, `logPut`, `walkInMinuteUpdate`, `zoneLiveUpdate`...) evaluated here: fast unit
 * tests of a use case's orchestration (what it reads, what it writes, what it does when a write is
 * refused), beside the integration tests that hold the real stores to the same behaviour.
 */
export class FakeStores {
  readonly tickets = new Map<string, TicketRecord>();
  readonly scans = new Map<string, ScanRecord>();
  readonly zones = new Map<string, ZoneRecord>();
  /** Every call, in order: `tickets.get`, `scans.record`, `zones.read`, `walkIns.append`... */
  readonly calls: string[] = [];
  /** Run once, just before the next presence change is judged: another gate moving the ticket first. */
  private raceOnce: ((ticket: TicketRecord) => void) | undefined;
  /** How many of the next presence changes lose to a transaction conflict (nothing written). */
  conflicts = 0;

  race(change: (ticket: TicketRecord) => void): void {
    this.raceOnce = change;
  }

  addZones(zones: readonly Zone[], live: Partial<ZoneRecord> = {}): void {
    for (const zone of zones) {
      this.zones.set(zone.zoneId, {
        ...zone,
        count: 0,
        ticketed: 0,
        counted: 0,
        level: 'normal',
        levelVersion: 0,
        updatedAt: '2027-03-26T09:00:00.000Z',
        ...live,
      });
    }
  }

  addTicket(ticket: Partial<TicketRecord> & Pick<TicketRecord, 'ticketId' | 'validDays'>): TicketRecord {
    const stored: TicketRecord = {
      category: 'visitor',
      revoked: false,
      inside: false,
      entries: 0,
      version: 0,
      createdAt: '2027-03-20T09:00:00.000Z',
      ...ticket,
    };
    this.tickets.set(stored.ticketId, stored);
    return stored;
  }

  readonly ticketReader: TicketReader = {
    get: async (ticketId) => {
      this.calls.push('tickets.get');
      const ticket = this.tickets.get(ticketId);
      return ticket ? structuredClone(ticket) : undefined;
    },
  };

  readonly zoneReader: ZoneReader = {
    read: async (zoneIds) => {
      this.calls.push('zones.read');
      return [...new Set(zoneIds)].flatMap((zoneId) => {
        const zone = this.zones.get(zoneId);
        return zone ? [structuredClone(zone)] : [];
      });
    },
    get: async (zoneId) => {
      this.calls.push('zones.get');
      const zone = this.zones.get(zoneId);
      return zone ? structuredClone(zone) : undefined;
    },
  };

  /** Run before each live write of a zone: a projector moving it first (raise its version). */
  beforePutLive: ((zone: ZoneRecord) => void) | undefined;

  readonly zoneStore: ZoneStore = {
    ...this.zoneReader,
    list: async () => {
      this.calls.push('zones.list');
      return [...this.zones.values()].sort((a, b) => a.zoneId.localeCompare(b.zoneId)).map((z) => structuredClone(z));
    },
    putLive: async (zone, live, at) => {
      this.calls.push('zones.putLive');
      const current = this.zones.get(zone.zoneId);
      if (current) this.beforePutLive?.(current);
      // The condition `zoneLiveUpdate` sends: nobody changed the zone since it was read.
      if (!current || (current.version ?? 0) !== (zone.version ?? 0)) return false;
      this.zones.set(zone.zoneId, { ...current, ...live, version: (current.version ?? 0) + 1, updatedAt: at });
      return true;
    },
  };

  /** Run once, right after the next shard is listed: a scan committing just after the sweep read. */
  private afterListOnce: (() => void) | undefined;

  afterNextList(change: () => void): void {
    this.afterListOnce = change;
  }

  /** The sparse inside index, read from the tickets as they stand. */
  private insideIn(day: string, shard: number): TicketRecord[] {
    return [...this.tickets.values()].filter((ticket) => ticket.insideShard === `${day}#${shard}`);
  }

  readonly insideTickets: InsideTickets = {
    countByShard: async (day) => {
      this.calls.push('tickets.countByShard');
      return Array.from({ length: INSIDE_SHARDS }, (_, shard) => this.insideIn(day, shard).length);
    },
    listShard: async (day, shard) => {
      this.calls.push('tickets.listShard');
      const listed = this.insideIn(day, shard).map((ticket) => structuredClone(ticket));
      const after = this.afterListOnce;
      this.afterListOnce = undefined;
      after?.();
      return listed;
    },
    sweepOut: async (listed, day) => {
      this.calls.push('tickets.sweepOut');
      const ticket = this.tickets.get(listed.ticketId);
      if (!ticket?.inside || !ticket.insideDay || ticket.insideDay > day) return undefined;
      const { zoneId: _zone, insideDay: _day, insideShard: _shard, ...rest } = ticket;
      const out = { ...rest, inside: false, counted: [], version: ticket.version + 1 };
      this.tickets.set(ticket.ticketId, out);
      return structuredClone(out);
    },
  };

  readonly closings = new Map<string, DayClosingRecord>();

  readonly dayClosings: DayClosings = {
    get: async (day) => {
      const found = this.closings.get(day);
      return found ? structuredClone(found) : undefined;
    },
    start: async (closing) => {
      const found = this.closings.get(closing.day);
      if (found) return structuredClone(found);
      const { pendingShards, ...rest } = closing;
      this.closings.set(closing.day, { ...rest, ticketsSwept: 0, ...(pendingShards?.length ? { pendingShards } : {}) });
      return closing;
    },
    markShardSwept: async (day, shard, swept) => {
      const found = this.closings.get(day);
      if (!found?.pendingShards?.includes(shard)) return undefined;
      const left = found.pendingShards.filter((pending) => pending !== shard);
      // An emptied set is no attribute at all in DynamoDB.
      const { pendingShards: _pending, ...rest } = found;
      this.closings.set(day, {
        ...rest,
        ticketsSwept: (found.ticketsSwept ?? 0) + swept,
        ...(left.length ? { pendingShards: left } : {}),
      });
      return left.length;
    },
    finish: async (day, completedAt) => {
      const found = this.closings.get(day);
      if (found && !found.completedAt) found.completedAt = completedAt;
    },
  };

  readonly alerts = new Map<string, AlertRecord>();

  readonly alertLog: AlertLog = {
    putIfAbsent: async (alert) => {
      if (this.alerts.has(alert.alertId)) return false;
      this.alerts.set(alert.alertId, structuredClone(alert));
      return true;
    },
    get: async (alertId) => {
      const found = this.alerts.get(alertId);
      return found ? structuredClone(found) : undefined;
    },
  };

  readonly scanLog: ScanLog = {
    record: async (record, change) => {
      this.calls.push('scans.record');
      if (change) {
        const racing = this.tickets.get(change.ticketId);
        if (this.raceOnce && racing) {
          this.raceOnce(racing);
          this.raceOnce = undefined;
        }
        if (this.conflicts > 0) {
          this.conflicts -= 1;
          return { kind: 'stale' };
        }
      }
      const existing = this.scans.get(record.scanId);
      const ticket = change ? this.tickets.get(change.ticketId) : undefined;
      const held = !change || meets(ticket, change.expected);
      // Like ReturnValuesOnConditionCheckFailure: each refusing item comes back as it stands.
      if (existing)
        return { kind: 'replay', existing, ...(held || !ticket ? {} : { ticket: structuredClone(ticket) }) };
      if (change && !held) return { kind: 'stale', ticket: ticket ? structuredClone(ticket) : null };
      this.scans.set(record.scanId, structuredClone(record));
      if (change && ticket) this.tickets.set(ticket.ticketId, moved(ticket, change));
      return { kind: 'recorded' } satisfies RecordOutcome;
    },
    // Here a scan's record and its move are one step, so `record` answers any replay itself.
    earlier: async () => undefined,
  };

  stores() {
    return { scans: this.scanLog, tickets: this.ticketReader, zones: this.zoneReader };
  }

  /** Walk-ins per gate and minute (`WALKINS#<gate>` items of the fair table). */
  readonly minutes = new Map<string, { in: number; out: number; flagged: number }>();

  private minuteOf(gateId: string, minute: string) {
    const key = `${gateId}#${minute}`;
    const found = this.minutes.get(key) ?? { in: 0, out: 0, flagged: 0 };
    this.minutes.set(key, found);
    return found;
  }

  readonly walkInLog: WalkInLog = {
    appendCount: async (record, { gateId, minute, limit }) => {
      this.calls.push('walkIns.appendCount');
      const existing = this.scans.get(record.scanId) as CountRecord | undefined;
      if (existing) return { kind: 'replay', existing: structuredClone(existing) };
      // The condition `walkInMinuteUpdate` sends: a direction this count adds to stays within `limit`.
      const so = this.minutes.get(`${gateId}#${minute}`) ?? { in: 0, out: 0 };
      if ((record.in > 0 && so.in + record.in > limit) || (record.out > 0 && so.out + record.out > limit))
        return { kind: 'implausible' };
      this.scans.set(record.scanId, structuredClone(record) as unknown as ScanRecord);
      const item = this.minuteOf(gateId, minute);
      item.in += record.in;
      item.out += record.out;
      return { kind: 'recorded' };
    },
    append: async (record) => {
      this.calls.push('walkIns.append');
      const existing = this.scans.get(record.scanId) as CountRecord | undefined;
      if (existing) return { kind: 'replay', existing: structuredClone(existing) };
      this.scans.set(record.scanId, structuredClone(record) as unknown as ScanRecord);
      return { kind: 'recorded' };
    },
    get: async (scanId) => {
      this.calls.push('walkIns.get');
      const found = this.scans.get(scanId) as CountRecord | undefined;
      return found ? structuredClone(found) : undefined;
    },
    noteFlagged: async (gateId, minute, people) => {
      this.calls.push('walkIns.noteFlagged');
      this.minuteOf(gateId, minute).flagged += people;
    },
  };

  // A workshop's door: its META (seats), admissions, registrations and door scans, by workshop.
  readonly workshops = new Map<string, WorkshopRecord>();
  /** `<workshopId>#<ticketId>`: inside the room now, admissions so far. */
  readonly admissions = new Map<string, { inside: boolean; admissions: number }>();
  /** `<workshopId>#<ticketId>`: registered or waitlisted (waiting in insertion order). */
  readonly registrations = new Map<string, 'registered' | 'waitlisted'>();
  readonly doorScans = new Map<string, DoorScan>();
  /** How many of the next admissions lose to a transaction conflict, in the service's error shape. */
  doorConflicts = 0;

  addWorkshop(workshop: Partial<WorkshopRecord> & Pick<WorkshopRecord, 'workshopId' | 'startsAt' | 'endsAt'>) {
    const stored = {
      title: workshop.workshopId,
      capacity: 2,
      registrationRequired: false,
      admitted: 0,
      registered: 0,
      waitlisted: 0,
      listKey: 'WORKSHOP',
      ...workshop,
    } as WorkshopRecord;
    this.workshops.set(stored.workshopId, stored);
    return stored;
  }

  private seenScan(workshopId: string, scanId: string, record?: DoorRecord): boolean {
    return this.doorScans.has(`${workshopId}#${scanId}`) || (record !== undefined && this.scans.has(record.scanId));
  }

  private keepScan(workshopId: string, scan: DoorScan, record?: DoorRecord): void {
    this.doorScans.set(`${workshopId}#${scan.scanId}`, structuredClone(scan));
    if (record) this.scans.set(record.scanId, structuredClone(record) as unknown as ScanRecord);
  }

  readonly workshopDoor: WorkshopDoor = {
    context: async ({ workshopId, scanId, ticketId }) => {
      this.calls.push('door.context');
      const earlier = this.doorScans.get(`${workshopId}#${scanId}`);
      const workshop = this.workshops.get(workshopId);
      const ticket = ticketId ? this.tickets.get(ticketId) : undefined;
      return {
        ...(earlier ? { earlier: structuredClone(earlier) } : {}),
        ...(workshop ? { workshop: structuredClone(workshop) } : {}),
        ...(ticket ? { ticket: structuredClone(ticket) } : {}),
      };
    },
    scan: async (workshopId, scanId) => {
      const found = this.doorScans.get(`${workshopId}#${scanId}`);
      return found ? structuredClone(found) : undefined;
    },
    recordRefusal: async (workshopId, scan) => {
      this.calls.push('door.recordRefusal');
      if (this.seenScan(workshopId, scan.scanId)) return false;
      this.keepScan(workshopId, scan);
      return true;
    },
    // The transaction `admit` sends, its refusals in the order the store reads them.
    admit: async (workshopId, scan, checkRegistration, record) => {
      this.calls.push('door.admit');
      if (this.doorConflicts > 0) {
        this.doorConflicts -= 1;
        throw Object.assign(new Error('Transaction cancelled'), {
          name: 'TransactionCanceledException',
          CancellationReasons: [{ Code: 'TransactionConflict' }],
        });
      }
      const workshop = this.workshops.get(workshopId);
      const key = `${workshopId}#${scan.ticketId}`;
      const admission = this.admissions.get(key);
      const ticket = this.tickets.get(scan.ticketId);
      if (!workshop) throw new Error(`no workshop ${workshopId}`);
      if (this.seenScan(workshopId, scan.scanId, record)) return 'REPLAY';
      if (admission?.inside) return 'ALREADY_ADMITTED';
      if (checkRegistration && this.registrations.get(key) !== 'registered') return 'NOT_REGISTERED';
      if (!ticket || (ticket.inRoom !== undefined && ticket.inRoom !== workshopId)) return 'IN_ANOTHER_ROOM';
      if (workshop.admitted >= workshop.capacity) return 'FULL';
      workshop.admitted += 1;
      if (!admission) workshop.attended = (workshop.attended ?? 0) + 1;
      this.admissions.set(key, { inside: true, admissions: (admission?.admissions ?? 0) + 1 });
      ticket.inRoom = workshopId;
      this.keepScan(workshopId, scan, record);
      return 'ADMITTED';
    },
    exit: async (workshopId, scan, record) => {
      this.calls.push('door.exit');
      const workshop = this.workshops.get(workshopId);
      const admission = this.admissions.get(`${workshopId}#${scan.ticketId}`);
      if (!workshop) throw new Error(`no workshop ${workshopId}`);
      if (this.seenScan(workshopId, scan.scanId, record)) return 'REPLAY';
      if (!admission?.inside) return 'NOT_ADMITTED';
      if (workshop.admitted <= 0) throw new Error('a seat freed that was never taken');
      workshop.admitted -= 1;
      admission.inside = false;
      this.keepScan(workshopId, scan, record);
      return 'EXITED';
    },
    refusalAtFullRoom: async (workshopId, ticketId, checkRegistration) => {
      const key = `${workshopId}#${ticketId}`;
      if (this.admissions.get(key)?.inside) return 'ALREADY_ADMITTED';
      if (checkRegistration && this.registrations.get(key) !== 'registered') return 'NOT_REGISTERED';
      return undefined;
    },
    inRoom: async (workshopId) =>
      [...this.admissions.entries()]
        .filter(([key, admission]) => admission.inside && key.startsWith(`${workshopId}#`))
        .map(([key]) => key.slice(workshopId.length + 1)),
    roomOf: async (ticketId) => this.tickets.get(ticketId)?.inRoom,
    leaveRoom: async (ticketId, workshopId) => {
      const ticket = this.tickets.get(ticketId);
      if (ticket?.inRoom === workshopId) delete ticket.inRoom;
    },
    waiting: async (workshopId) =>
      [...this.registrations.entries()]
        .filter(([key, status]) => status === 'waitlisted' && key.startsWith(`${workshopId}#`))
        .map(([key]) => ({ ticketId: key.slice(workshopId.length + 1) })),
    workshop: async (workshopId) => {
      const found = this.workshops.get(workshopId);
      return found ? structuredClone(found) : undefined;
    },
    workshops: async () => [...this.workshops.values()].map((workshop) => structuredClone(workshop)),
    markEmptied: async (workshopId, at) => {
      const found = this.workshops.get(workshopId);
      if (found) found.emptiedAt = at;
    },
  };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  (a ?? []).length === b.length && b.every((item, i) => a?.[i] === item);

/** The condition `presenceUpdate` sends, evaluated on the ticket as it stands. */
function meets(ticket: TicketRecord | undefined, expected: PresenceExpectation): boolean {
  if (!ticket) return false;
  if ('version' in expected) return ticket.version === expected.version;
  const on = 'outsideOn' in expected ? expected.outsideOn : expected.insideOn;
  const usual = !ticket.revoked && ticket.validDays.includes(on) && !ticket.attentionNote && !ticket.holderName;
  if (!usual) return false;
  if ('outsideOn' in expected) return !ticket.inside || (ticket.insideDay !== undefined && ticket.insideDay !== on);
  return (
    ticket.inside &&
    ticket.insideDay === on &&
    ticket.zoneId === expected.zoneId &&
    sameList(ticket.counted, expected.counted)
  );
}

/** The update `presenceUpdate` sends, applied. */
function moved(ticket: TicketRecord, change: PresenceChange): TicketRecord {
  const next: Presence = change.next;
  const entries =
    'version' in change.expected ? next.entries : 'outsideOn' in change.expected ? ticket.entries + 1 : ticket.entries;
  const {
    zoneId: _zone,
    insideDay: _day,
    insideShard: _shard,
    ...rest
  } = { ...ticket, inside: next.inside, counted: next.counted ?? [], entries, version: ticket.version + 1 };
  return {
    ...rest,
    ...(next.lastDeviceId ? { lastDeviceId: next.lastDeviceId } : {}),
    ...(next.lastGateId ? { lastGateId: next.lastGateId } : {}),
    ...(next.enteredOn ? { enteredOn: next.enteredOn } : {}),
    ...(next.inside && next.zoneId ? { zoneId: next.zoneId } : {}),
    ...(next.inside && next.day
      ? { insideDay: next.day, insideShard: `${next.day}#${insideShardOf(ticket.ticketId)}` }
      : {}),
  };
}

/**
 * A verifier that trusts tokens of the form `ticket:<ticketId>:<category>:<fairId>` and refuses
 * anything else as a bad signature: the signature itself is the domain's own test.
 */
export const fakeVerifier = {
  verify: async (token: unknown): Promise<VerifyResult> => {
    const [kind, ticketId, category, fairId] = String(token).split(':');
    if (kind !== 'ticket' || !ticketId || !category || !fairId) return { ok: false, reason: 'BAD_SIGNATURE' };
    return {
      ok: true,
      claims: { kid: 'k1', fairId, ticketId, category: category as 'visitor', validDays: [] },
    };
  },
};
