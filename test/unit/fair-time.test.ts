import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairDay, wallClock, zonedIso } from '#shared/domain/fair-time';

describe('fair time', () => {
  it('turns a wall-clock time into the instant the zone database gives, across offset changes', () => {
    // Paris moves to +02:00 on 2027-03-28 at 02:00 local time.
    expect(zonedIso('2027-03-27', '10:00', 'Europe/Paris')).toBe('2027-03-27T10:00:00+01:00');
    expect(zonedIso('2027-03-29', '10:00', 'Europe/Paris')).toBe('2027-03-29T10:00:00+02:00');
  });

  it('round-trips any wall-clock time in the fair zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          const iso = zonedIso(day, '12:30', 'Africa/Casablanca');
          const back = wallClock(new Date(iso), 'Africa/Casablanca');
          expect(back.day).toBe(day);
          expect([back.hour, back.minute]).toEqual([12, 30]);
        },
      ),
    );
  });

  it("judges the fair day in the fair's zone, not UTC", () => {
    // 23:30 UTC is already the next day in Asia/Tokyo and still the same day in America/New_York.
    const instant = new Date('2027-03-26T23:30:00Z');
    expect(fairDay(instant, 'Asia/Tokyo')).toBe('2027-03-27');
    expect(fairDay(instant, 'America/New_York')).toBe('2027-03-26');
  });
});
