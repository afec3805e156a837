import { type FairZone, fairDay } from '../domain/fair-time';

/**
 * The time a device's write is judged at. Online, the server's: a device's clock decides nothing (a
 * gate phone set to the 26th cannot admit a ticket valid only that day on the 29th). A device that was
 * offline sends what it did earlier, and its time counts, within bounds: not ahead of the server by
 * more than a clock's usual drift, on the same fair day, and no older than the longest offline spell we
 * plan for. Outside them the write is judged at receipt and flagged.
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
export const MAX_OFFLINE_MS = 12 * 3_600_000;

export function judgedAt(
  deviceTime: string,
  now: Date,
  offline: boolean,
  zone: FairZone,
): { at: Date; adjusted: boolean } {
  const device = new Date(deviceTime);
  if (!offline) return { at: now, adjusted: false };
  const ahead = device.getTime() - now.getTime();
  const plausible =
    ahead <= MAX_CLOCK_AHEAD_MS && -ahead <= MAX_OFFLINE_MS && fairDay(device, zone) === fairDay(now, zone);
  return plausible ? { at: ahead > 0 ? now : device, adjusted: false } : { at: now, adjusted: true };
}
