import { formatShortCode, normalizeShortCode } from '../../../shared/domain/short-code';

/**
 * A ticket's holder as a host or a sheet shows them: the name on a named ticket, else its short code
 * (what the badge shows), else the end of its id.
 */
export function holderLabel(person: { holderName?: string; shortCode?: string; ticketId: string }): string {
  const code = person.shortCode ? normalizeShortCode(person.shortCode) : undefined;
  return person.holderName ?? (code ? formatShortCode(code) : `…${person.ticketId.slice(-6)}`);
}
