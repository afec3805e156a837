import { describe, expect, inject, it } from 'vitest';
import { phoneContext, screenshotPath } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';

/**
 * Times on the pages are the fair's, whatever the phone's zone and zone data: a phone set to New York
 * shows the programme at Oujda's hours, and offsets the API gives that differ from any zone database
 * (+02:00, forced here) are the ones the pages follow.
 */
describe("the fair's time on a phone elsewhere", () => {
  const chromium = chromiumPerFile();
  const startOf = async (page: import('playwright-core').Page, workshopId: string) =>
    (await page.locator(`[data-workshop="${workshopId}"] strong`).textContent())?.trim();

  it('shows the programme in fair time on a phone set to America/New_York', async () => {
    const context = await phoneContext(
      chromium(),
      pagesOrigin(),
      inject('organiserCredential'),
      'fr',
      undefined,
      'America/New_York',
    );
    const page = await context.newPage();
    await page.goto('/dashboard');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await expect.poll(() => startOf(page, 'ws-0326-pm')).toBe('15:00');
    expect(await startOf(page, 'ws-0326-am')).toBe('10:00');
    await context.close();
  });

  it('follows the offsets the API gives, not the browser’s zone data, and says when the server’s disagree', async () => {
    const context = await phoneContext(
      chromium(),
      pagesOrigin(),
      inject('organiserCredential'),
      'ar',
      undefined,
      'Africa/Casablanca',
    );
    await context.route('**/v1/fair', async (route) => {
      const response = await route.fetch();
      const fair = await response.json();
      fair.utcOffsets = Object.fromEntries(Object.keys(fair.utcOffsets).map((day) => [day, '+02:00']));
      fair.timeZoneData = {
        ...fair.timeZoneData,
        version: '2025b',
        agreesWithFile: false,
        disagreements: [{ day: fair.days[0] }],
      };
      await route.fulfill({ response, json: fair });
    });
    const page = await context.newPage();
    await page.goto('/dashboard');
    await expect.poll(() => startOf(page, 'ws-0326-pm')).toBe('17:00');
    const banner = page.locator('#zone-data');
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('tz 2025b');
    await page.screenshot({ path: screenshotPath('dashboard-zone-data-ar'), fullPage: true });
    await context.close();
  });

  it('asks before signing a gate phone out, in its language', async () => {
    // Signed in by hand (a phone context would sign in again at every load).
    const context = await chromium().newContext({ baseURL: pagesOrigin(), viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/gate');
    await page.evaluate(
      ([credential]) => {
        localStorage.setItem('rawaq.credential', credential as string);
        localStorage.setItem('rawaq.language', 'ar');
      },
      [inject('organiserCredential')],
    );
    await page.reload();
    await page.locator('#readiness').waitFor();
    const signOut = page.getByRole('button', { name: 'تسجيل الخروج من الجهاز' });
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signOut.click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toMatch(/^هل تريد تسجيل خروج هذا الجهاز؟/);
    expect(await page.evaluate(() => localStorage.getItem('rawaq.credential'))).not.toBeNull();
    // The exit button of the gate and the sign-out are different words.
    expect(await page.locator('[data-t="directionOut"]').first().textContent()).toBe('خروج');
    page.once('dialog', (dialog) => void dialog.accept());
    await signOut.click();
    await page.locator('#credential').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('rawaq.credential'))).toBeNull();
    await context.close();
  });
});
