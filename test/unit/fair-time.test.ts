import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairDay, fairIso, fairZone, wallClock, zonedIso, zoneOf } from '#shared/domain/fair-time';

describe('fair time', () => {
  it('turns a wall-clock time into the instant the zone database gives, across offset changes', () => {
    // Paris moves to +02:00 on 2027-03-28 at 02:00 local time.
    expect(zonedIso('2027-03-27', '10:00', fairZone('Europe/Paris'))).toBe('2027-03-27T10:00:00+01:00');
    expect(zonedIso('2027-03-29', '10:00', fairZone('Europe/Paris'))).toBe('2027-03-29T10:00:00+02:00');
  });

  it('round-trips any wall-clock time in the fair zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          const iso = zonedIso(day, '12:30', fairZone('Africa/Casablanca'));
          const back = wallClock(new Date(iso), fairZone('Africa/Casablanca'));
          expect(back.day).toBe(day);
          expect([back.hour, back.minute]).toEqual([12, 30]);
        },
      ),
    );
  });

  it('keeps each fair’s pinned offsets to that fair: two fairs in one zone convert side by side', () => {
    // One runtime, two fairs in the same zone, one pinning +02:00 on its day: nothing is shared.
    const pinned = zoneOf({ timezone: 'Africa/Casablanca', utcOffsets: { '2027-03-26': '+02:00' } });
    const unpinned = zoneOf({ timezone: 'Africa/Casablanca' });
    expect(fairIso('2027-03-26', '10:00', pinned)).toBe('2027-03-26T10:00:00+02:00');
    expect(wallClock(new Date('2027-03-26T08:00:00Z'), pinned)).toMatchObject({ hour: 10, offset: '+02:00' });
    // The unpinned one follows this runtime's zone database, whatever the other pinned.
    const database = wallClock(new Date('2027-03-26T08:00:00Z'), fairZone('Africa/Casablanca'));
    expect(wallClock(new Date('2027-03-26T08:00:00Z'), unpinned)).toEqual(database);
    expect(database.offset).not.toBe('+02:00');
    // Past the last pinned day, its offset holds; before the first, the first's.
    expect(wallClock(new Date('2027-03-30T08:00:00Z'), pinned).offset).toBe('+02:00');
    expect(wallClock(new Date('2027-03-20T08:00:00Z'), pinned).offset).toBe('+02:00');
  });

  it("judges the fair day in the fair's zone, not UTC", () => {
    // 23:30 UTC is already the next day in Asia/Tokyo and still the same day in America/New_York.
    const instant = new Date('2027-03-26T23:30:00Z');
    expect(fairDay(instant, fairZone('Asia/Tokyo'))).toBe('2027-03-27');
    expect(fairDay(instant, fairZone('America/New_York'))).toBe('2027-03-26');
  });
});
