/**
 * Wall-clock time in the fair's zone. A zone's rules change (Morocco moved to UTC+00 all year on
 * 2026-09-20, tz 2026c), and a runtime or a phone may carry zone data from before the change. So the
 * fair's file may pin the UTC offset of each of its days, and the pages always receive the offsets
 * from the API. Every conversion takes the fair's zone (`zoneOf(fair)`: its name and the offsets its
 * file pins): a pinned day uses its pinned offset and never the zone database; unpinned, the zone
 * database decides. Nothing is kept between calls but the zone objects made for a fair; no offset is
 * ever written by hand in code.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export interface WallClock {
  day: string;
  hour: number;
  minute: number;
  offset: string;
}

/** `+01:00` as 60; `-04:30` as -270. */
export function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/** A fair's time zone, and the UTC offsets its file pins: what every conversion takes. */
export interface FairZone {
  readonly timeZone: string;
  /** Each pinned day's offset in minutes, days in order; none: the zone database decides. */
  readonly pins: readonly { day: string; minutes: number }[];
  /** The pinned offsets as the file gives them (day → `+HH:MM`). */
  readonly offsets: Readonly<Record<string, string>>;
}

/**
 * The zone `timeZone` with these offsets pinned (day → `+HH:MM`): on a pinned day, its offset;
 * before the first, the first's; after a day and before the next, that day's.
 */
export function fairZone(timeZone: string, offsets: Record<string, string> = {}): FairZone {
  const valid = Object.entries(offsets).filter(([, offset]) => UTC_OFFSET.test(offset));
  return {
    timeZone,
    pins: valid
      .map(([day, offset]) => ({ day, minutes: offsetMinutes(offset) }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    offsets: Object.fromEntries(valid),
  };
}

/** A fair as its file, its stored meta or the API describes it. */
export interface ZonedFair {
  timezone: string;
  utcOffsets?: Record<string, string> | undefined;
}

const zonesOfFairs = new WeakMap<ZonedFair, FairZone>();

/** The zone of a fair, with the offsets it pins; made once per fair object. */
export function zoneOf(fair: ZonedFair): FairZone {
  let zone = zonesOfFairs.get(fair);
  if (!zone || zone.timeZone !== fair.timezone) {
    zone = fairZone(fair.timezone, fair.utcOffsets);
    zonesOfFairs.set(fair, zone);
  }
  return zone;
}

function utcFields(instant: number): { day: string; hour: number; minute: number } {
  const iso = new Date(instant).toISOString();
  return { day: iso.slice(0, 10), hour: Number(iso.slice(11, 13)), minute: Number(iso.slice(14, 16)) };
}

function pinnedOffsetAt(days: FairZone['pins'], instant: number): number {
  let chosen = days[0] as { day: string; minutes: number };
  for (const entry of days) {
    // The instant is on or after this day's local midnight.
    if (instant + entry.minutes * 60_000 >= Date.parse(`${entry.day}T00:00:00Z`)) chosen = entry;
  }
  return chosen.minutes;
}

/** What the zone database of this runtime says, pins aside. */
export function zoneDatabaseClock(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    offset,
  };
}

export function wallClock(instant: Date, zone: FairZone): WallClock {
  if (zone.pins.length === 0) return zoneDatabaseClock(instant, zone.timeZone);
  const minutes = pinnedOffsetAt(zone.pins, instant.getTime());
  return { ...utcFields(instant.getTime() + minutes * 60_000), offset: formatOffset(minutes) };
}

/** The fair day (YYYY-MM-DD) an instant falls on. */
export function fairDay(instant: Date, zone: FairZone): string {
  return wallClock(instant, zone).day;
}

/** `2027-03-26` at `10:00` in the zone, as ISO-8601 with that moment's offset. */
export function zonedIso(day: string, time: string, zone: FairZone): string {
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  let offset = wallClock(new Date(asUtc), zone).offset;
  const corrected = wallClock(new Date(asUtc - offsetMinutes(offset) * 60_000), zone).offset;
  if (corrected !== offset) offset = corrected;
  return `${day}T${time}:00${offset}`;
}

/**
 * `day` at `time` as an instant: with the offset the fair's file pins for that day where it pins
 * one, else with the zone database.
 */
export function fairIso(day: string, time: string, zone: FairZone): string {
  const pinned = zone.offsets[day];
  return pinned ? `${day}T${time}:00${pinned}` : zonedIso(day, time, zone);
}

/** Each day's UTC offset at noon, as conversions now make it (pinned, or the zone database). */
export function utcOffsetsOf(days: readonly string[], zone: FairZone): Record<string, string> {
  return Object.fromEntries(days.map((day) => [day, zonedIso(day, '12:00', zone).slice(19)]));
}

/**
 * Where this runtime's zone database disagrees with offsets the fair's file confirms: the days, with
 * both offsets. Empty when they agree.
 */
export function zoneDatabaseDisagreements(
  confirmed: Record<string, string>,
  timeZone: string,
): { day: string; confirmed: string; zoneDatabase: string }[] {
  return Object.entries(confirmed)
    .map(([day, offset]) => ({
      day,
      confirmed: offset,
      zoneDatabase: zoneDatabaseClock(new Date(Date.parse(`${day}T12:00:00${offset}`)), timeZone).offset,
    }))
    .filter((entry) => offsetMinutes(entry.zoneDatabase) !== offsetMinutes(entry.confirmed));
}
