import type { FairInput } from '../domain/fair';

/**
 * The venue of the 3rd Regional Exhibition of the Social and Solidarity Economy, Oujda: about
 * 4,000 m² (the announcement) split into halls and rooms. Each capacity is the lower of two figures:
 * - floor: net floor (gross area less booth floor, 3 m x 3 m = 9 m² a booth) / 1.5 m² per person,
 *   the crowd-safety density for exhibition rooms (FAIR.md);
 * - exits: total exit width / 5 mm per person, the UK guide "Fire safety risk assessment: large places
 *   of assembly" (table for a 2.5-minute evacuation), a guide Moroccan venues commonly follow.
 * Seated rooms take their seat count, which is below both figures.
 */
export const demoZones: FairInput['zones'] = [
  {
    zoneId: 'foyer',
    name: 'Entrance foyer',
    areaM2: 300,
    capacity: 200,
    capacityBasis: 'floor 300 m² / 1.5 = 200; exits 4.0 m / 5 mm = 800; lower: 200',
  },
  {
    zoneId: 'hall-a',
    name: 'Hall A: regional products',
    areaM2: 1700,
    capacity: 670,
    capacityBasis: 'floor (1,700 m² - 76 booths x 9 m²) / 1.5 = 677; exits 5.4 m / 5 mm = 1,080; lower: 670',
  },
  {
    zoneId: 'hall-b',
    name: 'Hall B: crafts, textiles and institutions',
    areaM2: 1500,
    capacity: 610,
    capacityBasis: 'floor (1,500 m² - 64 booths x 9 m²) / 1.5 = 616; exits 3.6 m / 5 mm = 720; lower: 610',
  },
  {
    zoneId: 'seminar-hall',
    name: 'Seminar hall',
    areaM2: 250,
    capacity: 160,
    capacityBasis: '160 fixed seats (seated audience: the seat count governs; floor 250 m² / 1.5 = 166)',
  },
  {
    zoneId: 'room-1',
    name: 'Workshop room 1',
    areaM2: 120,
    capacity: 40,
    capacityBasis: '40 seats at tables (floor 120 m² / 1.5 = 80; tables take half the floor)',
  },
  {
    zoneId: 'room-2',
    name: 'Workshop room 2',
    areaM2: 120,
    capacity: 40,
    capacityBasis: '40 seats at tables (floor 120 m² / 1.5 = 80; tables take half the floor)',
  },
];

/** Doors between the outside and the halls, and between halls; an entry leads into `zoneId`. */
export const demoGates: FairInput['gates'] = [
  { gateId: 'main', name: 'Main entrance', zoneId: 'foyer', fromZoneId: 'outside' },
  { gateId: 'east', name: 'East entrance (Hall B)', zoneId: 'hall-b', fromZoneId: 'outside' },
  { gateId: 'foyer-a', name: 'Foyer to Hall A', zoneId: 'hall-a', fromZoneId: 'foyer' },
  { gateId: 'a-b', name: 'Hall A to Hall B', zoneId: 'hall-b', fromZoneId: 'hall-a' },
  { gateId: 'b-a', name: 'Hall B to Hall A', zoneId: 'hall-a', fromZoneId: 'hall-b' },
  { gateId: 'seminar', name: 'Seminar hall door', zoneId: 'seminar-hall', fromZoneId: 'hall-a' },
  { gateId: 'room-1', name: 'Workshop room 1 door', zoneId: 'room-1', fromZoneId: 'hall-b' },
  { gateId: 'room-2', name: 'Workshop room 2 door', zoneId: 'room-2', fromZoneId: 'hall-b' },
];
