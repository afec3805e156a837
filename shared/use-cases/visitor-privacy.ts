import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Booth } from '../domain/fair';
import type { Category } from '../domain/ticket-token';
import { boothDaysOfTicket } from '../store/footfall-store';
import { leadAnswersOfTicket, withdrawLeads } from '../store/leads-store';
import { getTicket, logPrivacyAct, type PrivacyAct } from '../store/tickets-store';

/**
 * A visitor's rights at the desk (Morocco's law 09-08): what Rawaq holds about them, a consent
 * withdrawn at one booth or all, and erasure (their personal data goes; the ticket, its counts and the
 * booths' visit figures stay, anonymous). Every act is logged on the ticket with who did it.
 */
export interface PrivacyDeps {
  client: DynamoDBDocumentClient;
  ticketsTable: string;
  statsTable: string;
  booths: Booth[];
  days: readonly string[];
  now: () => Date;
}

export interface PrivacyRecord {
  ticketId: string;
  category: Category;
  validDays: string[];
  holderName?: string;
  contact?: Record<string, string>;
  share: string[];
  attentionNote?: string;
  erasedAt?: string;
  presence: { inside: boolean; entries: number; zoneId?: string; lastGateId?: string };
  consents: {
    boothId: string;
    exhibitor: string;
    consent: boolean;
    at: string;
    method: string;
    recordedBy?: string;
    history: Record<string, unknown>[];
  }[];
  boothsVisited: { boothId: string; day: string; firstAt: string }[];
  privacyLog: PrivacyAct[];
  /** When the ticket and everything tied to it expire (DynamoDB TTL). */
  expiresAt?: string;
}

export async function privacyRecord(deps: PrivacyDeps, ticketId: string): Promise<PrivacyRecord | undefined> {
  const ticket = await getTicket(deps.client, deps.ticketsTable, ticketId);
  if (!ticket) return undefined;
  const boothIds = deps.booths.map((booth) => booth.boothId);
  const exhibitor = new Map(deps.booths.map((booth) => [booth.boothId, booth.exhibitor]));
  const [answers, visited] = await Promise.all([
    leadAnswersOfTicket(deps.client, deps.statsTable, ticketId, boothIds),
    boothDaysOfTicket(deps.client, deps.statsTable, ticketId, boothIds, deps.days),
  ]);
  return {
    ticketId,
    category: ticket.category,
    validDays: ticket.validDays,
    ...(ticket.holderName ? { holderName: ticket.holderName } : {}),
    ...(ticket.contact ? { contact: ticket.contact as Record<string, string> } : {}),
    share: ticket.share ?? [],
    ...(ticket.attentionNote ? { attentionNote: ticket.attentionNote } : {}),
    ...(ticket.erasedAt ? { erasedAt: ticket.erasedAt } : {}),
    presence: {
      inside: ticket.inside,
      entries: ticket.entries,
      ...(ticket.zoneId ? { zoneId: ticket.zoneId } : {}),
      ...(ticket.lastGateId ? { lastGateId: ticket.lastGateId } : {}),
    },
    consents: answers
      .map((answer) => ({
        boothId: answer.boothId,
        exhibitor: exhibitor.get(answer.boothId) ?? answer.boothId,
        consent: answer.consent && answer.method === 'consent-code',
        at: answer.at,
        method: answer.method ?? 'booth-answer',
        ...(answer.recordedBy ? { recordedBy: answer.recordedBy } : {}),
        history: answer.history,
      }))
      .sort((a, b) => a.boothId.localeCompare(b.boothId)),
    boothsVisited: visited,
    privacyLog: ticket.privacyLog ?? [],
    ...(ticket.expiresAt ? { expiresAt: new Date(ticket.expiresAt * 1000).toISOString() } : {}),
  };
}

/**
 * Withdraws the visitor's consent at one booth or at every booth that holds an answer of theirs: the
 * lead leaves the booth's list and exports made after, with the booth's notes on them. Undefined when
 * there is no such ticket.
 */
export async function withdrawConsent(
  deps: PrivacyDeps,
  ticketId: string,
  by: string,
  boothId?: string,
): Promise<{ booths: string[] } | undefined> {
  if (!(await getTicket(deps.client, deps.ticketsTable, ticketId))) return undefined;
  const at = deps.now().toISOString();
  const candidates = boothId ? [boothId] : deps.booths.map((booth) => booth.boothId);
  const held = (await leadAnswersOfTicket(deps.client, deps.statsTable, ticketId, candidates))
    .filter((answer) => answer.consent)
    .map((answer) => answer.boothId);
  const booths = await withdrawLeads(deps.client, deps.statsTable, ticketId, held, { at, by });
  await logPrivacyAct(deps.client, deps.ticketsTable, ticketId, { act: 'withdrawn', at, by, booths });
  return { booths };
}

/** Erases the visitor: every consent withdrawn, then their personal data removed from the ticket. */
export async function eraseVisitor(
  deps: PrivacyDeps,
  ticketId: string,
  by: string,
): Promise<{ booths: string[] } | undefined> {
  const withdrawn = await withdrawConsent(deps, ticketId, by);
  if (!withdrawn) return undefined;
  await logPrivacyAct(deps.client, deps.ticketsTable, ticketId, {
    act: 'erased',
    at: deps.now().toISOString(),
    by,
    booths: withdrawn.booths,
  });
  return withdrawn;
}
