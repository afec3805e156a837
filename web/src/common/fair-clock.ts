import { type FairZone, fairDay } from '../../../shared/domain/fair-time';
import { STORED } from './stored';

/**
 * The fair's clock as the API keeps it (`now` in GET /v1/fair: the demo clock locally, the real one on
 * AWS). A phone's own clock may be wrong or in another zone; scans are stamped and judged on this one.
 */
let offsetMs = Number(localStorage.getItem(STORED.clockOffsetMs) ?? 0);

export function syncFairClock(serverNow: string, requestStartedAt: number): void {
  const midpoint = (requestStartedAt + Date.now()) / 2;
  offsetMs = Date.parse(serverNow) - midpoint;
  localStorage.setItem(STORED.clockOffsetMs, String(Math.round(offsetMs)));
}

export function fairNow(): Date {
  return new Date(Date.now() + offsetMs);
}

export function fairToday(zone: FairZone): string {
  return fairDay(fairNow(), zone);
}
