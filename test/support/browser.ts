import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

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

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}
