import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TicketRequest } from '../commons/ticket-schemas';
import { Refused } from '../domain/errors';
import { consentCode, sharedFields } from '../domain/lead-contact';
import { searchKey } from '../domain/names';
import { fairRecordsExpireAt } from '../domain/retention';
import { formatShortCode, newShortCode } from '../domain/short-code';
import type { TicketKeyring } from '../domain/signing-keys';
import type { FairMeta } from '../store/fair-store';
import { putTickets, type TicketRecord } from '../store/tickets-store';

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
  const records: TicketRecord[] = requests.map((request) => {
    const share = sharedFields(request);
    return {
      ticketId: randomBytes(12).toString('base64url'),
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
  });
  await putTickets(client, table, records);
  return records.map((record) => ({
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
  }));
}
