/**
 * `npm run screenshots`: the README's pictures of each role's page, taken in Chromium on a phone
 * (390 x 844, as the tests do) from a running `npm start` (best after `npm run simulate`, so the
 * figures are not zeros), into docs/screenshots/. Each page in the language its users are likeliest
 * to read it in. CHROMIUM_PATH picks the browser (default: Debian's /usr/bin/chromium).
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { apiTarget, postJson } from './api-target';

const OUT = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const target = apiTarget();

interface Shot {
  file: string;
  path: string;
  language: 'ar' | 'fr' | 'en';
  ready: string;
  /** Something to do on the page before the picture. */
  before?: (page: import('playwright-core').Page) => Promise<void>;
  laptop?: boolean;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const exhibitor = await postJson<{ credential: string }>(target, '/v1/credentials', {
    role: 'exhibitor',
    scope: { booth: 'B031' },
    label: 'Coopérative Tifawin (screenshots)',
  });
  const badge = await postJson<{ tickets: Record<string, unknown>[] }>(target, '/v1/tickets/batch', {
    tickets: [
      { category: 'exhibitor', holderName: 'Fatima Zahra Ouali', boothId: 'B031' },
      { category: 'press', holderName: 'Yasmine Alaoui' },
    ],
  });
  const shots: Shot[] = [
    {
      file: 'gate-count-ar.png',
      path: '/gate',
      language: 'ar',
      ready: '#readiness',
      before: async (page) => {
        await page.locator('button.mode[data-mode="count"]').click();
        await page.locator('#count-in').waitFor();
        // The zone behind the gate, with its count, once the API has answered.
        await page.locator('#zone-now[data-count]').waitFor();
      },
    },
    { file: 'door-fr.png', path: '/door', language: 'fr', ready: '#seats-left' },
    { file: 'booth-recorder-ar.png', path: '/booth', language: 'ar', ready: '#plus-one' },
    { file: 'dashboard-fr.png', path: '/dashboard', language: 'fr', ready: '[data-zone="venue"]', laptop: true },
    { file: 'organise-tickets-fr.png', path: '/organise#tickets', language: 'fr', ready: '#find-ticket' },
    {
      file: 'print-badges-en.png',
      path: '/print',
      language: 'en',
      ready: '.badge',
      laptop: true,
    },
    { file: 'report-ar.png', path: '/report', language: 'ar', ready: 'body[data-ready="true"]', laptop: true },
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const shot of shots) {
      const context: BrowserContext = await browser.newContext({
        baseURL: target.baseUrl,
        viewport: shot.laptop ? { width: 1100, height: 900 } : { width: 390, height: 844 },
        deviceScaleFactor: 1.5,
      });
      const credential = shot.path === '/booth' ? exhibitor.credential : target.credential;
      await context.addInitScript(
        ([storedCredential, language, printJob]) => {
          localStorage.setItem('rawaq.credential', storedCredential);
          localStorage.setItem('rawaq.language', language);
          sessionStorage.setItem('rawaq.printJob', printJob);
        },
        [credential, shot.language, JSON.stringify({ kind: 'badges', perPage: 10, badges: badge.tickets })] as const,
      );
      const page = await context.newPage();
      await page.goto(shot.path);
      await page.locator(shot.ready).first().waitFor();
      await shot.before?.(page);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(OUT, shot.file) });
      console.log(`docs/screenshots/${shot.file}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`screenshots: ${(error as Error).message} (is \`npm start\` running on this DATA_DIR?)`);
  process.exitCode = 1;
});
