/**
 * The tables' secondary indexes, named once: the stores query them, the stack creates them and grants
 * their use. Free of imports, so the stack reads names without loading a store or the AWS SDK.
 */
/** Alerts by time, in one partition (a fair has dozens of alerts a day, not thousands). */
export const ALERT_FEED_INDEX = 'byTime';
/** Credentials by id, to revoke one without knowing its secret. */
export const CREDENTIAL_ID_INDEX = 'byCredentialId';
/** Sparse: only scans two offline devices disagreed on. */
export const CONFLICT_INDEX = 'byConflict';
/** Workshops by start time. */
export const WORKSHOP_LIST_INDEX = 'byStart';
/**
 * Sparse: tickets inside, by the fair day of their presence and a shard of the ticket id
 * (`<day>#<0..15>`): a national fair's entries spread over 16 keys a day instead of one hot key, and a
 * day's closing sweeps the shards side by side.
 */
export const INSIDE_INDEX = 'byInsideShard';
export const INSIDE_SHARDS = 16;

/**
 * The day's booth ranking is spread over this many partition keys (`BOOTHS#<day>#<0..7>`), each
 * booth-day's row under one of them: a national fair's booths do not all write one key.
 */
export const RANKING_SHARDS = 8;
/** What the inside index keeps of a ticket: its presence and category, no personal data. */
export const INSIDE_INDEX_ATTRIBUTES = [
  'inside',
  'insideDay',
  'zoneId',
  'counted',
  'entries',
  'lastDeviceId',
  'lastGateId',
  'category',
  'version',
] as const;
/** Tickets by short code (the typed fallback for a damaged QR code): keys only. */
export const SHORT_CODE_INDEX = 'byShortCode';

/** The fair table's partition of the public keys item: the stack lets only its publishers write it. */
export const PUBLIC_KEYS_PARTITION = 'KEYS';
