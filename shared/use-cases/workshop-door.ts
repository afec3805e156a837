import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TokenVerifier } from '../domain/token-verifier';
import { type AdmissionVerdict, doorsOpen, type ExitVerdict, registrationChecked } from '../domain/workshop-rules';
import { NotFoundError } from '../http/errors';
import { getTicket } from '../store/tickets-store';
import { admit, type DoorScan, exit, getDoorScan, getWorkshop, recordDoorScan } from '../store/workshops-store';

export interface DoorDeps {
  client: DynamoDBDocumentClient;
  tables: { workshops: string; tickets: string };
  verifier: TokenVerifier;
  fairId: string;
  now: () => Date;
}

export interface DoorAnswer {
  verdict: AdmissionVerdict | ExitVerdict;
  seatsLeft: number;
  ticketId?: string;
  replayed?: boolean;
}

async function seatsLeft(deps: DoorDeps, workshopId: string): Promise<number> {
  const workshop = await getWorkshop(deps.client, deps.tables.workshops, workshopId);
  return workshop ? Math.max(0, workshop.capacity - workshop.admitted) : 0;
}

async function answer(deps: DoorDeps, workshopId: string, scan: DoorScan, replayed: boolean): Promise<DoorAnswer> {
  return {
    verdict: scan.verdict,
    seatsLeft: await seatsLeft(deps, workshopId),
    ...(scan.ticketId ? { ticketId: scan.ticketId } : {}),
    ...(replayed ? { replayed: true } : {}),
  };
}

/**
 * A host's scan at a workshop door, to admit or to let out. The seat count and the ticket's admission
 * change together in one conditional transaction, so however many hosts scan at once, `admitted`
 * never passes `capacity`. The scan id makes a resend answer the first verdict.
 */
export async function doorScan(
  deps: DoorDeps,
  workshopId: string,
  input: { scanId: string; token: string },
  kind: 'admission' | 'exit',
): Promise<DoorAnswer> {
  const earlier = await getDoorScan(deps.client, deps.tables.workshops, workshopId, input.scanId);
  if (earlier) return answer(deps, workshopId, earlier, true);
  const workshop = await getWorkshop(deps.client, deps.tables.workshops, workshopId);
  if (!workshop) throw new NotFoundError(`no workshop ${workshopId}`);
  const refuse = async (verdict: AdmissionVerdict | ExitVerdict, ticketId?: string): Promise<DoorAnswer> => {
    const scan: DoorScan = { scanId: input.scanId, kind, verdict, ...(ticketId ? { ticketId } : {}) };
    if (await recordDoorScan(deps.client, deps.tables.workshops, workshopId, scan))
      return answer(deps, workshopId, scan, false);
    const first = await getDoorScan(deps.client, deps.tables.workshops, workshopId, input.scanId);
    return answer(deps, workshopId, first ?? scan, true);
  };
  const verified = await deps.verifier.verify(input.token);
  if (!verified.ok || verified.claims.fairId !== deps.fairId) return refuse('INVALID_TOKEN');
  const ticket = await getTicket(deps.client, deps.tables.tickets, verified.claims.ticketId);
  if (!ticket) return refuse('INVALID_TOKEN');
  if (ticket.revoked) return refuse('REVOKED', ticket.ticketId);
  const now = deps.now();
  if (kind === 'admission' && !doorsOpen(workshop, now)) return refuse('NOT_OPEN', ticket.ticketId);
  const scan = {
    scanId: input.scanId,
    kind,
    ticketId: ticket.ticketId,
    verdict: (kind === 'admission' ? 'ADMITTED' : 'EXITED') as DoorScan['verdict'],
  };
  const outcome =
    kind === 'admission'
      ? await admit(deps.client, deps.tables.workshops, workshopId, scan, registrationChecked(workshop, now))
      : await exit(deps.client, deps.tables.workshops, workshopId, scan);
  if (outcome === 'REPLAY') {
    const first = await getDoorScan(deps.client, deps.tables.workshops, workshopId, input.scanId);
    return answer(deps, workshopId, first ?? scan, true);
  }
  if (outcome === 'ADMITTED' || outcome === 'EXITED') return answer(deps, workshopId, scan, false);
  return refuse(outcome, ticket.ticketId);
}
