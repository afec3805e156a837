/**
 * The fair's clock. On AWS it is the real time. Locally, `npm start` on a date outside the demo fair
 * plays the fair instead (RAWAQ_CLOCK_OFFSET_MS, set by the runtime and printed at start), so a
 * newcomer's scans are judged on a fair day rather than all refused as NOT_VALID_TODAY.
 */
const offsetMs = Number(process.env.RAWAQ_CLOCK_OFFSET_MS ?? 0) || 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}
