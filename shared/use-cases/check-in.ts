import { type CategoryAccess, type EntryAccess, entryAccess } from '../domain/access-rules';
import type { Gate } from '../domain/fair';
import { fairDay, zoneOf } from '../domain/fair-time';
import type { GateVerdict, VerdictReason } from '../domain/gate-verdicts';
import type { DayHours } from '../domain/opening-hours';
import { fairRecordsExpireAt } from '../domain/retention';
import {
  type Direction,
  type Judgement,
  judgeScan,
  judgeToken,
  type ScanContext,
  type TicketState,
  zonesEntered,
} from '../domain/scan-rules';
import type { Category } from '../domain/ticket-token';
import type { Verifier } from '../domain/token-verifier';
import { liveOn } from '../domain/zone-session';
import type { ZoneTree } from '../domain/zone-tree';
import type { ScanLog, ScanRecord } from '../store/scans-store';
import { type PresenceExpectation, stateOf, type TicketReader, type TicketRecord } from '../store/tickets-store';
import { liveOf, type ZoneReader, type ZoneRecord, zonesIfRead } from '../store/zones-store';
import { judgedAt } from './judged-at';

export interface ScanInput {
  scanId: string;
  token: string;
  gateId: string;
  direction: Direction;
  scannedAt: string;
  deviceId: string;
  offlineVerdict?: GateVerdict;
  /** A supervisor's: admit despite an overridable refusal, for this reason (the handler checks the role). */
  override?: { reason: string };
}

/** Who scanned: named beside an override. */
export interface Scanner {
  credentialId: string;
  label: string;
}

export interface ScanAnswer {
  scanId: string;
  verdict: GateVerdict;
  reason?: VerdictReason;
  ticketId?: string;
  category?: string;
  zoneId: string;
  attention?: string;
  holderName?: string;
  replayed?: boolean;
  conflict?: boolean;
  clockAdjusted?: boolean;
  /** Admitted by a supervisor's override. */
  overridden?: boolean;
}

export interface CheckInDeps {
  /** The stores it reads and writes, bound to their tables (in-memory fakes in the unit tests). */
  stores: { scans: ScanLog; tickets: TicketReader; zones: ZoneReader };
  verifier: Verifier;
  fair: {
    fairId: string;
    timezone: string;
    utcOffsets?: Record<string, string> | undefined;
    days: string[];
    hours: DayHours[];
    access?: CategoryAccess[] | undefined;
  };
  tree: ZoneTree;
  now: () => Date;
  /**
   * The zones as read at the start of this request (the gate path reads them with the credential):
   * every judgement of the request uses them rather than reading them again.
   */
  zonesRead?: ZoneRecord[];
}

/** Reads and writes race with other gates; a lost race re-reads and re-judges, a few times at most. */
const MAX_ATTEMPTS = 8;

function answerOf(record: ScanRecord, ticket: TicketRecord | undefined, replayed: boolean): ScanAnswer {
  return {
    scanId: record.scanId,
    verdict: record.verdict,
    ...(record.reason ? { reason: record.reason } : {}),
    ...(record.ticketId ? { ticketId: record.ticketId } : {}),
    ...(record.category ? { category: record.category } : {}),
    zoneId: record.zoneId,
    ...(ticket?.attentionNote ? { attention: ticket.attentionNote } : {}),
    // For an ID check at the gate, when the ticket is named.
    ...(ticket?.holderName ? { holderName: ticket.holderName } : {}),
    ...(replayed ? { replayed: true } : {}),
    ...(record.conflict ? { conflict: true } : {}),
    ...(record.clockAdjusted ? { clockAdjusted: true } : {}),
    ...(record.override ? { overridden: true } : {}),
  };
}

/**
 * For an entry: the zone the gate leads into and the zones around it, in one consistent read, as they
 * stand on `day` (none open when closed for the day), and whether any is being evacuated.
 */
async function zonesAhead(deps: CheckInDeps, gate: Gate, day: string) {
  const ids = deps.tree.path(gate.zoneId);
  const zones = zonesIfRead(deps.zonesRead, ids) ?? (await deps.stores.zones.read(ids));
  // Read once a request: a second judgement (the ticket was not as assumed) uses the same read.
  deps.zonesRead = zones;
  return {
    live: new Map(zones.map((zone) => [zone.zoneId, { capacity: zone.capacity, ...liveOn(liveOf(zone), day) }])),
    evacuating: zones.some((zone) => zone.evacuation !== undefined),
  };
}

/** Judges a ticket as it stands, an entry against the live zones it would raise. Reads; writes nothing. */
async function judgeAgainstZones(
  deps: CheckInDeps,
  gate: Gate,
  state: TicketState,
  context: Omit<ScanContext, 'gate' | 'tree' | 'evacuating' | 'isFull'>,
): Promise<Judgement> {
  const { day, access } = context;
  const entering = context.direction === 'in' && !state.revoked;
  const ahead = entering ? await zonesAhead(deps, gate, day) : { live: new Map(), evacuating: false };
  const entered = new Set(entering ? zonesEntered(state, gate, day, deps.tree) : []);
  const live = new Map([...ahead.live].filter(([zoneId]) => entered.has(zoneId)));
  return judgeScan(state, {
    ...context,
    gate,
    tree: deps.tree,
    // A day closed early (the organisers' order) shuts the doors like closing time.
    access: { ...access, open: access.open && ![...live.values()].some((zone) => zone.closed) },
    evacuating: ahead.evacuating,
    isFull: (zoneId) => {
      const zone = live.get(zoneId);
      return zone ? zone.count >= zone.capacity : false;
    },
  });
}

export interface DryRunAnswer {
  verdict: GateVerdict;
  reason?: VerdictReason;
  ticketId?: string;
  category?: Category;
  /** The category's rule at that time and gate: what decided, for the help desk to explain. */
  rule?: EntryAccess;
}

/**
 * The help desk's question "would this badge get in at that gate at that time?": judged by the same
 * rules as a scan, against the ticket and the zones as they are now, and nothing recorded.
 */
export async function dryRunScan(
  deps: CheckInDeps,
  gate: Gate,
  input: { token: string; direction: Direction; at: Date },
): Promise<DryRunAnswer> {
  const day = fairDay(input.at, zoneOf(deps.fair));
  const verified = await deps.verifier.verify(input.token);
  const refused = judgeToken(verified, deps.fair.fairId);
  if (refused || !verified.ok) return refused ?? { verdict: 'INVALID_TOKEN' };
  const { ticketId, category } = verified.claims;
  const ticket = await deps.stores.tickets.get(ticketId);
  if (!ticket) return { verdict: 'INVALID_TOKEN' };
  const rule = entryAccess(deps.fair.access, deps.fair.hours, category, gate.gateId, input.at);
  const judgement = await judgeAgainstZones(deps, gate, stateOf(ticket), {
    direction: input.direction,
    day,
    access: rule,
    deviceId: 'dry-run',
    offline: false,
  });
  return {
    verdict: judgement.verdict,
    ...(judgement.reason ? { reason: judgement.reason } : {}),
    ticketId,
    category,
    rule,
  };
}

/**
 * One gate scan: verify the token, judge it (an entry against the zones it would raise), and record the
 * verdict with the presence change in one conditional write: unread in the common case (the ticket
 * updated, carrying the record to the log), else on the ticket as read (a transaction with the log).
 * The scan id makes it idempotent: the same scan sent again gets the first answer, marked `replayed`.
 */
export async function checkIn(
  given: CheckInDeps,
  gate: Gate,
  input: ScanInput,
  offline: boolean,
  scanner?: Scanner,
): Promise<ScanAnswer> {
  // This request's own copy: the zones it reads are kept on it (see zonesAhead).
  const deps = { ...given };
  const now = deps.now();
  const when = judgedAt(input.scannedAt, now, offline, zoneOf(deps.fair));
  const day = fairDay(when.at, zoneOf(deps.fair));
  const base: ScanRecord = {
    scanId: input.scanId,
    gateId: gate.gateId,
    zoneId: gate.zoneId,
    direction: input.direction,
    deviceId: input.deviceId,
    scannedAt: input.scannedAt,
    receivedAt: now.toISOString(),
    day,
    verdict: 'INVALID_TOKEN',
    deltas: {},
    offline,
    ...(input.offlineVerdict ? { offlineVerdict: input.offlineVerdict } : {}),
    ...(when.adjusted ? { clockAdjusted: true } : {}),
    expiresAt: fairRecordsExpireAt(deps.fair.days),
  };
  /** A refusal that names no ticket: logged as it is, moving nothing. */
  const refuse = async (verdict: GateVerdict, reason?: VerdictReason): Promise<ScanAnswer> => {
    const record: ScanRecord = { ...base, verdict, ...(reason ? { reason } : {}) };
    const outcome = await deps.stores.scans.record(record);
    return outcome.kind === 'replay' ? answerOf(outcome.existing, undefined, true) : answerOf(record, undefined, false);
  };
  const verified = await deps.verifier.verify(input.token);
  const refused = judgeToken(verified, deps.fair.fairId);
  if (refused || !verified.ok) return refuse(refused?.verdict ?? 'INVALID_TOKEN', refused?.reason);
  const { ticketId, category } = verified.claims;
  const access = entryAccess(deps.fair.access, deps.fair.hours, category, gate.gateId, when.at);
  const judge = (state: TicketState) =>
    judgeAgainstZones(deps, gate, state, {
      direction: input.direction,
      day,
      access,
      ...(input.override ? { override: true } : {}),
      deviceId: input.deviceId,
      offline,
      ...(input.offlineVerdict ? { offlineVerdict: input.offlineVerdict } : {}),
    });
  const recordOf = (judgement: Judgement): ScanRecord => ({
    ...base,
    ticketId,
    category,
    verdict: judgement.verdict,
    ...(judgement.reason ? { reason: judgement.reason } : {}),
    deltas: judgement.deltas,
    ...(judgement.overridden && input.override
      ? {
          override: {
            reason: input.override.reason,
            refused: judgement.overridden,
            by: scanner?.label ?? '',
            credentialId: scanner?.credentialId ?? '',
          },
          conflictKey: 'OVERRIDE' as const,
        }
      : {}),
    // A conflict is the one organisers must settle first: it takes the review index's key.
    ...(judgement.conflict ? { conflict: true, conflictKey: 'CONFLICT' as const } : {}),
  });

  // The common case at a gate, online: an entry by a ticket that is outside, or an exit by one that
  // came in by such a door today. Judged on what its token says and written on condition the ticket is
  // as assumed: one update of the ticket (beside the read of the zones an entry raises). A ticket that is not
  // (revoked, not valid today, with a note to show, elsewhere, unknown) is read and judged below.
  // A category let in once a day needs its last entry read; so does an override (what it overrides).
  // The day before's seen set goes with any move (see ScanMark).
  const dayBefore = deps.fair.days[deps.fair.days.indexOf(day) - 1];
  const forgetting = dayBefore ? { forget: dayBefore } : {};
  /** The ticket as the common case's write found it, when it did not hold. */
  let known: TicketRecord | null | undefined;
  if (!offline && !access.oncePerDay && !input.override) {
    const outside: TicketState = { revoked: false, validDays: [day], presence: { inside: false, entries: 0 } };
    const cameIn = zonesEntered(outside, gate, day, deps.tree);
    const entering = input.direction === 'in';
    const assumed: TicketState = entering
      ? outside
      : { ...outside, presence: { inside: true, zoneId: gate.zoneId, counted: cameIn, day, entries: 0 } };
    const expected: PresenceExpectation = entering
      ? { outsideOn: day }
      : { insideOn: day, zoneId: gate.zoneId, counted: cameIn };
    const judgement = await judge(assumed);
    if (judgement.verdict === (entering ? 'ADMITTED' : 'EXITED') && judgement.next) {
      const record = recordOf(judgement);
      const change = { ticketId, expected, next: judgement.next, ...forgetting };
      const outcome = await deps.stores.scans.record(record, change);
      if (outcome.kind === 'recorded') return answerOf(record, undefined, false);
      if (outcome.kind === 'replay')
        return answerOf(outcome.existing, outcome.ticket ?? (await deps.stores.tickets.get(ticketId)), true);
      // Refused on the ticket as it stands, which the write returned: judged below without a read.
      if (outcome.kind === 'stale' && outcome.ticket !== undefined) known = outcome.ticket;
    }
  }

  let current: TicketRecord | undefined =
    known === undefined ? await deps.stores.tickets.get(ticketId) : (known ?? undefined);
  // A valid signature on a ticket this fair never stored is treated as forged.
  if (!current) return refuse('INVALID_TOKEN');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // Sent again after it moved the ticket, perhaps not yet in the log: answered as it was.
    const earlier = await deps.stores.scans.earlier(current, input.scanId, day);
    if (earlier) return answerOf(earlier, current, true);
    const judgement = await judge(stateOf(current));
    const record = { ...recordOf(judgement), ticketId: current.ticketId, category: current.category };
    const change = judgement.next
      ? { ticketId: current.ticketId, expected: { version: current.version }, next: judgement.next, ...forgetting }
      : undefined;
    // A refusal, naming the ticket, is marked on it as seen: sent again once it has moved on, it stays refused.
    const outcome = await deps.stores.scans.record(record, change);
    if (outcome.kind === 'recorded') return answerOf(record, current, false);
    if (outcome.kind === 'replay') return answerOf(outcome.existing, current, true);
    const fresh: TicketRecord | undefined =
      outcome.ticket === undefined ? await deps.stores.tickets.get(current.ticketId) : (outcome.ticket ?? undefined);
    if (!fresh) throw new Error(`ticket ${current.ticketId} vanished during a scan`);
    current = fresh;
  }
  throw new Error(`scan ${input.scanId}: ticket ${current.ticketId} kept changing under ${MAX_ATTEMPTS} attempts`);
}
