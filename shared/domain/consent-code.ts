/**
 * The consent code printed on a badge's fold-back panel, `rwqc.<ticketId>.<secret>`: the visitor's yes
 * to a booth, shown only by them. Its shape alone (no secret compared here, no Node module), so the
 * pages read it too: the booth tells it from a badge, a scanner's keys are checked against it.
 */
export const CONSENT_CODE_PREFIX = 'rwqc.';

export function consentCode(ticketId: string, secret: string): string {
  return `${CONSENT_CODE_PREFIX}${ticketId}.${secret}`;
}

/** The ticket a consent code names, if it has the code's shape. */
export function parseConsentCode(code: string): { ticketId: string; secret: string } | undefined {
  const match = /^rwqc\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{16,64})$/.exec(code.trim());
  return match ? { ticketId: match[1] as string, secret: match[2] as string } : undefined;
}
