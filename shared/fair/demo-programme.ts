import type { FairInput } from '../domain/fair';
import { zonedIso } from '../domain/fair-time';

export const DEMO_TIMEZONE = 'Africa/Casablanca';

/**
 * The programme: two training workshops a day in the workshop rooms and the three seminars of the
 * announcement in the seminar hall. Times are wall-clock times in the fair's zone, turned into
 * instants by the zone database (never a hand-written offset: Morocco's shifts around Ramadan).
 */
const workshopTitles = [
  'Packaging and labelling regional products',
  'Food safety approval (ONSSA) step by step',
  'Selling online: marketplaces and social media',
  'Bookkeeping for small cooperatives',
  'Geographical indications and quality labels',
  'First steps in export',
  'Costing and pricing your products',
  'Photographing your products with a phone',
  'Microfinance and solidarity funding',
  'Governing a cooperative under law 112-12',
  'Digital payments for market stalls',
  'Hygiene and quality in food processing',
];

const seminars = [
  { day: '2027-03-27', title: 'The social and solidarity economy and the platform for valorising regional products' },
  { day: '2027-03-28', title: 'The blue economy and the sustainable development goals in the Oriental region' },
  { day: '2027-03-29', title: 'New technologies, digitalisation and big data in regional development' },
];

export const demoDays = ['2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30', '2027-03-31'];

export function buildDemoProgramme(): FairInput['workshops'] {
  const programme: FairInput['workshops'] = [];
  demoDays.forEach((day, dayIndex) => {
    const compact = day.slice(5).replace('-', '');
    programme.push({
      workshopId: `ws-${compact}-am`,
      kind: 'workshop',
      title: workshopTitles[dayIndex * 2] ?? 'Workshop',
      zoneId: 'room-1',
      startsAt: zonedIso(day, '10:00', DEMO_TIMEZONE),
      endsAt: zonedIso(day, '11:30', DEMO_TIMEZONE),
      capacity: 40,
      registrationRequired: true,
    });
    programme.push({
      workshopId: `ws-${compact}-pm`,
      kind: 'workshop',
      title: workshopTitles[dayIndex * 2 + 1] ?? 'Workshop',
      zoneId: 'room-2',
      startsAt: zonedIso(day, '15:00', DEMO_TIMEZONE),
      endsAt: zonedIso(day, '16:30', DEMO_TIMEZONE),
      capacity: 40,
      registrationRequired: false,
    });
  });
  seminars.forEach((seminar, index) => {
    programme.push({
      workshopId: `seminar-${index + 1}`,
      kind: 'seminar',
      title: seminar.title,
      zoneId: 'seminar-hall',
      startsAt: zonedIso(seminar.day, '11:00', DEMO_TIMEZONE),
      endsAt: zonedIso(seminar.day, '13:00', DEMO_TIMEZONE),
      capacity: 160,
      registrationRequired: false,
    });
  });
  return programme;
}
