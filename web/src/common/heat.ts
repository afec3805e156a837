/**
 * A heat map cell's colours: the more visits, the darker its red, with the text colour that reads on
 * it. The band of red where neither dark nor light text reaches WCAG's 4.5:1 (about 47 % to 53 %
 * lightness at this hue and saturation) is skipped: a cell is a little lighter or darker instead.
 */
export function heatColours(share: number): { background: string; text: string } {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  let lightness = 95 - Math.round(clamped * 60);
  if (lightness > 46 && lightness < 54) lightness = lightness >= 50 ? 54 : 46;
  return { background: `hsl(8 75% ${lightness}%)`, text: lightness >= 54 ? '#111111' : '#ffffff' };
}
