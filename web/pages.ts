/**
 * The site's pages, one HTML file each in web/: vite builds them, and the edge (and `npm start`) serves
 * `/gate` as gate.html and sends any other page address to the home page, which says there is none.
 */
export const PAGES = [
  'index',
  'gate',
  'door',
  'booth',
  'dashboard',
  'devices',
  'organise',
  'print',
  'report',
  'status',
  'visit',
] as const;
