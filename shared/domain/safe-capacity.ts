import type { Booth, Gate, Zone } from './fair';

/**
 * The most people a zone can safely hold, from its floor plan: the lower of what its floor holds and
 * what its exits can clear, each figure named so a fire officer can check it.
 *
 * - Floor: 1.5 m² a person for an exhibition hall, after the booths' own floor (`BOOTH_AREA_M2` each,
 *   a 3 m x 3 m stand) is taken off. UK government, "Fire safety risk assessment: large places of
 *   assembly" (2006), table of floor space factors: exhibitions 1.5 m² per person.
 * - Exits: 5 mm of exit width a person (200 a metre: what crosses a metre of door in 2.5 minutes, the
 *   same guide's evacuation time for such buildings), the largest exit left out (it may be the one the
 *   fire blocks). A zone with one exit holds at most 60 (the single-exit limit in the same guide).
 *   Exits are the zone's `exitWidthsM` (emergency exits included) when its file gives them, else the
 *   widths of the gates into it.
 *
 * A seated room's seat count is usually lower still; the file's `capacity` says so in its basis.
 */
export const AREA_PER_PERSON_M2 = 1.5;
export const BOOTH_AREA_M2 = 9;
export const PEOPLE_PER_EXIT_METRE = 200;
export const SINGLE_EXIT_LIMIT = 60;

export interface SafeCapacity {
  /** The lower of the two. */
  capacity: number;
  byFloor: number;
  /** Undefined when no exit width is known. */
  byExits?: number;
  /** The floor counted (m², after the booths) and the exits' widths counted (m, the largest left out). */
  floorM2: number;
  boothsOnFloor: number;
  exitsM?: number[];
}

export function safeCapacities(fair: {
  zones: Pick<Zone, 'zoneId' | 'parentId' | 'areaM2' | 'exitWidthsM'>[];
  gates: Pick<Gate, 'zoneId' | 'widthM'>[];
  booths: Pick<Booth, 'zoneId'>[];
}): Map<string, SafeCapacity> {
  const within = (zoneId: string, candidate: string | undefined): boolean => {
    for (let at = candidate; at; at = fair.zones.find((zone) => zone.zoneId === at)?.parentId)
      if (at === zoneId) return true;
    return false;
  };
  return new Map(
    fair.zones.map((zone) => {
      const boothsOnFloor = fair.booths.filter((booth) => within(zone.zoneId, booth.zoneId)).length;
      const floorM2 = Math.max(0, zone.areaM2 - boothsOnFloor * BOOTH_AREA_M2);
      const byFloor = Math.floor(floorM2 / AREA_PER_PERSON_M2);
      const exitsM =
        zone.exitWidthsM ??
        fair.gates.flatMap((gate) => (gate.zoneId === zone.zoneId && gate.widthM ? [gate.widthM] : []));
      const byExits = exitsM.length === 0 ? undefined : exitCapacity(exitsM);
      return [
        zone.zoneId,
        {
          capacity: Math.min(byFloor, byExits ?? Number.POSITIVE_INFINITY),
          byFloor,
          ...(byExits === undefined ? {} : { byExits, exitsM }),
          floorM2,
          boothsOnFloor,
        },
      ];
    }),
  );
}

function exitCapacity(widthsM: number[]): number {
  const [only] = widthsM;
  if (widthsM.length === 1 && only !== undefined)
    return Math.min(SINGLE_EXIT_LIMIT, Math.floor(only * PEOPLE_PER_EXIT_METRE));
  const largest = Math.max(...widthsM);
  const counted = widthsM.reduce((sum, width) => sum + width, 0) - largest;
  // Widths in metres with a decimal: rounded to the millimetre before dividing, so 7.2 m is 1,440.
  return Math.floor(Math.round(counted * 1000) / (1000 / PEOPLE_PER_EXIT_METRE));
}
