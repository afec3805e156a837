/**
 * A few icons drawn inline (no emoji: a phone without the emoji font, or a printer, shows a box),
 * in the text's colour, hidden from screen readers (the words beside them say it).
 */
const PATHS = {
  personPlus:
    'M9 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm0 2c-4 0-7 2-7 4.5V21h14v-2.5C16 16 13 14 9 14Zm10-6V5h-2v3h-3v2h3v3h2v-3h3V8h-3Z',
  speaker:
    'M3 9v6h4l5 4V5L7 9H3Zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4ZM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6Z',
  contact:
    'M20 3H4a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2ZM8 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm6 11H2.9c.5-2.3 2.6-4 5.1-4s4.6 1.7 5.1 4H14Zm6-3h-5v-2h5v2Zm0-4h-5V9h5v2Z',
} as const;

export function icon(name: keyof typeof PATHS, size = 28): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
