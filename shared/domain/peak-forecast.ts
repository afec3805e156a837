/**
 * Today's peak, foreseen from the fair's earlier days: their curves of people inside hour by hour, scaled
 * by how today compares with them so far. A fair's days have the same shape (a late-morning rise, an
 * afternoon peak) more than the same size, so the shape comes from the earlier days and the size from
 * today: at the last hour both know, today's count over the earlier days' mean there. Until that hour
 * means anything (fewer than MIN_BASIS people on the earlier days), the earlier days' mean is the guess.
 */
export interface DayCurve {
  day: string;
  insideByHour: { hour: number; inside: number }[];
}

export interface PeakForecast {
  /** About how many at the peak. */
  count: number;
  /** Around which hour (the fair's clock: the hour that ends with the peak). */
  hour: number;
  /** Today's expected curve, hour by hour, for the chart (null where no earlier day says anything). */
  expected: (number | null)[];
  /** How many earlier days it rests on. */
  days: number;
  /** Scaled by today so far (true), or the earlier days' mean alone (false). */
  scaled: boolean;
}

/** Below this many inside on the earlier days at an hour, the ratio to today says nothing yet. */
export const MIN_BASIS = 20;

export function forecastPeak(
  earlier: DayCurve[],
  hours: number[],
  today: (number | null)[],
  currentHour: number,
): PeakForecast | undefined {
  const curves = earlier.filter((day) => day.insideByHour.some((point) => point.inside > 0));
  if (curves.length === 0) return undefined;
  const at = (curve: DayCurve, hour: number) => curve.insideByHour.find((point) => point.hour === hour)?.inside;
  const mean = hours.map((hour) => {
    const known = curves.map((curve) => at(curve, hour)).filter((value): value is number => value !== undefined);
    return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
  });
  // The last hour before the current one that today and the earlier days both know, with a basis.
  let ratio: number | undefined;
  hours.forEach((hour, index) => {
    const basis = mean[index];
    const now = today[index];
    if (hour < currentHour && basis !== null && basis !== undefined && basis >= MIN_BASIS && typeof now === 'number')
      ratio = now / basis;
  });
  const expected = mean.map((value) => (value === null ? null : Math.round(value * (ratio ?? 1))));
  let peakIndex = -1;
  expected.forEach((value, index) => {
    if (value !== null && (peakIndex < 0 || value > (expected[peakIndex] ?? 0))) peakIndex = index;
  });
  const hour = hours[peakIndex];
  if (hour === undefined) return undefined;
  return { count: expected[peakIndex] ?? 0, hour, expected, days: curves.length, scaled: ratio !== undefined };
}
