import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { machineFactor, stretched } from './machine-factor';

/**
 * Debian's Chromium, headless, driven by playwright-core. The fake camera, when given, plays a
 * .y4m/.mjpeg file as the device's camera, so the pages' QR reading is tested end to end.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(options: { fakeCamera?: string } = {}): Promise<Browser> {
  const camera = options.fakeCamera
    ? [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${options.fakeCamera}`,
      ]
    : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...camera], headless: true });
}

/** A phone-sized page context on the local API, signed in with `credential`, in `language`. */
export async function phoneContext(
  browser: Browser,
  baseURL: string,
  credential: string,
  language: 'ar' | 'fr' | 'en' = 'en',
  viewport = { width: 390, height: 844 },
  /** The phone's own time zone (the pages must not depend on it). */
  timezoneId?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: 2,
    hasTouch: true,
    ...(timezoneId ? { timezoneId } : {}),
  });
  // Playwright's 30 s for a locator's wait or a click, set on the quiet machine, stretched as every
  // other wait is (a busy CI runner, the other test lane).
  context.setDefaultTimeout(stretched(30_000));
  await context.grantPermissions(['camera'], { origin: baseURL });
  await context.addInitScript(
    ([storedCredential, storedLanguage]) => {
      if (!localStorage.getItem('rawaq.credential')) localStorage.setItem('rawaq.credential', storedCredential);
      if (!localStorage.getItem('rawaq.language')) localStorage.setItem('rawaq.language', storedLanguage);
    },
    [credential, language] as const,
  );
  return context;
}

/**
 * The smallest gap, in CSS pixels, between each of these elements and the one above it (cards touching:
 * 0). Those not laid out (hidden while empty) stand nowhere and are left out: measured, one sat at the
 * top of the page, a gap of -869 px.
 */
export async function smallestGap(elements: Locator): Promise<number> {
  const gaps = await elements.evaluateAll((all) => {
    const shown = all.filter((element) => element.getClientRects().length > 0);
    return shown
      .slice(1)
      .map((next, i) => next.getBoundingClientRect().top - (shown[i]?.getBoundingClientRect().bottom ?? 0));
  });
  return Math.min(...gaps);
}

/**
 * The rows of a grid that leave a place empty: its shown children grouped by the line they start on,
 * each row's columns taken (a child's width over a column's) summed against the grid's columns.
 * Each such row is named by its children's classes and the columns they take.
 */
export function gridHoles(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((gridSelector) => {
    const grid = document.querySelector(gridSelector);
    if (!grid) throw new Error(`no ${gridSelector}`);
    const style = getComputedStyle(grid);
    const columns = style.gridTemplateColumns.split(' ').map(Number.parseFloat);
    const gap = Number.parseFloat(style.columnGap) || 0;
    const column = columns[0] ?? 1;
    const rows = new Map<number, { taken: number; names: string[] }>();
    for (const child of grid.children) {
      const box = child.getBoundingClientRect();
      if (getComputedStyle(child).display === 'none' || box.height === 0) continue;
      const taken = Math.round((box.width + gap) / (column + gap));
      const top = Math.round(box.top);
      const row = rows.get(top) ?? { taken: 0, names: [] };
      row.taken += taken;
      row.names.push(`${child.className || child.tagName.toLowerCase()} (${taken})`);
      rows.set(top, row);
    }
    return [...rows.values()]
      .filter((row) => row.taken < columns.length)
      .map((row) => `${row.names.join(' + ')} of ${columns.length}`);
  }, selector);
}

/**
 * What stands empty in a page's columns (its main, an organiser's part): laid out with no height, each is
 * a grid row of its own, a second gap where nothing shows. Live regions are left out: an empty status
 * line stays rendered, so that what it says later is announced.
 */
export function emptyRows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main, .organise-part, .floor')]
      .filter((column) => column.getBoundingClientRect().height > 0)
      .flatMap((column) =>
        [...column.children]
          .filter((row) => {
            const style = getComputedStyle(row);
            return (
              style.display !== 'none' &&
              !['absolute', 'fixed'].includes(style.position) &&
              !row.matches('[role="status"], [role="alert"], [role="log"], [aria-live]') &&
              row.getBoundingClientRect().height === 0
            );
          })
          .map((row) => `${column.id || column.className} > ${row.tagName.toLowerCase()}#${row.id}`),
      ),
  );
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/**
 * A PDF's text as poppler's pdftotext reads it (laid out): Arabic's presentation forms folded back to
 * letters (NFKC) and the bidi embedding marks it wraps right-to-left runs in turned into spaces (a
 * figure beside an Arabic word stays a word of its own).
 */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' })
    .normalize('NFKC')
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/**
 * Arabic as pdftotext gives it back: the lam-alef ligature (one glyph for لا) comes out in the glyph's
 * visual order, alef first, so a word is compared with its ligatures turned the same way.
 */
export function asPdfReadsArabic(text: string): string {
  return text.normalize('NFKC').replaceAll('لا', 'ال');
}

/** Every page, with what shows it has drawn what it fetched. */
export const PAGES: { path: string; ready: string }[] = [
  { path: '/', ready: '.tile' },
  { path: '/gate', ready: '#readiness' },
  { path: '/door', ready: '#seats-left' },
  { path: '/booth', ready: '#visits' },
  { path: '/dashboard', ready: '[data-zone="venue"]' },
  { path: '/devices', ready: '#scope input' },
  { path: '/organise', ready: '#find-ticket' },
  { path: '/report', ready: 'body[data-ready="true"]' },
];

/**
 * Waits until the page's service worker is active and controls it: its first visit's worker has then
 * cached every page and asset, so a reload without a network is served. On a loaded machine it may
 * take a moment after the page is ready, so call it before the network goes: a worker whose install
 * (caching every page) was cut by going offline never activates, until the next online visit. Fails
 * with that reason rather than waiting for ever.
 */
export async function servedOffline(page: Page): Promise<void> {
  const limitMs = 30_000 * machineFactor();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller)
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the service worker did not control ${page.url()} within ${Math.round(limitMs / 1000)} s (was its install cut by going offline?)`,
              ),
            ),
          limitMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops the page's timers before it loads (Playwright's clock, paused and never run on): no tick of its
 * own comes, so what happens next is what the test tells the page.
 */
export async function stillTimers(page: Page): Promise<void> {
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);
}

/**
 * The phone's screen back on, told as the browser tells it (`visibilitychange`, visible): headless
 * Chromium never hides a page.
 */
export async function screenBackOn(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/**
 * The page's requests to `url` held, as on a slow venue network, until `release()`: `sent` settles once
 * the first has left the page, so a test looks at what the page shows meanwhile on that marker. None in
 * 30 s (stretched) rejects `sent`: a test fails saying so, never waits for a request that never comes.
 */
export async function heldRequests(page: Page, url: string): Promise<{ sent: Promise<void>; release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived = () => {};
  const limitMs = stretched(30_000);
  const sent = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no request to ${url} left the page in ${limitMs} ms`)), limitMs);
    arrived = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  // Awaited by the test; marked handled here so that a test failing before its await leaves no stray rejection.
  sent.catch(() => {});
  await page.route(url, async (route) => {
    arrived();
    await released;
    await route.continue();
  });
  return { sent, release };
}
