import QRCode from 'qrcode';
import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { type HttpInner, httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
import { parsePath, parseQuery } from '#commons/http/request';
import { binary, json, text } from '#commons/http/response';
import { ticketKeyring } from '#commons/ticket-keyring';
import { TicketIdSchema, TicketSearchSchema } from '#shared/contract/tickets';
import { consentCode } from '#shared/domain/consent-code';
import { fairDay, fairIso, zoneOf } from '#shared/domain/fair-time';
import { searchKey } from '#shared/domain/names';
import { formatShortCode, normalizeShortCode } from '#shared/domain/short-code';
import { dynamo } from '#shared/store/clients';
import {
  findTicketIdsByShortCode,
  getTicket,
  recordSigningKey,
  searchTicketsByHolder,
  type TicketRecord,
  ticketSet,
  ticketsSignedWith,
} from '#shared/store/tickets-store';

export const PathSchema = z.object({ ticketId: TicketIdSchema });
/** Level M: survives a crease or a smudge; the token stays at QR version 8, quick for phone cameras. */
const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

const SEARCH_LIMIT = 50;
/** Badges to print again after a key is retired: a sheet run at a time. */
const REPRINT_LIMIT = 1000;

/** A ticket as a search lists it: enough to pick it, reprint it or revoke it. */
const listed = (ticket: TicketRecord) => ({
  ticketId: ticket.ticketId,
  category: ticket.category,
  validDays: ticket.validDays,
  revoked: ticket.revoked,
  ...(ticket.shortCode ? { shortCode: formatShortCode(ticket.shortCode) } : {}),
  ...(ticket.holderName ? { holderName: ticket.holderName } : {}),
  ...(ticket.boothId ? { boothId: ticket.boothId } : {}),
});

/**
 * A set of tickets to print together (a category, a booth's staff, a day's issues, or these combined),
 * revoked ones left out, oldest first; with `badges=true` each with what its badge prints (the token
 * issued and the consent code), so that a sheet run needs one request, not one a badge.
 */
async function badgeSet(table: string, query: z.infer<typeof TicketSearchSchema>) {
  const fair = await fairMeta();
  // The fair day on the fair's clock, as the day report takes it: from its midnight, 24 hours.
  const dayStart = query.issuedOn ? Date.parse(fairIso(query.issuedOn, '00:00', zoneOf(fair))) : 0;
  const issued = query.issuedOn
    ? { from: new Date(dayStart).toISOString(), to: new Date(dayStart + 86_400_000).toISOString() }
    : undefined;
  const found = await ticketSet(
    dynamo(),
    table,
    {
      ...(query.category ? { category: query.category } : {}),
      ...(query.boothId ? { boothId: query.boothId } : {}),
      ...(issued ? { issued } : {}),
    },
    REPRINT_LIMIT + 1,
  );
  const tickets = found.slice(0, REPRINT_LIMIT).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const keyring = query.badges === 'true' ? await ticketKeyring() : undefined;
  return {
    tickets: await Promise.all(
      tickets.map(async (ticket) => ({
        ...listed(ticket),
        ...(keyring
          ? {
              token: await badgeToken(table, fair.fairId, keyring, ticket),
              ...(ticket.consentSecret ? { consentCode: consentCode(ticket.ticketId, ticket.consentSecret) } : {}),
            }
          : {}),
      })),
    ),
    more: found.length > REPRINT_LIMIT,
  };
}

/**
 * The token a ticket's badge prints. Ed25519 is deterministic: re-signing with the key it was issued
 * with gives the very token issued. A ticket whose key was retired is signed with the current one,
 * which it keeps from then on (recorded), so its badge printed again keeps the same QR code.
 */
async function badgeToken(
  table: string,
  fairId: string,
  keyring: Awaited<ReturnType<typeof ticketKeyring>>,
  ticket: TicketRecord,
): Promise<string> {
  const { ticketId, category, validDays, kid } = ticket;
  const token = keyring.signToken({ fairId, ticketId, category, validDays }, kid);
  if (!keyring.holds(kid)) await recordSigningKey(dynamo(), table, ticketId, kid, keyring.signingKid);
  return token;
}

/**
 * GET /v1/tickets?q= (a ticket id, a short code, or part of a holder's name), GET /v1/tickets/{ticketId}
 * (with its token and short code, to print its badge again), .../qr.svg and .../qr.png (organiser).
 */
/** The desk's search: by name, short code or id; or a badge set; or the badges signed with a key. */
const search: HttpInner = async (event) => {
  requirePermission(event, { kind: 'desk' });
  const table = resource('TICKETS_TABLE');
  const query = parseQuery(event, TicketSearchSchema);
  if (query.signedWith !== undefined) {
    const signed = await ticketsSignedWith(dynamo(), table, query.signedWith, REPRINT_LIMIT + 1);
    return json(200, { tickets: signed.slice(0, REPRINT_LIMIT).map(listed), more: signed.length > REPRINT_LIMIT });
  }
  if (query.q === undefined) return json(200, await badgeSet(table, query));
  const q = query.q ?? '';
  const code = normalizeShortCode(q);
  const byId = TicketIdSchema.safeParse(q).success ? [q] : [];
  const byCode = code ? await findTicketIdsByShortCode(dynamo(), table, code) : [];
  const exact = (
    await Promise.all([...new Set([...byId, ...byCode])].map((id) => getTicket(dynamo(), table, id)))
  ).filter((ticket): ticket is TicketRecord => ticket !== undefined);
  const byName = await searchTicketsByHolder(dynamo(), table, searchKey(q), SEARCH_LIMIT);
  const tickets = [...new Map([...exact, ...byName].map((ticket) => [ticket.ticketId, ticket])).values()];
  return json(200, { tickets: tickets.slice(0, SEARCH_LIMIT).map(listed), more: tickets.length > SEARCH_LIMIT });
};

/** The ticket a request names (404 when there is none), and its badge's token (the very one issued). */
async function ticketAsked(event: AuthorizedEvent) {
  requirePermission(event, { kind: 'desk' });
  const table = resource('TICKETS_TABLE');
  const { ticketId } = parsePath(event, PathSchema);
  const ticket = await getTicket(dynamo(), table, ticketId);
  if (!ticket) throw new NotFoundError(`no ticket ${ticketId}`);
  const [fair, keyring] = await Promise.all([fairMeta(), ticketKeyring()]);
  const token = await badgeToken(table, fair.fairId, keyring, ticket);
  return { ticketId, ticket, fair, token };
}

/** A ticket as the desk sees it: its presence today, its holder, its token and consent code. */
const detail: HttpInner = async (event) => {
  const { ticketId, ticket, fair, token } = await ticketAsked(event);
  // A presence left over from an earlier day ended with that day.
  const today = fairDay(now(), zoneOf(fair));
  const inside = ticket.inside && (ticket.insideDay === undefined || ticket.insideDay === today);
  return json(200, {
    ticketId,
    category: ticket.category,
    validDays: ticket.validDays,
    revoked: ticket.revoked,
    inside,
    ...(inside && ticket.zoneId ? { zoneId: ticket.zoneId } : {}),
    // The zones whose counts include the ticket (its zone, and those around it it was counted into).
    ...(inside ? { countedIn: ticket.counted ?? [] } : {}),
    entries: ticket.entries,
    ...(ticket.holderName ? { holderName: ticket.holderName } : {}),
    ...(ticket.attentionNote ? { attentionNote: ticket.attentionNote } : {}),
    ...(ticket.boothId ? { boothId: ticket.boothId } : {}),
    // To print its badge again: the very token issued, and the code typed when the QR cannot be read.
    token,
    ...(ticket.shortCode ? { shortCode: formatShortCode(ticket.shortCode) } : {}),
    // What the holder left and agreed to share (the organiser sees all), and the code on the badge's
    // fold-back panel that gives a booth what was agreed.
    ...(ticket.contact ? { contact: ticket.contact } : {}),
    share: ticket.share ?? [],
    ...(ticket.consentSecret ? { consentCode: consentCode(ticketId, ticket.consentSecret) } : {}),
  });
};

export const handler = httpHandler(
  byRoute('get-ticket')({
    'GET /v1/tickets': search,
    'GET /v1/tickets/{ticketId}': detail,
    'GET /v1/tickets/{ticketId}/qr.svg': async (event) => {
      const { token } = await ticketAsked(event);
      return text(200, 'image/svg+xml', await QRCode.toString(token, { ...QR_OPTIONS, type: 'svg' }));
    },
    'GET /v1/tickets/{ticketId}/qr.png': async (event) => {
      const { token } = await ticketAsked(event);
      return binary(200, 'image/png', await QRCode.toBuffer(token, { ...QR_OPTIONS, type: 'png', scale: 8 }));
    },
  }),
);
