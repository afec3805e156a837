import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser';

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

/** Where the pages are served: the shared runtime's own origin, as `npm start` serves them. */
export const pagesOrigin = (): string => new URL(inject('apiUrl')).origin;
