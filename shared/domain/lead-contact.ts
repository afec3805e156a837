import { createHash, timingSafeEqual } from 'node:crypto';
import { parseConsentCode } from './consent-code';
import { latinDigits } from './digits';
import type { Category } from './ticket-token';

/**
 * A visitor's contact and what they agreed to share with the booths they choose, pure.
 *
 * Consent comes from the visitor, not from the exhibitor's claim: a ticket whose holder agreed to
 * share anything carries a second code, the consent code, printed on a panel folded behind the badge
 * (never on its face, so a photograph of the badge does not carry it). A booth obtains the shared
 * fields only by scanning that code, which only the holder can show; `consent: true` without it, or
 * with another ticket's code, makes no lead.
 */
export const CONTACT_FIELDS = ['phone', 'whatsapp', 'email', 'city', 'organisation'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
/** What a visitor may agree to share: their name and any contact field. */
export const SHARE_FIELDS = ['name', ...CONTACT_FIELDS] as const;
export type ShareField = (typeof SHARE_FIELDS)[number];

export type Contact = Partial<Record<ContactField, string>>;

/** What a ticket holds that a lead may show. */
export interface ContactHolder {
  holderName?: string | undefined;
  contact?: Contact | undefined;
  share?: readonly ShareField[] | undefined;
}

/** The fields a booth sees of a visitor who showed it their consent code: only those agreed. */
export function sharedContact(ticket: ContactHolder): Partial<Record<ShareField, string>> {
  const share = new Set(ticket.share ?? []);
  const shown: Partial<Record<ShareField, string>> = {};
  if (share.has('name') && ticket.holderName) shown.name = ticket.holderName;
  for (const field of CONTACT_FIELDS) {
    const value = ticket.contact?.[field];
    if (share.has(field) && value) shown[field] = value;
  }
  return shown;
}

/**
 * What the holder shares, from the request: the fields named in `share` that the ticket has; or, from
 * the older `leadsConsent: true`, all it has. Nothing when they agreed to nothing.
 */
export function sharedFields(request: ContactHolder & { leadsConsent?: boolean | undefined }): ShareField[] {
  const has = (field: ShareField) =>
    field === 'name' ? Boolean(request.holderName) : Boolean(request.contact?.[field]);
  const asked = request.share ?? (request.leadsConsent === true ? SHARE_FIELDS : []);
  return SHARE_FIELDS.filter((field) => asked.includes(field) && has(field));
}

/** Whether `code` is this ticket's consent code (compared in constant time). */
export function consentCodeMatches(code: string | undefined, ticketId: string, secret: string | undefined): boolean {
  if (!code || !secret) return false;
  const parsed = parseConsentCode(code);
  if (!parsed || parsed.ticketId !== ticketId) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(parsed.secret), digest(secret));
}

/**
 * A phone number as stored: digits with a leading + for international numbers, a Moroccan national
 * number (06..., 07..., 05...) made international (+212...), typed in any digits (٠٦…). Undefined when
 * it is not a phone number.
 */
export function normalisePhone(input: string): string | undefined {
  const compact = latinDigits(input).replace(/[\s().-]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (/^0[5-7]\d{8}$/.test(international)) return `+212${international.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(international)) return international;
  return undefined;
}

/** A phone number as a Moroccan reads it: 06 12 34 56 78 for a Moroccan number, else as stored. */
export function displayPhone(phone: string): string {
  const moroccan = /^\+212(\d{9})$/.exec(phone);
  if (!moroccan) return phone;
  const national = `0${moroccan[1]}`;
  return national.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** Lead ratings, as a cooperative sorts its contacts after the fair. */
export const LEAD_RATINGS = ['hot', 'warm', 'cold'] as const;
export type LeadRating = (typeof LEAD_RATINGS)[number];

/** What an exhibitor may add to a lead. */
export interface LeadNotes {
  rating?: LeadRating | undefined;
  tags?: readonly string[] | undefined;
  note?: string | undefined;
}

/** An edit of a lead's notes from a booth phone: null or empty clears a field; the latest `editedAt` wins. */
export type LeadEditNotes = Omit<LeadNotes, 'rating'> & { rating?: LeadRating | null | undefined; editedAt: string };

/** A lead as it is exported. */
export interface LeadCard extends LeadNotes {
  ticketId: string;
  /** The ticket's category; `poster` for a visitor who answered on their own phone, with no ticket. */
  category: Category | 'poster';
  at: string;
  contact: Partial<Record<ShareField, string>>;
}

/** A text value: backslash, newline and comma escaped; a semicolon too where it would split a component. */
function vcardText(value: string, structured = false): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/,/g, '\\,');
  return structured ? escaped.replace(/;/g, '\\;') : escaped;
}

/** Folds a content line at 75 octets, as vCard asks (RFC 6350 3.2), never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * The leads as vCards (3.0, which phones' contacts apps import), one card each: the name as shared
 * (else "Visitor <short id>"), phone and WhatsApp, e-mail, city, organisation, and a note with the
 * booth, rating, tags and the exhibitor's note.
 */
export function leadsVcard(leads: readonly LeadCard[], booth: { boothId: string; fairName: string }): string {
  const cards = leads.map((lead) => {
    const c = lead.contact;
    const name = c.name ?? `Visitor ${lead.ticketId.slice(0, 6)}`;
    const notes = [
      `${booth.fairName}, ${booth.boothId}, ${lead.at.slice(0, 10)}`,
      lead.rating ? `rating: ${lead.rating}` : '',
      lead.tags?.length ? `tags: ${lead.tags.join(', ')}` : '',
      lead.note ?? '',
    ].filter(Boolean);
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `FN:${vcardText(name)}`,
      `N:${vcardText(name, true)};;;;`,
      ...(c.phone ? [`TEL;TYPE=CELL:${c.phone}`] : []),
      ...(c.whatsapp && c.whatsapp !== c.phone ? [`TEL;TYPE=CELL,WHATSAPP:${c.whatsapp}`] : []),
      ...(c.email ? [`EMAIL;TYPE=INTERNET:${c.email}`] : []),
      ...(c.organisation ? [`ORG:${vcardText(c.organisation, true)}`] : []),
      ...(c.city ? [`ADR;TYPE=HOME:;;;${vcardText(c.city, true)};;;`] : []),
      ...(lead.tags?.length ? [`CATEGORIES:${lead.tags.map((tag) => vcardText(tag)).join(',')}`] : []),
      `NOTE:${vcardText(notes.join('\n'))}`,
      'END:VCARD',
    ];
    return lines.map(fold).join('\r\n');
  });
  return cards.length > 0 ? `${cards.join('\r\n')}\r\n` : '';
}
