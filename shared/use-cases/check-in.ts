import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Gate } from '../domain/fair';
import { fairDay } from '../domain/fair-time';
import type { GateVerdict } from '../domain/gate-verdicts';
import { type Direction, judgeScan, judgeToken } from '../domain/scan-rules';
import type { TokenVerifier } from '../domain/token-verifier';
import { recordScan, type ScanRecord } from '../store/scans-store';
import { getTicket, stateOf, type TicketRecord } from '../store/tickets-store';
import { getZone } from '../store/zones-store';

export interface ScanInput {
  scanId: string;
  token: string;
  gateId: string;
  direction: Direction;
  scannedAt: string;
  deviceId: string;
  offlineVerdict?: GateVerdict;
}

export interface ScanAnswer {
  scanId: string;
  verdict: GateVerdict;
  ticketId?: string;
  category?: string;
  zoneId: string;
  attention?: string;
  replayed?: boolean;
  conflict?: boolean;
}

export interface CheckInDeps {
  client: DynamoDBDocumentClient;
  tables: { scans: string; tickets: string; zones: string };
  verifier: TokenVerifier;
  fair: { fairId: string; timezone: string };
  now: () => Date;
}

/** A device clock running ahead is not trusted past this: the scan is judged at the server's time. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Reads and writes race with other gates; a lost race re-reads and re-judges, a few times at most. */
const MAX_ATTEMPTS = 8;

function answerOf(record: ScanRecord, ticket: TicketRecord | undefined, replayed: boolean): ScanAnswer {
  return {
    scanId: record.scanId,
    verdict: record.verdict,
    ...(record.ticketId ? { ticketId: record.ticketId } : {}),
    ...(record.category ? { category: record.category } : {}),
    zoneId: record.zoneId,
    ...(ticket?.attentionNote ? { attention: ticket.attentionNote } : {}),
    ...(replayed ? { replayed: true } : {}),
    ...(record.conflict ? { conflict: true } : {}),
  };
}

/**
 * One gate scan: verify the token, read the ticket, judge, and record the verdict with the presence
 * change in one conditional transaction. The scan id makes it idempotent: the same scan sent again
 * gets the first answer, marked `replayed`.
 */
export async function checkIn(deps: CheckInDeps, gate: Gate, input: ScanInput, offline: boolean): Promise<ScanAnswer> {
  const now = deps.now();
  const scannedAt = new Date(input.scannedAt);
  const judgedAt = scannedAt.getTime() - now.getTime() > CLOCK_SKEW_MS ? now : scannedAt;
  const base: ScanRecord = {
    scanId: input.scanId,
    gateId: gate.gateId,
    zoneId: gate.zoneId,
    direction: input.direction,
    deviceId: input.deviceId,
    scannedAt: input.scannedAt,
    receivedAt: now.toISOString(),
    day: fairDay(judgedAt, deps.fair.timezone),
    verdict: 'INVALID_TOKEN',
    deltas: {},
    offline,
  };
  const verified = await deps.verifier.verify(input.token);
  const tokenVerdict = judgeToken(verified, deps.fair.fairId);
  const ticketId = verified.ok ? verified.claims.ticketId : undefined;
  const ticket = ticketId && !tokenVerdict ? await getTicket(deps.client, deps.tables.tickets, ticketId) : undefined;
  if (tokenVerdict || !ticket) {
    // A valid signature on a ticket this fair never stored is treated as forged.
    const record: ScanRecord = { ...base, verdict: tokenVerdict ?? 'INVALID_TOKEN' };
    const outcome = await recordScan(deps.client, deps.tables, record);
    return outcome.kind === 'replay' ? answerOf(outcome.existing, undefined, true) : answerOf(record, undefined, false);
  }

  let current: TicketRecord = ticket;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const entering = input.direction === 'in' && !(current.inside && current.zoneId === gate.zoneId);
    const zone = entering ? await getZone(deps.client, deps.tables.zones, gate.zoneId) : undefined;
    const judgement = judgeScan(stateOf(current), {
      gate,
      direction: input.direction,
      day: base.day,
      zoneFull: zone ? zone.count >= zone.capacity : false,
      deviceId: input.deviceId,
      offline,
      ...(input.offlineVerdict ? { offlineVerdict: input.offlineVerdict } : {}),
    });
    const record: ScanRecord = {
      ...base,
      ticketId: current.ticketId,
      category: current.category,
      verdict: judgement.verdict,
      deltas: judgement.deltas,
      ...(judgement.conflict ? { conflict: true, conflictKey: 'CONFLICT' as const } : {}),
    };
    const change = judgement.next
      ? { ticketId: current.ticketId, expectedVersion: current.version, next: judgement.next }
      : undefined;
    const outcome = await recordScan(deps.client, deps.tables, record, change);
    if (outcome.kind === 'recorded') return answerOf(record, current, false);
    if (outcome.kind === 'replay') return answerOf(outcome.existing, current, true);
    const fresh = await getTicket(deps.client, deps.tables.tickets, current.ticketId);
    if (!fresh) throw new Error(`ticket ${current.ticketId} vanished during a scan`);
    current = fresh;
  }
  throw new Error(`scan ${input.scanId}: ticket ${current.ticketId} kept changing under ${MAX_ATTEMPTS} attempts`);
}
