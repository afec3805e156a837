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

/** What the build writes at the site's root besides the pages and web/public's files (vite.config.ts). */
export const BUILT_FILES = { serviceWorker: 'sw.js', apiDocument: 'openapi.json' } as const;

/**
 * The API's base for the pages, written beside them by the deploy (an empty base: the API is on the
 * pages' own origin) and answered the same way by `npm start`.
 */
export const CONFIG_FILE = 'config.json';
