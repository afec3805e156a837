/**
 * The fair's clock. On AWS it is the real time. Locally, the runtime's sandbox provides its demo clock
 * (local/demo-clock.ts): on a date outside the demo fair it plays the fair, so a newcomer's scans are
 * judged on a fair day rather than all refused as NOT_VALID_TODAY, and `npm run simulate` can play
 * whole days faster.
 */
const localClock = (globalThis as { rawaqFairClock?: () => number }).rawaqFairClock;

export function now(): Date {
  return new Date(localClock ? localClock() : Date.now());
}
