import { type Booth, LEGAL_FORMS } from './fair';
import { isOneOf } from './one-of';

/**
 * The exhibitors' figures as the region's social and solidarity economy reports count them: by legal
 * form, province, women-led, youth-led and product category, each group's booths, visits, leads,
 * workshop attendance and declared sales. Sales are published only as a group's total over at least
 * MIN_BOOTHS_FOR_SALES booths that declared: one or two booths' total would be their own figure.
 */
export const REGIONAL_DIMENSIONS = ['legalForm', 'province', 'womenLed', 'youthLed', 'category'] as const;
export type RegionalDimension = (typeof REGIONAL_DIMENSIONS)[number];

export const MIN_BOOTHS_FOR_SALES = 3;

/** The values a page says in words (a province and a category are said by their own names). */
export const REGIONAL_WORDS = [...LEGAL_FORMS, 'yes', 'no', 'unknown'] as const;
export type RegionalWord = (typeof REGIONAL_WORDS)[number];
export const isRegionalWord = (value: string): value is RegionalWord => isOneOf(REGIONAL_WORDS, value);

/** A booth's figures for the period. */
export interface BoothFigures {
  visits: number;
  leads: number;
  workshopAttendance: number;
  salesMad?: number;
}

export interface RegionalGroup {
  dimension: RegionalDimension;
  /** The attribute's value (`yes`/`no` for the yes-or-no ones), `unknown` where the file says nothing. */
  value: string;
  booths: number;
  visits: number;
  leads: number;
  workshopAttendance: number;
  /** Booths that declared their sales. */
  salesBooths: number;
  /** The group's declared sales, only from MIN_BOOTHS_FOR_SALES booths up. */
  salesMad?: number;
}

function groupOf(booth: Booth, dimension: RegionalDimension): string {
  if (dimension === 'category') return booth.category;
  const value = booth.attributes?.[dimension];
  if (value === undefined) return 'unknown';
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
}

export function regionalFigures(booths: Booth[], figures: Map<string, BoothFigures>): RegionalGroup[] {
  const groups = new Map<string, RegionalGroup & { salesTotal: number }>();
  for (const dimension of REGIONAL_DIMENSIONS) {
    for (const booth of booths) {
      const value = groupOf(booth, dimension);
      const key = `${dimension}\u0000${value}`;
      const group = groups.get(key) ?? {
        dimension,
        value,
        booths: 0,
        visits: 0,
        leads: 0,
        workshopAttendance: 0,
        salesBooths: 0,
        salesTotal: 0,
      };
      const own = figures.get(booth.boothId);
      group.booths += 1;
      group.visits += own?.visits ?? 0;
      group.leads += own?.leads ?? 0;
      group.workshopAttendance += own?.workshopAttendance ?? 0;
      if (own?.salesMad !== undefined) {
        group.salesBooths += 1;
        group.salesTotal += own.salesMad;
      }
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ salesTotal, ...group }) =>
    group.salesBooths >= MIN_BOOTHS_FOR_SALES ? { ...group, salesMad: salesTotal } : group,
  );
}

/**
 * The whole fair's groups from its days': counts added; booths as the file has them; sales as the sum
 * of the days' published totals, published only when no day's total was withheld (a withheld day
 * would otherwise be found by subtraction).
 */
export function fairRegional(days: RegionalGroup[][]): RegionalGroup[] {
  const groups = new Map<string, RegionalGroup & { withheld: boolean; salesTotal: number }>();
  for (const day of days)
    for (const group of day) {
      const key = `${group.dimension}\u0000${group.value}`;
      const known = groups.get(key) ?? {
        ...group,
        visits: 0,
        leads: 0,
        workshopAttendance: 0,
        salesBooths: 0,
        salesTotal: 0,
        withheld: false,
      };
      known.booths = Math.max(known.booths, group.booths);
      known.visits += group.visits;
      known.leads += group.leads;
      known.workshopAttendance += group.workshopAttendance;
      known.salesBooths = Math.max(known.salesBooths, group.salesBooths);
      if (group.salesBooths > 0 && group.salesMad === undefined) known.withheld = true;
      known.salesTotal += group.salesMad ?? 0;
      groups.set(key, known);
    }
  return [...groups.values()].map(({ withheld, salesTotal, salesMad: _day, ...group }) =>
    !withheld && group.salesBooths >= MIN_BOOTHS_FOR_SALES ? { ...group, salesMad: salesTotal } : group,
  );
}
