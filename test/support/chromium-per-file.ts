import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser';
import { stretched } from './machine-factor';

/** One headless Chromium for a test file, started before its tests and closed after them. */
export function chromiumPerFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium has not started');
    return browser;
  };
}

/**
 * How long a page may take to show what the API answered: pages hear from the floor every 10 s, so a
 * little more than that, stretched like every other wait (`stretched`).
 */
export const heard = (): number => stretched(15_000);

/** Where the pages are served: the shared runtime's own origin, as `npm start` serves them. */
export const pagesOrigin = (): string => new URL(inject('apiUrl')).origin;
