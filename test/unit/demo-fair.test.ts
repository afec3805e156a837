import { describe, expect, it } from 'vitest';
import { demoFair } from '#shared/fair/demo-fair';

/** The UTC offset Africa/Casablanca has at an instant, as "+01:00". */
function casablancaOffset(instant: Date): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Casablanca', timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace('GMT', '') || '+00:00';
  return offset;
}

describe('the demo fair', () => {
  it('has about 140 exhibitors with unique booth ids in existing zones', () => {
    const zoneIds = new Set(demoFair.zones.map((z) => z.zoneId));
    expect(demoFair.booths.length).toBeGreaterThanOrEqual(135);
    expect(demoFair.booths.length).toBeLessThanOrEqual(150);
    expect(new Set(demoFair.booths.map((b) => b.boothId)).size).toBe(demoFair.booths.length);
    expect(new Set(demoFair.booths.map((b) => b.exhibitor)).size).toBeGreaterThan(100);
    for (const booth of demoFair.booths) expect(zoneIds.has(booth.zoneId)).toBe(true);
  });

  it('covers about 4,000 m² and never sets a capacity above what the floor holds at 1.5 m² a person', () => {
    const venue = demoFair.zones.filter((zone) => !zone.parentId);
    expect(venue).toHaveLength(1);
    expect(venue[0]?.areaM2).toBe(4000);
    expect(venue[0]?.capacity).toBeLessThan(2660);
    for (const zone of demoFair.zones) {
      expect(zone.capacity).toBeLessThanOrEqual(Math.floor(zone.areaM2 / 1.5));
      expect(zone.capacityBasis).toMatch(/\d/);
      // Zones nest: the ones inside a zone fit in its floor and in its capacity.
      const inside = demoFair.zones.filter((child) => child.parentId === zone.zoneId);
      expect(inside.reduce((sum, child) => sum + child.areaM2, 0)).toBeLessThanOrEqual(zone.areaM2);
      expect(inside.reduce((sum, child) => sum + child.capacity, 0)).toBeLessThanOrEqual(zone.capacity);
    }
  });

  it('lets people in through entrances that lead into the venue, so staffing them alone counts everyone', () => {
    const venueId = demoFair.zones.find((zone) => !zone.parentId)?.zoneId;
    const entrances = demoFair.gates.filter((gate) => gate.fromZoneId === 'outside');
    expect(entrances.length).toBeGreaterThanOrEqual(2);
    for (const gate of entrances) expect(gate.zoneId).toBe(venueId);
  });

  it('joins gates to zones that exist, from the outside or another zone', () => {
    const zoneIds = new Set(demoFair.zones.map((z) => z.zoneId));
    for (const gate of demoFair.gates) {
      expect(zoneIds.has(gate.zoneId)).toBe(true);
      expect(gate.fromZoneId === 'outside' || zoneIds.has(gate.fromZoneId)).toBe(true);
      expect(gate.fromZoneId).not.toBe(gate.zoneId);
    }
    expect(demoFair.gates.some((gate) => gate.fromZoneId === 'outside')).toBe(true);
  });

  it('runs six days with the three seminars of the announcement', () => {
    expect(demoFair.days).toHaveLength(6);
    const seminars = demoFair.workshops.filter((w) => w.kind === 'seminar');
    expect(seminars.map((s) => s.title)).toEqual([
      expect.stringMatching(/solidarity economy.*regional products/i),
      expect.stringMatching(/blue economy/i),
      expect.stringMatching(/digitalisation and big data/i),
    ]);
    expect(demoFair.workshops.filter((w) => w.kind === 'workshop').length).toBeGreaterThanOrEqual(12);
  });

  it("writes every programme time with Africa/Casablanca's offset at that instant, within the fair's days", () => {
    for (const item of demoFair.workshops) {
      for (const time of [item.startsAt, item.endsAt]) {
        expect(time.slice(-6)).toBe(casablancaOffset(new Date(time)));
        expect(demoFair.days).toContain(time.slice(0, 10));
      }
      expect(Date.parse(item.endsAt)).toBeGreaterThan(Date.parse(item.startsAt));
    }
  });
});
