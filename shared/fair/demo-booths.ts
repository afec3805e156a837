import type { FairInput } from '../domain/fair';

/**
 * About 140 exhibitors of the Oriental region: cooperatives named the way they usually are (a word
 * for what they make or hope for, and their town), plus associations, mutuals and public bodies.
 * Generated from fixed lists so the data set is the same on every machine.
 */
const towns = [
  'Oujda',
  'Berkane',
  'Nador',
  'Figuig',
  'Jerada',
  'Taourirt',
  'Guercif',
  'Driouch',
  'Bouarfa',
  'Saidia',
  'Ahfir',
  'Ain Beni Mathar',
  'Debdou',
  'Tendrara',
  'Zegzel',
  'Tafoughalt',
  'El Aioun',
  'Bni Drar',
];

interface Trade {
  category: string;
  zoneId: 'hall-a' | 'hall-b';
  names: string[];
  count: number;
}

const trades: Trade[] = [
  { category: 'dates', zoneId: 'hall-a', names: ['Nakhil', 'Ennakhla', 'Tamr Al Waha'], count: 14 },
  { category: 'olive oil', zoneId: 'hall-a', names: ['Zitoun', 'Zit Al Khayr', 'Al Ghaba'], count: 16 },
  { category: 'honey', zoneId: 'hall-a', names: ['Nahla', 'Assal Al Jabal', 'Khalia'], count: 12 },
  { category: 'argan oil', zoneId: 'hall-a', names: ['Argane Beni Snassen', 'Tiwizi', 'Al Argan'], count: 8 },
  { category: 'aromatic and medicinal plants', zoneId: 'hall-a', names: ['Azir', 'Al Achab', 'Ward'], count: 10 },
  { category: 'couscous and cereals', zoneId: 'hall-a', names: ['Al Baraka', 'Sanabil', 'Al Kasra'], count: 9 },
  { category: 'citrus and jams', zoneId: 'hall-a', names: ['Limoun Berkane', 'Al Bostane'], count: 7 },
  { category: 'weaving and carpets', zoneId: 'hall-b', names: ['Zerbia', 'Al Manasij', 'Tafsut'], count: 16 },
  { category: 'pottery', zoneId: 'hall-b', names: ['Al Fakhkhar', 'Tin Al Ard'], count: 9 },
  { category: 'natural cosmetics', zoneId: 'hall-b', names: ['Nour', 'Zahra', 'Al Jamal Al Tabii'], count: 12 },
  { category: 'leather and embroidery', zoneId: 'hall-b', names: ['Al Tarz', 'Al Jild', 'Al Ibra'], count: 11 },
  { category: 'wood and basketry', zoneId: 'hall-b', names: ['Al Halfa', 'Al Khachab'], count: 8 },
];

const institutions: { exhibitor: string; category: string }[] = [
  { exhibitor: 'Oriental Region Council', category: 'public institution' },
  { exhibitor: 'Office for Cooperative Development (ODCO)', category: 'public institution' },
  { exhibitor: 'Regional Chamber of Crafts of the Oriental', category: 'public institution' },
  { exhibitor: 'Mohammed I University: ESS research group', category: 'research' },
  { exhibitor: 'Association of Women Artisans of Oujda', category: 'association' },
  { exhibitor: 'Regional Network of ESS Associations', category: 'association' },
  { exhibitor: 'Mutual Health Society of Artisans', category: 'mutual society' },
  { exhibitor: 'Microfinance Association of the Oriental', category: 'finance' },
];

function boothId(zoneId: string, n: number): string {
  return `${zoneId === 'hall-a' ? 'A' : 'B'}${String(n).padStart(3, '0')}`;
}

export function buildDemoBooths(): FairInput['booths'] {
  const booths: FairInput['booths'] = [];
  const numberInHall = { 'hall-a': 0, 'hall-b': 0 };
  let townIndex = 0;
  for (const trade of trades) {
    for (let i = 0; i < trade.count; i += 1) {
      const name = trade.names[i % trade.names.length];
      const town = towns[townIndex % towns.length];
      townIndex += 1;
      numberInHall[trade.zoneId] += 1;
      booths.push({
        boothId: boothId(trade.zoneId, numberInHall[trade.zoneId]),
        exhibitor: `Coopérative ${name} ${town}`,
        category: trade.category,
        zoneId: trade.zoneId,
      });
    }
  }
  for (const institution of institutions) {
    numberInHall['hall-b'] += 1;
    booths.push({ boothId: boothId('hall-b', numberInHall['hall-b']), ...institution, zoneId: 'hall-b' });
  }
  return booths;
}
