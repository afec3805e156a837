import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Booth } from '../../shared/domain/fair';
import { type BoothFigures, fairRegional, MIN_BOOTHS_FOR_SALES, regionalFigures } from '../../shared/domain/regional';

const booth = (boothId: string, attributes: Booth['attributes'], category = 'dates'): Booth => ({
  boothId,
  exhibitor: boothId,
  category,
  zoneId: 'hall-a',
  ...(attributes ? { attributes } : {}),
});

describe("the region's figures by exhibitors' attributes", () => {
  const booths = [
    booth('A1', { legalForm: 'cooperative', province: 'Berkane', womenLed: true }),
    booth('A2', { legalForm: 'cooperative', province: 'Berkane', womenLed: false }),
    booth('A3', { legalForm: 'cooperative', province: 'Nador', womenLed: true }),
    booth('A4', { legalForm: 'association' }, 'honey'),
    booth('A5', undefined, 'honey'),
  ];
  const figures = new Map<string, BoothFigures>([
    ['A1', { visits: 10, leads: 2, workshopAttendance: 1, salesMad: 1000 }],
    ['A2', { visits: 5, leads: 0, workshopAttendance: 0, salesMad: 500 }],
    ['A3', { visits: 7, leads: 1, workshopAttendance: 2, salesMad: 250 }],
    ['A4', { visits: 3, leads: 1, workshopAttendance: 0, salesMad: 90 }],
  ]);
  const groups = regionalFigures(booths, figures);
  const group = (dimension: string, value: string) =>
    groups.find((candidate) => candidate.dimension === dimension && candidate.value === value);

  it('adds each group’s booths, visits, leads and attendance; unknown where the file says nothing', () => {
    expect(group('legalForm', 'cooperative')).toMatchObject({ booths: 3, visits: 22, leads: 3, workshopAttendance: 3 });
    expect(group('legalForm', 'unknown')).toMatchObject({ booths: 1, visits: 0 });
    expect(group('womenLed', 'yes')).toMatchObject({ booths: 2, visits: 17 });
    expect(group('category', 'honey')).toMatchObject({ booths: 2, visits: 3 });
  });

  it('publishes sales only as a total over at least three booths that declared', () => {
    expect(group('legalForm', 'cooperative')).toMatchObject({ salesBooths: 3, salesMad: 1750 });
    // Two booths' total would be their own figures.
    expect(group('province', 'Berkane')?.salesBooths).toBe(2);
    expect(group('province', 'Berkane')?.salesMad).toBeUndefined();
    expect(group('legalForm', 'association')?.salesMad).toBeUndefined();
  });

  it('adds up to the whole in every dimension, and never shows a total of fewer booths than the floor', () => {
    const figuresArb = fc.array(
      fc.record({
        legalForm: fc.constantFrom('cooperative', 'association', undefined),
        womenLed: fc.constantFrom(true, false, undefined),
        visits: fc.nat(100),
        sales: fc.option(fc.nat(10_000), { nil: undefined }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(figuresArb, (rows) => {
        const many = rows.map((row, index) =>
          booth(`B${index}`, {
            ...(row.legalForm ? { legalForm: row.legalForm as 'cooperative' } : {}),
            ...(row.womenLed !== undefined ? { womenLed: row.womenLed } : {}),
          }),
        );
        const own = new Map(
          rows.map((row, index) => [
            `B${index}`,
            {
              visits: row.visits,
              leads: 0,
              workshopAttendance: 0,
              ...(row.sales !== undefined ? { salesMad: row.sales } : {}),
            },
          ]),
        );
        const all = regionalFigures(many, own);
        const total = rows.reduce((sum, row) => sum + row.visits, 0);
        for (const dimension of ['legalForm', 'womenLed', 'category'])
          expect(all.filter((g) => g.dimension === dimension).reduce((sum, g) => sum + g.visits, 0)).toBe(total);
        for (const g of all)
          if (g.salesMad !== undefined) expect(g.salesBooths).toBeGreaterThanOrEqual(MIN_BOOTHS_FOR_SALES);
      }),
    );
  });

  it("adds the fair's days, and withholds the fair's sales where a day's were withheld", () => {
    const second = regionalFigures(
      booths,
      new Map([
        ['A1', { visits: 1, leads: 0, workshopAttendance: 0, salesMad: 100 }],
        ['A2', { visits: 1, leads: 0, workshopAttendance: 0, salesMad: 100 }],
        ['A3', { visits: 1, leads: 0, workshopAttendance: 0 }],
      ]),
    );
    const fair = fairRegional([groups, second]);
    const cooperatives = fair.find((g) => g.dimension === 'legalForm' && g.value === 'cooperative');
    expect(cooperatives).toMatchObject({ booths: 3, visits: 25, leads: 3, salesBooths: 3 });
    // The second day's two cooperatives' 200 MAD were withheld: the fair's total would give them away.
    expect(cooperatives?.salesMad).toBeUndefined();
    const bothDaysPublished = fairRegional([groups, groups]).find(
      (g) => g.dimension === 'legalForm' && g.value === 'cooperative',
    );
    expect(bothDaysPublished?.salesMad).toBe(3500);
  });
});
