import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatColours } from '../../web/src/common/heat';

/** WCAG 2's contrast ratio between two sRGB colours given as [r, g, b] in 0..1. */
function contrast(a: number[], b: number[]): number {
  const luminance = (rgb: number[]) => {
    const [r = 0, g = 0, b = 0] = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `hsl(h s% l%)` as sRGB. */
function rgbOfHsl(css: string): number[] {
  const [h = 0, s = 0, l = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  const sat = s / 100;
  const light = l / 100;
  const k = (n: number) => (n + h / 30) % 12;
  const a = sat * Math.min(light, 1 - light);
  return [0, 8, 4].map((n) => light - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1))));
}

const rgbOfHex = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);

describe('the dashboard’s booth heat map', () => {
  it('reads at 4.5:1 or better whatever a booth’s share of the visits (axe-core once found a cell below it)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) => {
        const { background, text } = heatColours(share);
        expect(contrast(rgbOfHsl(background), rgbOfHex(text))).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 500 },
    );
    for (let visits = 0; visits <= 100; visits += 1) {
      const { background, text } = heatColours(visits / 100);
      expect(contrast(rgbOfHsl(background), rgbOfHex(text))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('darkens as visits grow, and takes no share outside 0 to 1', () => {
    const lightness = (share: number) => Number(heatColours(share).background.match(/([\d.]+)%\)$/)?.[1]);
    expect(lightness(0)).toBe(95);
    expect(lightness(1)).toBe(35);
    expect(lightness(0.5)).toBeLessThan(lightness(0.2));
    expect(lightness(Number.NaN)).toBe(95);
    expect(lightness(7)).toBe(35);
  });
});
