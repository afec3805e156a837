import { type FairZone, zonedIso } from './fair-time';

/**
 * How long a fair's personal records are kept. Tickets (a holder's name), scans and credentials are
 * deleted by DynamoDB's TTL 90 days after the fair's last day: long enough for the report to the
 * council and the ministry, and for a dispute; statistics (no person in them) and alerts stay.
 */
export const RETENTION_DAYS_AFTER_FAIR = 90;
const DAY_MS = 86_400_000;

const lastDayEnd = (days: readonly string[]) => Date.parse(`${[...days].sort().at(-1) ?? '1970-01-01'}T23:59:59Z`);

/** The TTL (epoch seconds) of a ticket or a scan of this fair. */
export function fairRecordsExpireAt(days: readonly string[]): number {
  return Math.floor((lastDayEnd(days) + RETENTION_DAYS_AFTER_FAIR * DAY_MS) / 1000);
}

/**
 * When a footfall event's id may be forgotten: a week after the fair, long after any phone that was
 * offline has sent it (a resend within that counts nothing). The counts it made stay.
 */
export function footfallEventsExpireAt(days: readonly string[]): number {
  return Math.floor((lastDayEnd(days) + 7 * DAY_MS) / 1000);
}

/** When a credential stops working unless it says otherwise: the end of the day after the fair, fair time. */
export function defaultCredentialExpiry(days: readonly string[], zone: FairZone): string {
  const dayAfter = new Date(lastDayEnd(days) + DAY_MS).toISOString().slice(0, 10);
  return zonedIso(dayAfter, '23:59', zone);
}

/** How long after the fair a credential may be made to last (a report written late, the packing up). */
export const CREDENTIAL_MARGIN_DAYS = 14;

/** The latest a credential may be valid until: the end of the fair's last day plus the margin, fair time. */
export function latestCredentialExpiry(days: readonly string[], zone: FairZone): string {
  const last = new Date(lastDayEnd(days) + CREDENTIAL_MARGIN_DAYS * DAY_MS).toISOString().slice(0, 10);
  return zonedIso(last, '23:59', zone);
}
