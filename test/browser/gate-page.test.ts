import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GUESS_WINDOW_MINUTES } from '../../shared/domain/short-code-guesses';
import { api, createCredential, issueTicket } from '../support/api-client';
import {
  launchChromium,
  phoneContext,
  SCREENSHOTS,
  screenBackOn,
  screenshotPath,
  stillTimers,
} from '../support/browser';
import { pagesOrigin } from '../support/chromium-per-file';
import { eventually } from '../support/eventually';
import { writeQrVideo } from '../support/fake-camera';
import { stretched } from '../support/machine-factor';
import {
  checkCode,
  scannedAndHeld,
  scannerTypes,
  scannerTypesOnAzerty,
  shownVerdict,
  typeCode,
} from '../support/scan-page';

/**
 * /gate in a real Chromium: the camera reads a ticket's QR code (Chromium's fake camera plays a video
 * of it) and the page shows ADMITTED; cut off from the API, the page judges a genuine and a forged
 * ticket itself, queues both in IndexedDB and sends them when the API is back.
 */
const origin = pagesOrigin;

async function ticketState(ticketId: string) {
  return (await api<{ inside: boolean; entries: number }>(`/v1/tickets/${ticketId}`)).body;
}

function forge(token: string): string {
  // Same claims, one signature character changed: a copy that was tampered with.
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

describe('the gate page', () => {
  let browser: Browser;
  let gateCredential: string;

  beforeAll(async () => {
    gateCredential = await createCredential('gate', { gates: ['main'] }, 'Main gate, test phone');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reads a ticket from the camera and shows ADMITTED with its attention note, once for a code held in view', async () => {
    const ticket = await issueTicket({ category: 'visitor', attentionNote: 'check ID' });
    const video = writeQrVideo(ticket.token, path.join(SCREENSHOTS, '..', 'ticket-camera.y4m'));
    browser = await launchChromium({ fakeCamera: video });
    const context = await phoneContext(browser, origin(), gateCredential, 'en');
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const response = await page.goto('/gate');
    // The same headers as CloudFront adds on AWS, read from the template: the decoder must run under them.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    // The API is on the pages' own origin here as on AWS: the page may call nothing else.
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self';");
    await page.locator('#camera-toggle').click();

    const verdict = page.locator('.verdict');
    await verdict.waitFor({ state: 'visible', timeout: stretched(20_000) });
    expect(await verdict.getAttribute('data-verdict')).toBe('ADMITTED');
    expect(await verdict.locator('.attention-text').textContent()).toBe('check ID');
    await page.screenshot({ path: screenshotPath('gate-camera-admitted-en') });
    expect(violations).toEqual([]);
    expect((await ticketState(ticket.ticketId)).inside).toBe(true);

    // The camera keeps seeing the same code: it stays one scan (an entry, not an ALREADY_INSIDE). Proved
    // once the page has seen and dropped the code again and again, past the 2 s window it extends.
    const dropped = () => page.evaluate(() => Number(document.body.dataset.repeatsDropped ?? 0));
    const since = Date.now();
    await expect
      .poll(async () => (await dropped()) >= 5 && Date.now() - since > 2100, { timeout: stretched(20_000) })
      .toBe(true);
    expect((await ticketState(ticket.ticketId)).entries).toBe(1);
    expect(await page.locator('#tally strong').first().textContent()).toBe('1');

    // Reloaded, the page starts the camera it was allowed by itself; the ticket still in view is now a
    // pass-back, shown amber.
    await page.reload();
    await expect.poll(() => page.locator('#camera-toggle').textContent()).toBe('Stop the camera');
    await expect
      .poll(() => page.locator('.verdict').getAttribute('data-verdict'), { timeout: stretched(20_000) })
      .toBe('ALREADY_INSIDE');
    expect(await page.locator('.verdict').getAttribute('class')).toContain('verdict-warn');
    await context.close();
  });

  it('judges a genuine and a forged ticket offline, queues both, and syncs them when the API returns', async () => {
    browser ??= await launchChromium();
    const genuine = await issueTicket({ category: 'press' });
    const context = await phoneContext(browser, origin(), gateCredential, 'fr');
    const page = await context.newPage();
    await page.goto('/gate');
    // Online once: the page fetches the public keys and the revocation list it will judge with.
    await expect.poll(() => page.locator('#readiness').getAttribute('data-ready')).toBe('true');
    // Ready once the list too is read to its end: until then the card says it is only partly read.
    await expect.poll(() => page.locator('#readiness').getAttribute('data-partial')).toBe('false');
    expect(await page.locator('#readiness').textContent()).toContain('Prêt hors ligne');

    await context.setOffline(true);
    const check = (code: string) => checkCode(page, code);
    expect(await check(genuine.token)).toBe('ADMITTED');
    // The typed code is gone from the field once sent: the next one is typed into a clear field.
    await expect.poll(() => page.locator('#manual-code').inputValue()).toBe('');
    await page.waitForTimeout(2100); // past the same-code window: the next code is a new scan
    expect(await check(forge(genuine.token))).toBe('INVALID_TOKEN');
    await expect.poll(() => page.locator('#pending').getAttribute('data-count')).toBe('2');
    // The device's last scans, newest first, for a look back after a missed screen.
    expect(await page.locator('#last-scans li').allTextContents()).toEqual([
      expect.stringContaining('Billet invalide'),
      expect.stringContaining('Entrée autorisée · Presse · Hors ligne'),
    ]);
    await expect.poll(() => page.locator('.connection').getAttribute('class')).toContain('offline');
    await page.screenshot({ path: screenshotPath('gate-offline-fr') });
    // Nothing reached the API while offline.
    expect((await ticketState(genuine.ticketId)).inside).toBe(false);

    await context.setOffline(false);
    await expect
      .poll(() => page.locator('#pending').getAttribute('data-count'), { timeout: stretched(20_000) })
      .toBe('0');
    await eventually('the synced entry', async () => ((await ticketState(genuine.ticketId)).inside ? true : undefined));
    expect((await ticketState(genuine.ticketId)).entries).toBe(1);
    await context.close();
  });

  it('takes codes from a handheld scanner that types them, without a focused field, once within 2 s', async () => {
    browser ??= await launchChromium();
    const ticket = await issueTicket({ category: 'staff' });
    const context = await phoneContext(browser, origin(), gateCredential, 'en');
    const page = await context.newPage();
    await page.goto('/gate');
    await page.locator('#readiness[data-ready="true"]').waitFor();
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/scans')) posted.push(request.url());
    });
    // A keyboard wedge: the characters then Enter, fast, with nothing focused (no on-screen keyboard).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await scannerTypes(page, ticket.token);
    const verdict = page.locator('.verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('ADMITTED');
    // The scanner fires again at once (a double trigger): still one scan.
    await scannerTypes(page, ticket.token);
    await expect.poll(() => page.evaluate(() => document.body.dataset.repeatsDropped)).toBe('1');
    expect(posted).toHaveLength(1);
    expect((await ticketState(ticket.ticketId)).entries).toBe(1);
    // A scanner set up for a US keyboard on a phone whose keyboard is French: its keys read as the
    // French keyboard has them ('R&:…'), and by their places as the scanner meant them. The ticket.
    const second = await issueTicket({ category: 'staff' });
    await scannerTypesOnAzerty(page, second.token);
    await expect.poll(async () => (await ticketState(second.ticketId)).entries).toBe(1);
    expect(posted).toHaveLength(2);
    await context.close();
  });

  it("clears the last visitor's verdict the moment the next code is read, and says it is checking until its answer", async () => {
    browser ??= await launchChromium();
    // The first verdict would stay on screen: an attention note stays until tapped.
    const first = await issueTicket({ category: 'visitor', attentionNote: 'بطاقة التعريف' });
    const next = await issueTicket({ category: 'visitor' });
    const context = await phoneContext(browser, origin(), gateCredential, 'ar');
    const page = await context.newPage();
    await page.goto('/gate');
    await page.locator('#readiness[data-ready="true"]').waitFor();
    const verdict = page.locator('.verdict');
    await scannerTypes(page, first.token);
    await verdict.locator('.verdict-attention').waitFor();
    // The test is of a slow answer while online: a page that a slow background read (a busy machine)
    // took offline judges the next code itself, and is back at its next health probe.
    await expect.poll(() => page.locator('.connection').getAttribute('class')).not.toContain('offline');
    // The next visitor's scan is held on a slow network until the test lets it go.
    const release = await scannedAndHeld(page, '**/v1/scans', next.token);
    // The first visitor's green is gone before the next one's answer: never read as theirs.
    expect(await verdict.isVisible()).toBe(false);
    const checking = page.locator('.verdict-checking');
    await checking.waitFor({ state: 'visible' });
    expect(await checking.textContent()).toContain('جارٍ التحقق…');
    await expect.poll(() => checking.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    await page.screenshot({ path: screenshotPath('gate-checking-ar') });
    release();
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('ADMITTED');
    expect(await verdict.locator('.verdict-attention').count()).toBe(0);
    expect(await checking.isHidden()).toBe(true);
    await context.close();
  });

  it('waits for the API longer on a code it cannot judge before its keys come, saying it is checking, in French', async () => {
    browser ??= await launchChromium();
    const ticket = await issueTicket({ category: 'visitor' });
    const context = await phoneContext(browser, origin(), gateCredential, 'fr');
    const page = await context.newPage();
    // A phone whose kit has not come yet: the keys' request answered with none.
    await page.route('**/v1/keys', (route) => route.fulfill({ json: { keys: [], retired: [] } }));
    await page.goto('/gate');
    await page.locator('#readiness[data-ready="false"]').waitFor();
    const release = await scannedAndHeld(page, '**/v1/scans', ticket.token);
    const checking = page.locator('.verdict-checking');
    await checking.waitFor({ state: 'visible' });
    expect(await checking.textContent()).toContain('Vérification…');
    // A second past the 2.5 s a code the phone could judge gets (and well inside the 10 s of one it
    // cannot): still checking, no verdict yet. Judged here it could only have been "cannot check".
    await page.waitForTimeout(3_500);
    expect(await checking.isVisible()).toBe(true);
    expect(await page.locator('.verdict').isVisible()).toBe(false);
    release();
    expect(await shownVerdict(page)).toBe('ADMITTED');
    expect(await checking.isHidden()).toBe(true);
    await context.close();
  });

  it('resends the same scanId when "Check" is tapped again while the network is slow', async () => {
    browser ??= await launchChromium();
    const ticket = await issueTicket({ category: 'visitor' });
    const context = await phoneContext(browser, origin(), gateCredential, 'en');
    const page = await context.newPage();
    await page.goto('/gate');
    await page.locator('#readiness[data-ready="true"]').waitFor();
    const scanIds: string[] = [];
    await page.route('**/v1/scans', async (route) => {
      scanIds.push(JSON.parse(route.request().postData() ?? '{}').scanId);
      await new Promise((resolve) => setTimeout(resolve, 1200)); // a slow venue network
      await route.continue();
    });
    await typeCode(page, ticket.token);
    await page.waitForTimeout(300);
    await page.locator('.manual button[type=submit]').click();
    await expect.poll(() => scanIds.length).toBe(2);
    expect(scanIds[0]).toBe(scanIds[1]);
    await eventually('the entry', async () => ((await ticketState(ticket.ticketId)).inside ? true : undefined));
    expect((await ticketState(ticket.ticketId)).entries).toBe(1);
    await context.close();
  });

  it("explains a refused request in the page's language: a credential revoked while the page is open", async () => {
    browser ??= await launchChromium();
    const made = await api<{ credentialId: string; credential: string }>('/v1/credentials', {
      body: { role: 'gate', scope: { gates: ['east'] }, label: 'East gate, lost phone' },
    });
    const context = await phoneContext(browser, origin(), made.body.credential, 'fr');
    const page = await context.newPage();
    await page.goto('/gate');
    await page.locator('#readiness[data-ready="true"]').waitFor();
    expect((await api(`/v1/credentials/${made.body.credentialId}`, { method: 'DELETE' })).status).toBe(200);
    await typeCode(page, (await issueTicket()).token);
    await page.locator('#gate-problem').waitFor();
    expect(await page.locator('#gate-problem').textContent()).toBe(
      'Ce code d’accès est inconnu ou a été révoqué. Demandez-en un nouveau aux organisateurs.',
    );
    await context.close();
  });

  it('says so when its short codes are refused for naming no ticket too often, and queues nothing', async () => {
    browser ??= await launchChromium();
    const made = await api<{ credential: string }>('/v1/credentials', {
      body: { role: 'gate', scope: { gates: ['east'] }, label: 'East gate, guessing phone' },
    });
    const phone = made.body.credential;
    // Misses count in windows of ten minutes (fair clock): the refusal must still hold when the page
    // types its code, so with too little of this window left (for the misses below and the page: a few
    // seconds on a quiet machine), the test starts in the next. The shared runtime's clock starts at
    // 11:00, so where this test falls in a window repeats run after run: a 90 s margin made it wait a
    // minute or more in each of the last full runs.
    const windowMs = GUESS_WINDOW_MINUTES * 60_000;
    const left = windowMs - ((Date.now() + inject('clockOffsetMs')) % windowMs);
    if (left < stretched(20_000)) await new Promise((resolve) => setTimeout(resolve, left + 500));
    // Codes naming no ticket until the server refuses the next (20 a window; a window may turn once).
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const guess = () => Array.from({ length: 10 }, () => alphabet[Math.floor(Math.random() * 32)]).join('');
    let status = 200;
    for (let tried = 0; tried < 45 && status !== 429; tried += 1) {
      status = (
        await api('/v1/scans', {
          credential: phone,
          body: {
            scanId: crypto.randomUUID(),
            token: guess(),
            gateId: 'east',
            direction: 'in',
            scannedAt: new Date(Date.now() + inject('clockOffsetMs')).toISOString(),
            deviceId: 'guessing-phone',
          },
        })
      ).status;
    }
    expect(status).toBe(429);
    const context = await phoneContext(browser, origin(), phone, 'fr');
    const page = await context.newPage();
    await page.goto('/gate');
    await page.locator('#readiness[data-ready="true"]').waitFor();
    const ticket = await issueTicket();
    await typeCode(page, ticket.shortCode);
    await page.locator('#gate-problem').waitFor();
    expect(await page.locator('#gate-problem').textContent()).toContain('Trop de codes courts');
    expect(await page.locator('#pending').getAttribute('data-count')).toBe('0');
    expect(await page.locator('.connection').getAttribute('class')).not.toContain('offline');
    expect((await ticketState(ticket.ticketId)).inside).toBe(false);
    await context.close();
  });

  it('refuses a revoked ticket offline once the revocation list has reached the device', async () => {
    browser ??= await launchChromium();
    const ticket = await issueTicket({ category: 'visitor' });
    expect((await api(`/v1/tickets/${ticket.ticketId}/revoke`, { body: {} })).status).toBe(200);
    const context = await phoneContext(browser, origin(), gateCredential, 'ar');
    const page: Page = await context.newPage();
    await page.goto('/gate');
    // The whole list read (however many pages earlier tests revoked), not out of date: ready (the keys
    // are in) is not enough, the read of the list must be over.
    const readiness = page.locator('#readiness');
    await expect
      .poll(
        async () =>
          (await readiness.getAttribute('data-ready')) === 'true' &&
          (await readiness.getAttribute('data-refreshing')) === 'false',
        { timeout: stretched(30_000) },
      )
      .toBe(true);
    expect(await readiness.getAttribute('data-failing')).toBe('false');
    // "revoked" in whichever number form the list's size takes (one, two: the dual, three or more).
    expect(await page.locator('#readiness').textContent()).toMatch(/ملغا(ة|تان)/);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await context.setOffline(true);
    await typeCode(page, ticket.token);
    const verdict = page.locator('.verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('REVOKED');
    expect(await verdict.locator('.verdict-word').textContent()).toBe('تذكرة ملغاة');
    await page.screenshot({ path: screenshotPath('gate-offline-revoked-ar') });
    await context.close();
  });

  it('says the revocation list is out of date when the server answers an error, and picks up where it stopped', async () => {
    browser ??= await launchChromium();
    const context = await phoneContext(browser, origin(), gateCredential, 'fr');
    const page: Page = await context.newPage();
    await page.goto('/gate');
    await expect.poll(() => page.locator('#readiness').getAttribute('data-ready')).toBe('true');
    expect(await page.locator('#readiness').getAttribute('data-failing')).toBe('false');
    // The server breaks on the feed (not the network: that is "offline", a state of its own).
    let refused = 0;
    await page.route('**/v1/revocations**', async (route) => {
      refused += 1;
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: '{"error":{"code":"INTERNAL","message":"x","details":[]}}',
      });
    });
    const ticket = await issueTicket({ category: 'visitor' });
    expect((await api(`/v1/tickets/${ticket.ticketId}/revoke`, { body: {} })).status).toBe(200);
    await page.reload();
    await expect
      .poll(() => page.locator('#readiness').textContent())
      .toContain('Liste des billets annulés pas à jour depuis');
    expect(refused).toBeGreaterThan(0);
    expect(await page.locator('#readiness').getAttribute('data-failing')).toBe('true');
    await page.screenshot({ path: screenshotPath('gate-revocations-out-of-date-fr') });
    await page.unroute('**/v1/revocations**');
    await page.reload();
    await expect.poll(() => page.locator('#readiness').getAttribute('data-failing')).toBe('false');
    // The revocation made while the feed was broken reached the device: offline, it is refused.
    await context.setOffline(true);
    await typeCode(page, ticket.token);
    await page.locator('.verdict').waitFor({ state: 'visible' });
    expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('REVOKED');
    await context.close();
  });

  it('says its revocation list is only partly read when its first read is cut by the network, in Arabic', async () => {
    browser ??= await launchChromium();
    const context = await phoneContext(browser, origin(), gateCredential, 'ar');
    const page: Page = await context.newPage();
    // A new phone: its keys come, then the network drops on the revocation list's first page.
    await page.route('**/v1/revocations**', (route) => route.abort('internetdisconnected'));
    await page.goto('/gate');
    const readiness = page.locator('#readiness');
    await expect.poll(() => readiness.getAttribute('data-partial')).toBe('true');
    await expect.poll(() => readiness.getAttribute('data-refreshing')).toBe('false');
    expect(await readiness.getAttribute('data-ready')).toBe('true');
    // Not "up to date at <now>": the list was never read to its end.
    expect(await readiness.textContent()).toContain('قائمة التذاكر الملغاة مقروءة جزئيًا فقط');
    expect(await readiness.textContent()).not.toContain('محدَّثة الساعة');
    const banner = page.locator('#revocations-stale');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain('قد تمرّ تذكرة ملغاة');
    await page.screenshot({ path: screenshotPath('gate-revocations-partial-ar') });
    // The network back and the screen on again: the list is read to its end, up to date, no banner.
    await page.unroute('**/v1/revocations**');
    await screenBackOn(page);
    await expect.poll(() => readiness.getAttribute('data-partial')).toBe('false');
    expect(await readiness.textContent()).toContain('محدَّثة الساعة');
    expect(await banner.isHidden()).toBe(true);
    await context.close();
  });

  it('reads the revocation list again as soon as its screen comes back on, and refuses offline a ticket revoked meanwhile', async () => {
    browser ??= await launchChromium();
    const context = await phoneContext(browser, origin(), gateCredential, 'fr');
    const page: Page = await context.newPage();
    // The page's timers stand still (Playwright's clock, paused): its minute's refresh never comes, so
    // only the screen's return can read the list again.
    await stillTimers(page);
    const reads = { started: 0 };
    page.on('request', (request) => {
      if (request.url().includes('/v1/revocations')) reads.started += 1;
    });
    await page.goto('/gate');
    const readiness = page.locator('#readiness');
    const settled = async () =>
      (await readiness.getAttribute('data-ready')) === 'true' &&
      (await readiness.getAttribute('data-refreshing')) === 'false';
    await expect.poll(settled, { timeout: stretched(30_000) }).toBe(true);
    const readsBefore = reads.started;
    // Revoked while the phone was in a pocket.
    const ticket = await issueTicket({ category: 'visitor' });
    expect((await api(`/v1/tickets/${ticket.ticketId}/revoke`, { body: {} })).status).toBe(200);
    await screenBackOn(page);
    await expect.poll(() => reads.started > readsBefore, { timeout: stretched(10_000) }).toBe(true);
    await expect.poll(settled, { timeout: stretched(30_000) }).toBe(true);
    await context.setOffline(true);
    await typeCode(page, ticket.token);
    await page.locator('.verdict').waitFor({ state: 'visible' });
    expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('REVOKED');
    await context.close();
  });
});
