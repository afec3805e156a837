import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Booth } from '../domain/fair';
import { type LeadCard, type LeadEditNotes, type ShareField, sharedContact } from '../domain/lead-contact';
import type { Category } from '../domain/ticket-token';
import { listBoothVisitors } from '../store/footfall-store';
import { editLeadNotes, LEAD_METHODS, type LeadAnswer, listLeadAnswers } from '../store/leads-store';
import { getTicketsByIds } from '../store/tickets-store';

export interface LeadsDeps {
  client: DynamoDBDocumentClient;
  statsTable: string;
  ticketsTable: string;
}

/** A lead as its booth sees it: what the visitor agreed to share, and the booth's own notes. */
export interface LeadView extends LeadCard {
  day: string;
  method: string;
  recordedBy?: string;
  editedAt?: string;
  /** The name, when shared (kept beside `contact.name` for older pages). */
  holderName?: string;
}

/** Most leads one list or export holds: a busy booth's whole fair. */
const MAX_LEADS = 2000;

function viewOf(
  answer: LeadAnswer,
  ticket: { category: Category | 'poster'; contact: Partial<Record<ShareField, string>> },
): LeadView {
  return {
    ticketId: answer.ticketId,
    category: ticket.category,
    at: answer.at,
    day: answer.day,
    method: answer.method ?? 'booth-answer',
    ...(answer.recordedBy ? { recordedBy: answer.recordedBy } : {}),
    contact: ticket.contact,
    ...(ticket.contact.name ? { holderName: ticket.contact.name } : {}),
    ...(answer.rating ? { rating: answer.rating } : {}),
    ...(answer.tags ? { tags: answer.tags } : {}),
    ...(answer.note ? { note: answer.note } : {}),
    ...(answer.editedAt ? { editedAt: answer.editedAt } : {}),
  };
}

/**
 * A booth's leads: visitors whose latest word at this booth is a yes they gave themselves (by showing
 * their consent code, or on their own phone from the booth's poster), of one day or of the whole fair,
 * each with only the fields they agreed to share. A yes recorded before consent codes existed, a
 * registration's tick, or an exhibitor's claim make none.
 */
export async function listLeads(
  deps: LeadsDeps,
  boothId: string,
  period: { day: string; wholeFair: boolean },
): Promise<{ leads: LeadView[]; visitorsSeen: number }> {
  // The visitors first, then the answers: one transaction writes a visit's visitor and its answer, so
  // an answer read after the visitors holds every lead of the visitors counted. Read side by side, the
  // answers could be read before that transaction and the visitors after it: on a loaded machine a
  // booth showed 4 visitors seen and none of the lead one of them had given.
  const visitors = await listBoothVisitors(deps.client, deps.statsTable, boothId, period.day);
  const answers = await listLeadAnswers(deps.client, deps.statsTable, boothId);
  const yes = answers
    .filter((answer) => answer.consent && (LEAD_METHODS as readonly string[]).includes(answer.method ?? ''))
    .filter((answer) => period.wholeFair || answer.day === period.day)
    .sort((a, b) => b.at.localeCompare(a.at) || a.ticketId.localeCompare(b.ticketId))
    .slice(0, MAX_LEADS);
  const tickets = new Map(
    (
      await getTicketsByIds(
        deps.client,
        deps.ticketsTable,
        yes.filter((answer) => answer.method === 'consent-code').map((answer) => answer.ticketId),
        ['ticketId', 'category', 'holderName', 'contact', 'share'],
      )
    ).map((ticket) => [ticket.ticketId, ticket]),
  );
  const leads = yes.flatMap((answer) => {
    // From the poster: the visitor typed their number on their own phone; it is on the lead.
    if (answer.method === 'poster') return [viewOf(answer, { category: 'poster', contact: answer.contact ?? {} })];
    const ticket = tickets.get(answer.ticketId);
    // A ticket erased at the desk leaves no lead, nor one that shares nothing.
    if (!ticket || (ticket.share ?? []).length === 0) return [];
    return [viewOf(answer, { category: ticket.category, contact: sharedContact(ticket) })];
  });
  return { leads, visitorsSeen: visitors.length };
}

/** A lead left from the booth's poster (`p-<phone id>`) rather than by a ticket's holder. */
export const isPosterLead = (leadId: string) => leadId.startsWith('p-');

/** The interest tags a booth's leads may carry: its products, else its category. */
export function interestTags(booth: Booth): string[] {
  return booth.products && booth.products.length > 0 ? booth.products : [booth.category];
}

export type LeadEdit =
  | { kind: 'edited' | 'stale'; lead: LeadView }
  | { kind: 'no-lead' }
  | { kind: 'unknown-tags'; tags: string[] };

/**
 * A booth's rating, tags and note on one of its leads; the latest edit (by the phone's `editedAt`)
 * wins, an older one arriving later is answered `stale` with what is stored.
 */
export async function editLead(
  deps: LeadsDeps,
  booth: Booth,
  ticketId: string,
  notes: LeadEditNotes,
): Promise<LeadEdit> {
  const allowed = new Set(interestTags(booth));
  const unknown = (notes.tags ?? []).filter((tag) => !allowed.has(tag));
  if (unknown.length > 0) return { kind: 'unknown-tags', tags: unknown };
  if (isPosterLead(ticketId)) {
    const stored = await editLeadNotes(deps.client, deps.statsTable, booth.boothId, ticketId, notes);
    if (!stored) return { kind: 'no-lead' };
    return {
      kind: stored.applied ? 'edited' : 'stale',
      lead: viewOf(stored.lead, { category: 'poster', contact: stored.lead.contact ?? {} }),
    };
  }
  const [ticket] = await getTicketsByIds(
    deps.client,
    deps.ticketsTable,
    [ticketId],
    ['ticketId', 'category', 'holderName', 'contact', 'share'],
  );
  if (!ticket || (ticket.share ?? []).length === 0) return { kind: 'no-lead' };
  const stored = await editLeadNotes(deps.client, deps.statsTable, booth.boothId, ticketId, {
    ...notes,
    ...(notes.tags ? { tags: [...new Set(notes.tags)] } : {}),
  });
  if (stored?.lead.method !== 'consent-code') return { kind: 'no-lead' };
  return {
    kind: stored.applied ? 'edited' : 'stale',
    lead: viewOf(stored.lead, { category: ticket.category, contact: sharedContact(ticket) }),
  };
}
