import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { api, fairNow, issueTicket } from '../support/api-client';
import { PAGES, phoneContext } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';

/**
 * Every page, old and new, audited by axe-core in Chromium (WCAG 2.0 and 2.1 A and AA, and axe's best
 * practices) in Arabic and in English on a phone: no serious or critical violation, header buttons
 * a thumb can hit (44 px), and nothing running off the screen. A page is audited
 * once it has drawn what it fetched (its own marker), and the sign-in form too.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function audit(page: Page): Promise<string[]> {
  // Through the devtools protocol: the pages' Content-Security-Policy rightly refuses an injected script.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (tags) =>
      (
        (await (
          window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }
        ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })) as {
          violations: Violation[];
        }
      ).violations,
    TAGS,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/**
 * What runs off a phone's screen: the page wider than the screen (it scrolls sideways), or a text cut
 * at its box's edge. Tables that scroll inside their card are meant to. The floor's device table made
 * the page 497 px wide on a 390 px phone; the entrance screen's hall names ran under the next tile.
 */
async function spillsSideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth + 1) found.push(`the page is ${width} px wide on a ${window.innerWidth} px screen`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.children.length > 0 || element.closest('svg, .table-scroll') || element.clientWidth === 0) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || ['auto', 'scroll'].includes(style.overflowX)) continue;
      if (element.scrollWidth > element.clientWidth + 1)
        found.push(`"${element.textContent?.slice(0, 40)}" cut: ${element.scrollWidth} px in ${element.clientWidth}`);
    }
    return found;
  });
}

const AUDITED = [
  ...PAGES.filter((page) => page.path !== '/organise'),
  { path: '/organise#tickets', ready: '#find-ticket' },
  { path: '/organise#workshops', ready: '#workshop-list > *' },
  { path: '/organise#zones', ready: '#zone-rules > *' },
  { path: '/organise#devices', ready: '#credential-rows tr' },
  { path: '/organise#alerts', ready: '#new-subscription' },
  { path: '/organise#floor', ready: '#devices tbody tr' },
  { path: '/status', ready: '.status-zone' },
  { path: '/report?fair', ready: 'body[data-ready="true"]' },
  { path: '/print', ready: '.badge' },
  { path: '/visit#A001', ready: '.visit-exhibitor' },
];

describe('accessibility: axe-core on every page', () => {
  const chromium = chromiumPerFile();

  for (const language of ['ar', 'en'] as const) {
    it(`finds no serious or critical violation, and nothing off a phone's screen, in ${language === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const ticket = await issueTicket({ category: 'press', holderName: 'Nadia Berrada' });
      // States that lists show too: a revoked access code among the live ones.
      const lost = await api<{ credentialId: string }>('/v1/credentials', {
        body: { role: 'gate', scope: { gates: ['main'] }, label: 'lost phone' },
      });
      await api(`/v1/credentials/${lost.body.credentialId}`, { method: 'DELETE' });
      // And a workshop called off among those that go ahead.
      const soon = new Date(Date.parse(fairNow()) + 60 * 60_000);
      const calledOff = await api<{ workshopId: string }>('/v1/workshops', {
        body: {
          title: 'Called off',
          startsAt: soon.toISOString(),
          endsAt: new Date(soon.getTime() + 60 * 60_000).toISOString(),
          capacity: 5,
          registrationRequired: false,
        },
      });
      await api(`/v1/workshops/${calledOff.body.workshopId}/cancel`, { body: { reason: 'speaker ill' } });
      // And a device that has sent its word, for the floor's table of devices.
      const steward = await api<{ credential: string }>('/v1/credentials', {
        body: { role: 'gate', scope: { gates: ['main'] }, label: 'Main gate, spare phone 2' },
      });
      await api('/v1/devices/heartbeat', {
        body: { deviceId: `spare-${language}`, page: 'gate', at: 'main', clock: fairNow(), unsent: 12, battery: 0.4 },
        credential: steward.body.credential,
      });
      const context = await phoneContext(chromium(), pagesOrigin(), inject('organiserCredential'), language);
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      for (const { path, ready } of AUDITED) {
        if (path === '/print')
          await page.evaluate((badge) => {
            sessionStorage.setItem(
              'rawaq.printJob',
              JSON.stringify({ kind: 'badges', size: '90x55', badges: [badge] }),
            );
          }, ticket);
        await page.goto(path);
        await page.locator(ready).first().waitFor({ state: 'attached' });
        const problems = await audit(page);
        // A thumb on a phone: the header's buttons (languages, sign out) 44 px tall at least.
        const small = await page
          .locator('.top button:visible')
          .evaluateAll((buttons) =>
            buttons.filter((button) => button.getBoundingClientRect().height < 44).map((button) => button.textContent),
          );
        if (small.length > 0) problems.push(`header buttons under 44 px: ${small.join(', ')}`);
        problems.push(...(await spillsSideways(page)));
        if (problems.length > 0) found[path] = problems;
      }
      expect(found).toEqual({});
      // The device's page named in the reader's language, not by its code ("gate").
      await page.goto('/organise#floor');
      const device = page.locator(`#devices tr[data-device="spare-${language}"] td`).first();
      expect(await device.textContent()).toBe(`Main gate, spare phone 2 · ${language === 'ar' ? 'البوابة' : 'Gate'}`);
      await context.close();
    });
  }

  it('finds none on the sign-in form either', async () => {
    const context = await phoneContext(chromium(), pagesOrigin(), '', 'ar');
    const page = await context.newPage();
    await page.goto('/gate');
    await page.locator('form input').first().waitFor();
    expect(await audit(page)).toEqual([]);
    await context.close();
  });
});
