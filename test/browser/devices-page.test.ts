import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/api-client';
import { phoneContext, screenshotPath } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';

/**
 * /devices: an organiser makes a gate phone's credential and hands it over as a QR code of a link;
 * the phone opening the link is signed in to its gate, and revoking it from the page locks it out.
 */
const origin = pagesOrigin;

describe('the devices page', () => {
  const chromium = chromiumPerFile();

  it('gives a phone its gate credential through a link, and revokes it', async () => {
    const office = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr');
    const page = await office.newPage();
    await page.goto('/devices');
    await page.locator('#label').fill('Entrée est, téléphone 1');
    // Every gate's box the same size, whatever the length of its name beside it (the service gate's
    // two lines squeezed its box to two thirds of the others').
    const boxes = await page
      .locator('#scope input[type=checkbox]')
      .evaluateAll((inputs) => inputs.map((input) => Math.round(input.getBoundingClientRect().width)));
    expect(boxes.length).toBeGreaterThan(3);
    expect(new Set(boxes).size).toBe(1);
    // Nothing chosen: the page says so instead of sending a credential with no gate.
    await page.locator('#new-device button[type=submit]').click();
    expect(await page.locator('#devices-problem').textContent()).toBe('Choisissez-en au moins un.');
    await page.locator('input[name=gates][value=east]').check();
    await page.locator('#new-device button[type=submit]').click();
    const card = page.locator('.device').first();
    await card.waitFor();
    expect(await card.locator('img.device-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const link = (await card.getAttribute('data-link')) ?? '';
    expect(link).toMatch(/\/gate#credential=/);
    // The page's path kept left to right in any language (isolated): Arabic showed it as "gate/".
    expect(await card.locator('p.muted').first().textContent()).toContain('\u2066/gate\u2069');
    await page.screenshot({ path: screenshotPath('devices-fr'), fullPage: true });

    // The phone: nothing stored, it opens the link from the QR code.
    const phone = await chromium().newContext({ viewport: { width: 390, height: 844 } });
    const gate = await phone.newPage();
    await gate.goto(link);
    await gate.locator('#gate').waitFor();
    expect(
      await gate.locator('#gate option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['east']);
    expect(await gate.locator('.user').textContent()).toBe('Entrée est, téléphone 1');
    expect(new URL(gate.url()).hash).toBe(''); // the credential does not stay in the address bar
    const credential = await gate.evaluate(() => localStorage.getItem('rawaq.credential'));
    expect((await api('/v1/me', { credential })).status).toBe(200);

    await card.locator('button', { hasText: 'Révoquer' }).click();
    await card.locator('[role=status]', { hasText: 'Révoqué' }).waitFor();
    expect((await api('/v1/me', { credential })).status).toBe(401);
    await phone.close();
    await office.close();
  });

  it('asks before a link replaces the credential a phone already works with', async () => {
    const made = async (label: string) =>
      (
        await api<{ credential: string }>('/v1/credentials', {
          body: { role: 'gate', scope: { gates: ['main'] }, label },
        })
      ).body.credential;
    const [first, second] = [await made('Main gate, phone 7'), await made('Main gate, phone 8')];
    const phone = await chromium().newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    const open = async (credential: string) => {
      await page.goto('about:blank');
      await page.goto(`${origin()}/gate#credential=${credential}`);
      await page.locator('#gate').waitFor();
    };
    await open(first);
    const stored = () => page.evaluate(() => localStorage.getItem('rawaq.credential'));
    expect(await stored()).toBe(first);
    // A second code scanned by mistake: the steward says no, and the phone keeps its own.
    const questions: string[] = [];
    page.once('dialog', async (dialog) => {
      questions.push(dialog.message());
      await dialog.dismiss();
    });
    await open(second);
    expect(questions).toEqual([expect.stringContaining('Main gate, phone 7')]);
    expect(await stored()).toBe(first);
    expect(new URL(page.url()).hash).toBe('');
    // Meant this time.
    page.once('dialog', (dialog) => dialog.accept());
    await open(second);
    expect(await stored()).toBe(second);
    await phone.close();
  });
});
