import { type Level, type LevelRule, levelFor } from './levels';

/**
 * A zone's live counts belong to one fair day. The day ends when it is closed (everyone still counted
 * is swept out) or, if no closing ran, when the first count of a later day arrives: either way the next
 * morning starts at 0. Changes stamped with a day already over are late: they are kept in the log and
 * the statistics, never in the live count. Pure: the projector, the closing and reconciliation apply it.
 */
export type LevelCause = 'count' | 'rules' | 'newDay' | 'dayClosed' | 'reconciled';

/** Level changes that raise no alert of their own (the closing raises one "day closed" event instead). */
export function isQuietCause(cause: LevelCause | undefined): boolean {
  return cause === 'newDay' || cause === 'dayClosed';
}

export interface ZoneLive {
  count: number;
  /** People counted by their tickets (gate scans, workshop doors). */
  ticketed: number;
  /** Walk-ins counted at gates, in minus out. */
  counted: number;
  /** The fair day the counts belong to. */
  day?: string;
  /** The latest day closed for this zone. */
  closedDay?: string;
  level: Level;
  levelVersion: number;
  /** Why the level last changed: a fall caused by a new day or a closing raises no alert. */
  levelCause?: LevelCause;
  /** Who was still counted when the zone's last day ended, and that day's peak. */
  lastClose?: {
    day: string;
    swept: number;
    at: string;
    by: 'closing' | 'nextDay';
    peak?: Peak;
    unmatchedOut?: number;
  };
  /** The most people counted at once on `day`, and when (for the day's report). */
  peak?: Peak & { day: string };
  /**
   * Walk-ins counted out on `day` when the zone had no walk-in left to let out (a steward's tap too
   * many, a misused credential): left out of the count, which never goes below 0, and kept for the
   * day's report.
   */
  unmatchedOut?: { day: string; count: number };
  /** The count at each of the last minutes it changed, for the rate it is filling or emptying at. */
  trend?: { day: string; samples: TrendSample[] };
}

export interface TrendSample {
  /** The minute (ISO instant truncated to the minute). */
  at: string;
  count: number;
}

/** Minutes of history the rate is taken over. */
export const TREND_MINUTES = 10;

/** Notes the zone's count at `at`'s minute (one sample a minute, the last few kept; a new day starts afresh). */
export function withTrend(zone: ZoneLive, at: string): ZoneLive {
  if (zone.day === undefined) return zone;
  const minute = `${at.slice(0, 16)}:00.000Z`;
  const earlier = zone.trend?.day === zone.day ? zone.trend.samples : [];
  const horizon = Date.parse(minute) - (TREND_MINUTES + 5) * 60_000;
  const kept = earlier.filter((sample) => sample.at !== minute && Date.parse(sample.at) >= horizon);
  return { ...zone, trend: { day: zone.day, samples: [...kept, { at: minute, count: zone.count }] } };
}

/**
 * Where the zone is heading: people a minute over the last minutes, and when it would reach its full
 * threshold at that rate (rounded, only when filling at more than a person every two minutes).
 */
export function forecast(
  zone: ZoneLive,
  rule: { capacity: number; thresholds: { full: number } },
  now: Date,
): { perMinute: number; fullInMinutes?: number } | undefined {
  const samples = zone.trend?.day === zone.day ? (zone.trend?.samples ?? []) : [];
  const last = samples.at(-1);
  if (!last) return undefined;
  const from = samples.find((sample) => now.getTime() - Date.parse(sample.at) <= TREND_MINUTES * 60_000) ?? last;
  const minutes = Math.max(1, (now.getTime() - Date.parse(from.at)) / 60_000);
  const perMinute = Math.round(((zone.count - from.count) / minutes) * 10) / 10;
  const fullAt = Math.ceil(rule.capacity * rule.thresholds.full);
  if (perMinute >= 0.5 && zone.count < fullAt)
    return { perMinute, fullInMinutes: Math.ceil((fullAt - zone.count) / perMinute) };
  return { perMinute };
}

export interface Peak {
  count: number;
  at: string;
}

/** The zone's peak on `day`, if it has one. */
export function peakOn(zone: ZoneLive, day: string): Peak | undefined {
  if (zone.peak?.day === day) return { count: zone.peak.count, at: zone.peak.at };
  return zone.lastClose?.day === day ? zone.lastClose.peak : undefined;
}

/** The walk-in exits on `day` that found nobody counted to let out. */
export function unmatchedOutOn(zone: ZoneLive, day: string): number {
  if (zone.unmatchedOut?.day === day) return zone.unmatchedOut.count;
  return zone.lastClose?.day === day ? (zone.lastClose.unmatchedOut ?? 0) : 0;
}

/** What the day leaves behind when it ends: its peak and its unmatched exits. */
function dayLeftovers(zone: ZoneLive, day: string): { peak?: Peak; unmatchedOut?: number } {
  const peak = peakOn(zone, day);
  const unmatched = unmatchedOutOn(zone, day);
  return { ...(peak ? { peak } : {}), ...(unmatched > 0 ? { unmatchedOut: unmatched } : {}) };
}

function withPeak(zone: ZoneLive, at: string): ZoneLive {
  if (zone.day === undefined) return zone;
  const before = zone.peak?.day === zone.day ? zone.peak.count : 0;
  return zone.count > before ? { ...zone, peak: { day: zone.day, count: zone.count, at } } : zone;
}

export interface ZoneChange {
  day: string;
  ticketed: number;
  counted: number;
}

function judged(zone: ZoneLive, rule: LevelRule, previous: Level, cause: LevelCause): ZoneLive {
  const level = levelFor(zone.count, rule, previous);
  if (level === zone.level) return zone;
  // Only a fall to normal is the new day's or the closing's doing; anything higher is the count's.
  const levelCause = isQuietCause(cause) && level !== 'normal' ? 'count' : cause;
  return { ...zone, level, levelVersion: zone.levelVersion + 1, levelCause };
}

/** Whether a change stamped `day` comes after its day ended for this zone. */
export function isLate(zone: ZoneLive, day: string): boolean {
  return (zone.day !== undefined && day < zone.day) || (zone.closedDay !== undefined && day <= zone.closedDay);
}

/** Applies changes (any days, any order) to a zone: late ones are left out, a later day starts afresh. */
export function applyChanges(zone: ZoneLive, rule: LevelRule, changes: readonly ZoneChange[], at: string): ZoneLive {
  let current = zone;
  const byDay = [...changes].sort((a, b) => a.day.localeCompare(b.day));
  for (const change of byDay) {
    if (isLate(current, change.day)) continue;
    if (current.day !== change.day) {
      const leftover =
        current.day !== undefined && current.closedDay !== current.day && current.count !== 0
          ? {
              lastClose: {
                day: current.day,
                swept: current.count,
                at,
                by: 'nextDay' as const,
                ...dayLeftovers(current, current.day),
              },
            }
          : {};
      current = judged(
        { ...current, ...leftover, day: change.day, count: 0, ticketed: 0, counted: 0 },
        rule,
        'normal',
        'newDay',
      );
    }
    const ticketed = current.ticketed + change.ticketed;
    // Walk-ins never go below 0: an exit with no walk-in left to let out is kept apart, not counted.
    const wanted = current.counted + change.counted;
    const counted = Math.max(0, wanted);
    const unmatched = counted - wanted;
    if (unmatched > 0)
      current = {
        ...current,
        unmatchedOut: { day: change.day, count: unmatchedOutOn(current, change.day) + unmatched },
      };
    current = withPeak(
      judged({ ...current, ticketed, counted, count: ticketed + counted }, rule, current.level, 'count'),
      at,
    );
  }
  return current;
}

/** Closes `day` for the zone: who is still counted is swept out, counts return to 0, the level to normal. */
export function closeDay(zone: ZoneLive, rule: LevelRule, day: string, at: string): { zone: ZoneLive; swept: number } {
  if ((zone.day !== undefined && zone.day > day) || (zone.closedDay !== undefined && zone.closedDay >= day))
    return { zone, swept: 0 };
  const swept = zone.count;
  const closed: ZoneLive = {
    ...zone,
    day,
    closedDay: day,
    count: 0,
    ticketed: 0,
    counted: 0,
    lastClose: { day, swept, at, by: 'closing', ...dayLeftovers(zone, day) },
  };
  return { zone: judged(closed, rule, 'normal', 'dayClosed'), swept };
}

/** The counts as they stand on `today`: none on a day not yet begun for the zone, or closed. */
export function liveOn(
  zone: ZoneLive,
  today: string,
): { count: number; ticketed: number; counted: number; level: Level; closed: boolean } {
  const closed = zone.closedDay !== undefined && zone.closedDay >= today;
  if (zone.day !== today || closed) return { count: 0, ticketed: 0, counted: 0, level: 'normal', closed };
  // Ticket holders are exact once every record is in, but an exit projected before its entry (records on
  // two stream shards) can leave the part below 0 for a moment: never shown so.
  const ticketed = Math.max(0, zone.ticketed);
  return { count: ticketed + zone.counted, ticketed, counted: zone.counted, level: zone.level, closed };
}

/** Re-judges the level against new rules (a capacity changed on the day). */
export function rejudge(zone: ZoneLive, rule: LevelRule): ZoneLive {
  return judged(zone, rule, zone.level, 'rules');
}

/** Sets the ticketed part to what the tickets say (reconciliation), the level judged again. */
export function reconcileTicketed(zone: ZoneLive, rule: LevelRule, ticketed: number): ZoneLive {
  return judged({ ...zone, ticketed, count: ticketed + zone.counted }, rule, zone.level, 'reconciled');
}
