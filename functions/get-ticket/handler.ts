import QRCode from 'qrcode';
import { z } from 'zod';
import { now } from '#shared/clock';
import { resource } from '#shared/config';
import { fairDay } from '#shared/domain/fair-time';
import { fairMeta } from '#shared/fair-context';
import { NotFoundError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parsePath } from '#shared/http/request';
import { binary, json, text } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';
import { getTicket } from '#shared/store/tickets-store';
import { ticketKeyring } from '#shared/ticket-keyring';
import { TicketIdSchema } from '#shared/ticket-schemas';

const PathSchema = z.object({ ticketId: TicketIdSchema });
/** Level M: survives a crease or a smudge; the token stays at QR version 8, quick for phone cameras. */
const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

/** GET /v1/tickets/{ticketId}, .../qr.svg and .../qr.png (organiser). */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const { ticketId } = parsePath(event, PathSchema);
  const ticket = await getTicket(dynamo(), resource('TICKETS_TABLE'), ticketId);
  if (!ticket) throw new NotFoundError(`no ticket ${ticketId}`);
  if (event.routeKey.endsWith('/qr.svg') || event.routeKey.endsWith('/qr.png')) {
    const [fair, keyring] = await Promise.all([fairMeta(), ticketKeyring()]);
    // Ed25519 is deterministic: re-signing with the key it was issued with gives the very token issued.
    const token = keyring.signToken(
      { fairId: fair.fairId, ticketId, category: ticket.category, validDays: ticket.validDays },
      ticket.kid,
    );
    if (event.routeKey.endsWith('/qr.svg'))
      return text(200, 'image/svg+xml', await QRCode.toString(token, { ...QR_OPTIONS, type: 'svg' }));
    return binary(200, 'image/png', await QRCode.toBuffer(token, { ...QR_OPTIONS, type: 'png', scale: 8 }));
  }
  // A presence left over from an earlier day ended with that day.
  const today = fairDay(now(), (await fairMeta()).timezone);
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
  });
});
