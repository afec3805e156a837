import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DayCurve, forecastPeak } from '../../shared/domain/peak-forecast';

const HOURS = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const curve = (day: string, values: number[]): DayCurve => ({
  day,
  insideByHour: values.map((inside, index) => ({ hour: HOURS[index] as number, inside })),
});
const friday = curve('2027-03-26', [50, 300, 500, 450, 600, 800, 900, 700, 400, 150, 0]);
const saturday = curve('2027-03-27', [70, 340, 560, 520, 700, 900, 1100, 800, 500, 200, 0]);

describe("today's peak from the earlier days", () => {
  it('says nothing before there is an earlier day with people in it', () => {
    expect(
      forecastPeak(
        [],
        HOURS,
        HOURS.map(() => null),
        12,
      ),
    ).toBeUndefined();
    expect(
      forecastPeak(
        [
          curve(
            '2027-03-26',
            HOURS.map(() => 0),
          ),
        ],
        HOURS,
        [],
        12,
      ),
    ).toBeUndefined();
  });

  it("takes the earlier days' mean before today can be compared, then scales it by today so far", () => {
    const early = forecastPeak([friday, saturday], HOURS, [null], 10);
    expect(early).toMatchObject({ count: 1000, hour: 16, days: 2, scaled: false });
    // At 13:00 today had 795 inside at 12:00, where the earlier days had 530 on average: half as busy again.
    const today = [90, 450, 795, null, null, null, null, null, null, null, null];
    const later = forecastPeak([friday, saturday], HOURS, today, 13);
    expect(later).toMatchObject({ count: 1500, hour: 16, scaled: true });
    expect(later?.expected[6]).toBe(1500);
  });

  it('never compares against an hour the earlier days barely knew, nor the hour under way', () => {
    // At 11:00 only 10:00 is over, and the earlier days had 60 then: enough. At 10:00 nothing is over.
    expect(forecastPeak([friday, saturday], HOURS, [120, 5], 10)?.scaled).toBe(false);
    const quiet = curve('2027-03-26', [5, 10, 400, 400, 400, 400, 400, 400, 400, 400, 0]);
    expect(forecastPeak([quiet], HOURS, [500, 1000], 12)?.scaled).toBe(false);
  });

  it('foresees a peak that is one of the expected hours, its largest, and never below zero', () => {
    const values = fc.array(fc.nat(3000), { minLength: HOURS.length, maxLength: HOURS.length });
    fc.assert(
      fc.property(
        fc.array(values, { minLength: 1, maxLength: 5 }),
        values,
        fc.constantFrom(...HOURS),
        (days, today, now) => {
          const earlier = days.map((each, index) => curve(`2027-03-2${index}`, each));
          const forecast = forecastPeak(earlier, HOURS, today, now);
          if (!days.some((each) => each.some((value) => value > 0))) return expect(forecast).toBeUndefined();
          const expected = (forecast?.expected ?? []).filter((value): value is number => value !== null);
          expect(forecast?.count).toBe(Math.max(...expected));
          expect(Math.min(...expected)).toBeGreaterThanOrEqual(0);
          expect(forecast?.expected[HOURS.indexOf(forecast.hour)]).toBe(forecast?.count);
        },
      ),
    );
  });
});
