import { createHash, randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TicketRequest } from '../contract/tickets';
import { consentCode } from '../domain/consent-code';
import { Refused } from '../domain/errors';
import { fairDay, zoneOf } from '../domain/fair-time';
import { sharedFields } from '../domain/lead-contact';
import { searchKey } from '../domain/names';
import { fairRecordsExpireAt } from '../domain/retention';
import { formatShortCode, newShortCode } from '../domain/short-code';
import type { TicketKeyring } from '../domain/signing-keys';
import type { FairMeta } from '../store/fair-store';
import { takeSelfRegistration } from '../store/self-registrations-store';
import { getTicket, putTicketIfAbsent, putTickets, revokeTicket, type TicketRecord } from '../store/tickets-store';

export interface IssuedTicket {
  ticketId: string;
  token: string;
  /** Typed when the QR code cannot be read, printed under it. */
  shortCode: string;
  category: TicketRequest['category'];
  validDays: string[];
  /**
   * Only when the holder agreed to share anything: the code printed on the badge's fold-back panel,
   * which the holder shows a booth to give it what they agreed.
   */
  consentCode?: string;
}

/** Refuses valid days outside the fair, naming each one (`tickets.3.validDays.1`). */
function checkDays(requests: TicketRequest[], fair: FairMeta, prefix: (index: number) => string): void {
  const details = requests.flatMap((request, index) =>
    (request.validDays ?? [])
      .map((day, dayIndex) => ({ day, dayIndex }))
      .filter(({ day }) => !fair.days.includes(day))
      .map(({ day, dayIndex }) => ({
        path: `${prefix(index)}validDays.${dayIndex}`,
        message: `${day} is not a day of the fair`,
      })),
  );
  if (details.length > 0) throw new Refused('invalid', 'some valid days are outside the fair', details);
}

/** A ticket as stored, from what was asked: outside, never entered, its short code and consent secret new. */
function ticketRecord(
  request: TicketRequest,
  fair: FairMeta,
  keyring: TicketKeyring,
  createdAt: string,
  ticketId = randomBytes(12).toString('base64url'),
): TicketRecord {
  const share = sharedFields(request);
  return {
    ticketId,
    category: request.category,
    validDays: [...new Set(request.validDays ?? fair.days)].sort(),
    ...(request.holderName ? { holderName: request.holderName, holderKey: searchKey(request.holderName) } : {}),
    shortCode: newShortCode((size) => randomBytes(size)),
    ...(request.attentionNote ? { attentionNote: request.attentionNote } : {}),
    ...(request.contact && Object.keys(request.contact).length > 0 ? { contact: request.contact } : {}),
    ...(share.length > 0 ? { share, consentSecret: randomBytes(12).toString('base64url') } : {}),
    ...(request.boothId ? { boothId: request.boothId } : {}),
    revoked: false,
    inside: false,
    entries: 0,
    version: 0,
    createdAt,
    expiresAt: fairRecordsExpireAt(fair.days),
    kid: keyring.signingKid,
  };
}

/** What the issuer hands back: the signed token, its short code, the consent code when anything is shared. */
function issued(record: TicketRecord, keyring: TicketKeyring, fair: FairMeta): IssuedTicket {
  return {
    ticketId: record.ticketId,
    token: keyring.signToken({
      fairId: fair.fairId,
      ticketId: record.ticketId,
      category: record.category,
      validDays: record.validDays,
    }),
    shortCode: formatShortCode(record.shortCode as string),
    category: record.category,
    validDays: record.validDays,
    ...(record.consentSecret ? { consentCode: consentCode(record.ticketId, record.consentSecret) } : {}),
  };
}

/** Issues tickets: stores each (with its presence, outside) and signs its token. */
export async function issueTickets(
  client: DynamoDBDocumentClient,
  table: string,
  keyring: TicketKeyring,
  fair: FairMeta,
  requests: TicketRequest[],
  prefix: (index: number) => string,
  issuedAt: Date,
): Promise<IssuedTicket[]> {
  checkDays(requests, fair, prefix);
  const createdAt = issuedAt.toISOString();
  const records = requests.map((request) => ticketRecord(request, fair, keyring, createdAt));
  await putTickets(client, table, records);
  return records.map((record) => issued(record, keyring, fair));
}

/**
 * A ticket id that follows from something else (a phone's id, a lost ticket's id): asked again, the
 * same ticket, which is what makes self-registration and a lost badge's replacement idempotent.
 */
const derivedTicketId = (seed: string) => createHash('sha256').update(seed).digest('base64url').slice(0, 16);

/** Visitors a day who may register themselves from a booth's poster (a public route that makes tickets). */
export const SELF_REGISTRATIONS_A_DAY = 2000;

export interface SelfRegistration {
  /** The random id the visitor's phone keeps for the fair: one ticket a phone. */
  phoneId: string;
  holderName: string;
  phone: string;
  /** What the visitor agrees a booth they show their consent code may see. */
  share: ('name' | 'phone')[];
  /** The version and language of the lines the visitor agreed to (`register-1-ar`). */
  wording: string;
}

/**
 * A visitor without a ticket registers from a booth poster's page on their own phone: a visitor ticket
 * from today to the fair's end, its QR code kept on the phone, accepted by gates, doors and booths like
 * any. One a phone: its id names the ticket, so asking again (a reload, a lost answer) gives the same
 * ticket back and takes nothing from the day's budget. The visitor's agreement is kept on the ticket
 * (what, which wording, when, how). `budget` when the day's budget is spent; `closed` off fair days.
 */
export async function registerSelf(
  deps: { client: DynamoDBDocumentClient; tickets: string; fairTable: string },
  keyring: TicketKeyring,
  fair: FairMeta,
  input: SelfRegistration,
  at: Date,
): Promise<{ ticket: IssuedTicket; again: boolean } | { refused: 'budget' | 'closed' }> {
  const ticketId = derivedTicketId(`${fair.fairId}:${input.phoneId}`);
  const known = await getTicket(deps.client, deps.tickets, ticketId);
  if (known) return { ticket: issued(known, keyring, fair), again: true };
  const today = fairDay(at, zoneOf(fair));
  if (!fair.days.includes(today)) return { refused: 'closed' };
  const expiresAt = fairRecordsExpireAt(fair.days);
  if (!(await takeSelfRegistration(deps.client, deps.fairTable, today, SELF_REGISTRATIONS_A_DAY, expiresAt)))
    return { refused: 'budget' };
  const request: TicketRequest = {
    category: 'visitor',
    holderName: input.holderName,
    validDays: fair.days.filter((day) => day >= today),
    contact: { phone: input.phone },
    share: input.share,
  };
  const record: TicketRecord = {
    ...ticketRecord(request, fair, keyring, at.toISOString(), ticketId),
    privacyLog: [
      { act: 'registered', at: at.toISOString(), by: 'the visitor, on their phone', wording: input.wording },
    ],
  };
  if (await putTicketIfAbsent(deps.client, deps.tickets, record))
    return { ticket: issued(record, keyring, fair), again: false };
  // The same phone asked twice at once: the other request made it.
  const made = await getTicket(deps.client, deps.tickets, ticketId);
  return made ? { ticket: issued(made, keyring, fair), again: true } : { refused: 'budget' };
}

/**
 * A lost badge: a new ticket for the same holder (category, days, name, contact, what they share, their
 * booth), and the lost one revoked. The new ticket's id comes from the lost one's, so asking again (a
 * lost answer, a second tap) gives the same new ticket and revokes nothing twice. `missing`: no such
 * ticket; `revoked`: it was revoked already (by hand, or replaced) and has no replacement here.
 */
export async function reissueTicket(
  deps: { client: DynamoDBDocumentClient; tickets: string; fairTable: string },
  keyring: TicketKeyring,
  fair: FairMeta,
  lostId: string,
  at: Date,
): Promise<{ ticket: IssuedTicket; again: boolean; replaced: string } | { refused: 'missing' | 'revoked' }> {
  const replacementId = derivedTicketId(`reissue:${lostId}`);
  const [lost, known] = await Promise.all([
    getTicket(deps.client, deps.tickets, lostId),
    getTicket(deps.client, deps.tickets, replacementId),
  ]);
  if (!lost) return { refused: 'missing' };
  if (lost.revoked && !known) return { refused: 'revoked' };
  let replacement = known;
  if (!replacement) {
    const request: TicketRequest = {
      category: lost.category as TicketRequest['category'],
      validDays: lost.validDays,
      ...(lost.holderName ? { holderName: lost.holderName } : {}),
      ...(lost.attentionNote ? { attentionNote: lost.attentionNote } : {}),
      ...(lost.contact ? { contact: lost.contact } : {}),
      ...(lost.share ? { share: lost.share as TicketRequest['share'] } : {}),
      ...(lost.boothId ? { boothId: lost.boothId } : {}),
    };
    const record = { ...ticketRecord(request, fair, keyring, at.toISOString(), replacementId), replaces: lostId };
    await putTicketIfAbsent(deps.client, deps.tickets, record);
    replacement = (await getTicket(deps.client, deps.tickets, replacementId)) ?? record;
  }
  await revokeTicket(deps.client, { tickets: deps.tickets, fair: deps.fairTable }, lostId, at.toISOString());
  return { ticket: issued(replacement, keyring, fair), again: known !== undefined, replaced: lostId };
}
