import type { FairInput } from '../domain/fair';

/**
 * The venue of the 3rd Regional Exhibition of the Social and Solidarity Economy, Oujda: about
 * 4,000 m² (the announcement), the halls inside it and the rooms inside the halls. Each capacity is the lower of two figures:
 * - floor: net floor (gross area less booth floor, 3 m x 3 m = 9 m² a booth) / 1.5 m² per person,
 *   the crowd-safety density for exhibition rooms (FAIR.md);
 * - exits: total exit width / 5 mm per person, the UK guide "Fire safety risk assessment: large places
 *   of assembly" (table for a 2.5-minute evacuation), a guide Moroccan venues commonly follow.
 * Seated rooms take their seat count, which is below both figures.
 */
export const demoZones: FairInput['zones'] = [
  {
    zoneId: 'venue',
    name: 'Exhibition site',
    areaM2: 4000,
    capacity: 1800,
    capacityBasis:
      'floor (4,000 m² - 140 booths x 9 m²) / 1.5 = 1,826; exits 4.0 m + 3.6 m + 2 x 1.8 m = 11.2 m / 5 mm = 2,240; lower, rounded down: 1,800',
  },
  {
    zoneId: 'hall-a',
    parentId: 'venue',
    name: 'Hall A: regional products',
    areaM2: 1950,
    capacity: 830,
    capacityBasis:
      'floor (1,700 m² - 76 booths x 9 m²) / 1.5 = 677, 670 rounded down, plus the 160 seats of the seminar hall inside it = 830; exits 5.4 m / 5 mm = 1,080; lower: 830',
  },
  {
    zoneId: 'seminar-hall',
    parentId: 'hall-a',
    name: 'Seminar hall',
    areaM2: 250,
    capacity: 160,
    capacityBasis: '160 fixed seats (seated audience: the seat count governs; floor 250 m² / 1.5 = 166)',
  },
  {
    zoneId: 'hall-b',
    parentId: 'venue',
    name: 'Hall B: crafts, textiles and institutions',
    areaM2: 1740,
    capacity: 690,
    capacityBasis:
      'floor (1,500 m² - 64 booths x 9 m²) / 1.5 = 616, 610 rounded down, plus the 2 x 40 seats of the workshop rooms inside it = 690; exits 3.6 m + 2 x 1.8 m = 7.2 m / 5 mm = 1,440; lower: 690',
  },
  {
    zoneId: 'room-1',
    parentId: 'hall-b',
    name: 'Workshop room 1',
    areaM2: 120,
    capacity: 40,
    capacityBasis: '40 seats at tables (floor 120 m² / 1.5 = 80; tables take half the floor)',
  },
  {
    zoneId: 'room-2',
    parentId: 'hall-b',
    name: 'Workshop room 2',
    areaM2: 120,
    capacity: 40,
    capacityBasis: '40 seats at tables (floor 120 m² / 1.5 = 80; tables take half the floor)',
  },
];

/**
 * How the venue is run: the two entrances are staffed (tickets scanned, walk-ins counted) and lead into
 * the venue, whichever hall they open onto, so the venue's total is right with them alone. The halls
 * are open to the foyer and to each other, with no door anyone could staff: they are not counted
 * (the dashboard says so). The seminar hall is counted at its door (tickets and walk-ins); the workshop
 * rooms by their workshop doors (/door).
 */
export const demoGates: FairInput['gates'] = [
  { gateId: 'main', name: 'Main entrance (foyer)', zoneId: 'venue', fromZoneId: 'outside' },
  { gateId: 'east', name: 'East entrance (Hall B)', zoneId: 'venue', fromZoneId: 'outside' },
  { gateId: 'seminar', name: 'Seminar hall door', zoneId: 'seminar-hall', fromZoneId: 'hall-a' },
];
