import { describe, expect, it } from 'vitest';
import { safeCapacities } from '../../shared/domain/safe-capacity';
import { DEMO_FAIR_FILE, readFairFile } from '../../shared/fair/fair-file';

const zone = (zoneId: string, areaM2: number, extra: { parentId?: string; exitWidthsM?: number[] } = {}) => ({
  zoneId,
  areaM2,
  ...extra,
});

describe('safe capacity from the floor plan', () => {
  it('takes the lower of the floor (1.5 m² a person after the booths) and the exits without the largest', () => {
    const safe = safeCapacities({
      zones: [zone('venue', 3000, { exitWidthsM: [3, 2, 1] }), zone('hall', 1000, { parentId: 'venue' })],
      gates: [],
      booths: [{ zoneId: 'hall' }, { zoneId: 'hall' }, { zoneId: 'venue' }],
    });
    // Venue: (3,000 - 3 booths x 9 m²) / 1.5 = 1,982; exits 3 + 2 + 1 m without the 3 m: 3 m x 200 = 600.
    expect(safe.get('venue')).toMatchObject({ byFloor: 1982, byExits: 600, capacity: 600, boothsOnFloor: 3 });
    // Hall: its own two booths only; no exit width given, so the floor alone.
    expect(safe.get('hall')).toMatchObject({ byFloor: 654, capacity: 654, boothsOnFloor: 2 });
    expect(safe.get('hall')?.byExits).toBeUndefined();
  });

  it('holds a one-exit room to 60, and reads the exits from the gates into a zone when its file gives none', () => {
    const safe = safeCapacities({
      zones: [zone('room', 300, { exitWidthsM: [2] }), zone('annex', 600)],
      gates: [
        { zoneId: 'annex', widthM: 1.2 },
        { zoneId: 'annex', widthM: 1.8 },
      ],
      booths: [],
    });
    expect(safe.get('room')).toMatchObject({ byFloor: 200, byExits: 60, capacity: 60 });
    expect(safe.get('annex')).toMatchObject({ byExits: 240, exitsM: [1.2, 1.8], capacity: 240 });
  });

  it('finds every capacity of the demo fair within what its floor plan allows', () => {
    const result = readFairFile(DEMO_FAIR_FILE);
    if (!result.ok) throw new Error('the demo fair is not valid');
    const safe = safeCapacities(result.fair);
    for (const each of result.fair.zones)
      expect(each.capacity, each.zoneId).toBeLessThanOrEqual(safe.get(each.zoneId)?.capacity ?? 0);
    expect(safe.get('venue')?.capacity).toBe(1800);
  });
});
