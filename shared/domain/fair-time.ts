/**
 * Wall-clock time in the fair's IANA zone. Morocco moves its offset around Ramadan and has changed its
 * rules before, so no offset is ever written by hand: every conversion asks the zone database.
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

interface WallClock {
  day: string;
  hour: number;
  minute: number;
  offset: string;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
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

/** The fair day (YYYY-MM-DD) an instant falls on. */
export function fairDay(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).day;
}

function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `2027-03-26` at `10:00` in the zone, as ISO-8601 with that moment's offset. */
export function zonedIso(day: string, time: string, timeZone: string): string {
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  let offset = wallClock(new Date(asUtc), timeZone).offset;
  const corrected = wallClock(new Date(asUtc - offsetMinutes(offset) * 60_000), timeZone).offset;
  if (corrected !== offset) offset = corrected;
  return `${day}T${time}:00${offset}`;
}
