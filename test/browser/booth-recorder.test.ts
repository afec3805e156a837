import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, createCredential, issueTicket } from '../support/api-client';
import { phoneContext, screenBackOn, screenshotPath, servedOffline, stillTimers } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';
import { eventually } from '../support/eventually';
import { stretched } from '../support/machine-factor';
import { typeCode } from '../support/scan-page';

/**
 * The booth records visits, in Arabic first: +1 for a visitor without a badge, a badge read with the
 * visitor's consent asked (a yes makes a lead, a no does not), online and offline (queued, the day's
 * count moving at once, sent when the network is back).
 */
const origin = pagesOrigin;
const shownVisits = (page: Page) => page.locator('#visits').getAttribute('data-value');

async function serverStats(boothId: string) {
  return (await api<{ visits: number; uniqueVisitors: number }>(`/v1/booths/${boothId}/stats`)).body;
}

describe('the booth recorder', () => {
  const chromium = chromiumPerFile();

  it('records a +1 and badges with and without consent; only a yes with the consent code makes a lead', async () => {
    const boothId = 'A040';
    const exhibitor = await createCredential('exhibitor', { booth: boothId }, 'Booth A040 tablet');
    const sharing = {
      category: 'visitor',
      contact: { phone: '0661234567', city: 'Berkane' },
      share: ['name', 'phone'],
    };
    const [yes, no, torn] = [
      await issueTicket({ ...sharing, holderName: 'Ilham Berrada' }),
      await issueTicket({ ...sharing, holderName: 'Omar Tazi' }),
      await issueTicket({ ...sharing, holderName: 'Nadia Amrani' }),
    ];
    const context = await phoneContext(chromium(), origin(), exhibitor, 'ar');
    const page = await context.newPage();
    await page.goto('/booth');
    await expect.poll(() => shownVisits(page)).toBe('0');
    await page.locator('#plus-one').click();
    await expect.poll(() => shownVisits(page)).toBe('1');
    await expect.poll(() => page.locator('#record-status').textContent()).toBe('سُجِّلت الزيارة ✓');

    // A badge: the consent question, in Arabic, with the exhibitor's name.
    await typeCode(page, yes.token);
    await page.locator('#consent').waitFor({ state: 'visible' });
    expect(await page.locator('#consent-question').textContent()).toContain('هل تقبل أن نحتفظ');
    await page.screenshot({ path: screenshotPath('booth-consent-ar') });
    await page.locator('#consent-yes').click();
    // A yes asks for the consent code folded behind the badge; the badge again is not it.
    await page.locator('#consent-code-wait').waitFor({ state: 'visible' });
    await typeCode(page, yes.token);
    await expect.poll(() => page.locator('#record-status').textContent()).toContain('هذه هي الشارة');
    expect(await shownVisits(page)).toBe('1');
    await page.screenshot({ path: screenshotPath('booth-consent-code-ar') });
    await typeCode(page, yes.consentCode ?? '');
    await expect.poll(() => shownVisits(page)).toBe('2');
    expect(await page.locator('#consent-code-wait').isHidden()).toBe(true);
    // Another, and a no.
    await typeCode(page, no.token);
    await page.locator('#consent').waitFor({ state: 'visible' });
    await page.locator('#consent-no').click();
    await expect.poll(() => shownVisits(page)).toBe('3');
    // A forged code (one signature character changed) is said to be no ticket at once: the visitor is
    // not asked for consent, and nothing is recorded.
    expect(await page.evaluate(() => localStorage.getItem('rawaq.booth.keys'))).toContain('Ed25519');
    const at = no.token.length - 10;
    const forged = `${no.token.slice(0, at)}${no.token[at] === 'A' ? 'B' : 'A'}${no.token.slice(at + 1)}`;
    await typeCode(page, forged);
    await expect.poll(() => page.locator('#record-status').textContent()).toContain('ليست تذكرة');
    expect(await page.locator('#consent').isHidden()).toBe(true);
    expect(await shownVisits(page)).toBe('3');
    // A torn badge: the short code printed under its QR code, typed as read (lower case, a space).
    // Only the server can look it up, so the visitor is asked as for a badge, and the visit counts.
    await typeCode(page, `${torn.shortCode.slice(0, 5)} ${torn.shortCode.slice(6)}`.toLowerCase());
    await page.locator('#consent').waitFor({ state: 'visible' });
    await page.locator('#consent-no').click();
    await expect.poll(() => shownVisits(page)).toBe('4');

    await eventually('the server counts four visits, three of them badges', async () => {
      const stats = await serverStats(boothId);
      return stats.visits === 4 && stats.uniqueVisitors === 3 ? true : undefined;
    });
    const leads = await eventually('the lead', async () => {
      const { body } = await api<{ visitorsSeen: number; leads: { ticketId: string }[] }>(
        `/v1/booths/${boothId}/leads`,
      );
      return body.visitorsSeen === 3 ? body.leads : undefined;
    });
    expect(leads.map((lead) => lead.ticketId)).toEqual([yes.ticketId]);
    await page.reload();
    await expect.poll(() => page.locator('#leads').textContent()).toContain('Ilham Berrada');
    expect(await page.locator('#leads').textContent()).not.toContain('Omar Tazi');
    // Only what she agreed to share: her name and phone, not her city.
    const lead = page.locator(`#leads [data-ticket="${yes.ticketId}"]`);
    expect(await lead.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+212661234567');
    expect(await lead.textContent()).not.toContain('Berkane');
    // Rated and noted on the phone, then on the server. The rating's reply is held until the note is
    // being typed: the list it redraws must not take back what the exhibitor typed.
    let typed: () => void = () => {};
    const noteTyped = new Promise<void>((resolve) => {
      typed = resolve;
    });
    let held = 0;
    await context.route(/\/leads\/[^/?]+$/, async (route) => {
      if (route.request().method() === 'PUT' && held++ === 0) {
        const response = await route.fetch();
        await noteTyped;
        await route.fulfill({ response });
      } else await route.continue();
    });
    await lead.locator('.rating-hot').click();
    await lead.locator('textarea').pressSequentially('تريد 10 لترات');
    await lead.locator('textarea').evaluate((field) => {
      field.dataset.typedIn = 'yes';
    });
    typed();
    // The reply redraws the list: a new field, which must still hold the note, with the caret in it.
    await expect.poll(() => lead.locator('textarea').getAttribute('data-typed-in')).toBeNull();
    await expect.poll(() => lead.locator('.rating-hot').getAttribute('aria-pressed')).toBe('true');
    expect(await lead.locator('textarea').inputValue()).toBe('تريد 10 لترات');
    // What holds the focus, named, so that a failure says where it went.
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active ? `${active.tagName.toLowerCase()}${active.className ? `.${active.className}` : ''}` : 'none';
      });
    await expect.poll(focused).toBe('textarea.lead-note');
    // (Polled too: a redraw between the two reads puts a new field there, which takes the focus next.)
    await expect.poll(() => lead.locator('textarea').evaluate((field) => field === document.activeElement)).toBe(true);
    await lead.locator('textarea').blur();
    const noted = await eventually('the rating and note on the server', async () => {
      const { body } = await api<{ leads: { ticketId: string; rating?: string; note?: string }[] }>(
        `/v1/booths/${boothId}/leads`,
      );
      const stored = body.leads.find((entry) => entry.ticketId === yes.ticketId);
      return stored?.note ? stored : undefined;
    });
    expect(noted).toMatchObject({ rating: 'hot', note: 'تريد 10 لترات' });
    await page.screenshot({ path: screenshotPath('booth-recorder-ar'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('keeps recording offline, shows the count at once, and sends it all when the network is back', async () => {
    const boothId = 'A041';
    const exhibitor = await createCredential('exhibitor', { booth: boothId }, 'Booth A041 phone');
    const badge = await issueTicket({ category: 'visitor', holderName: 'Rita Ameziane', share: ['name'] });
    const context = await phoneContext(chromium(), origin(), exhibitor, 'fr');
    const page = await context.newPage();
    await page.goto('/booth');
    await expect.poll(() => shownVisits(page)).toBe('0');
    // Installed on this first online visit: going offline while its worker still caches the pages would
    // cut its install (the page records offline regardless; reopening offline needs the worker).
    await servedOffline(page);
    await context.setOffline(true);
    for (let tap = 0; tap < 3; tap += 1) await page.locator('#plus-one').click();
    await typeCode(page, badge.token);
    await page.locator('#consent-yes').click();
    await typeCode(page, badge.consentCode ?? '');
    await expect.poll(() => shownVisits(page)).toBe('4');
    await expect.poll(() => page.locator('#record-status').getAttribute('data-waiting')).toBe('4');
    expect(await page.locator('#record-status').textContent()).toBe('4 visites en attente d’envoi');
    await page.screenshot({ path: screenshotPath('booth-offline-fr') });
    expect((await serverStats(boothId)).visits).toBe(0);
    await context.setOffline(false);
    await expect
      .poll(() => page.locator('#record-status').getAttribute('data-waiting'), { timeout: stretched(20_000) })
      .toBe('0');
    expect(await page.locator('#record-status').textContent()).toBe('Toutes les visites sont envoyées ✓');
    await eventually('all four counted once', async () =>
      (await serverStats(boothId)).visits === 4 ? true : undefined,
    );
    expect((await serverStats(boothId)).uniqueVisitors).toBe(1);
    await expect.poll(() => shownVisits(page), { timeout: stretched(40_000) }).toBe('4');
    // Reloaded without a network, the page shows the figures it last read, not a dash. (The service
    // worker serves the page offline once it is active and controls it: on a loaded machine it may
    // not yet be, so that is waited for.)
    await servedOffline(page);
    await context.setOffline(true);
    await page.reload();
    await page.locator('#visits').waitFor();
    expect(await shownVisits(page)).toBe('4');
    await context.setOffline(false);
    await context.close();
  });

  it('sends what waits as soon as its screen comes back on, not at its next try', async () => {
    const boothId = 'A042';
    const exhibitor = await createCredential('exhibitor', { booth: boothId }, 'Booth A042 phone');
    const context = await phoneContext(chromium(), origin(), exhibitor, 'ar');
    const page = await context.newPage();
    // The page's timers stand still (Playwright's clock, paused): its tries every 5 s never come.
    await stillTimers(page);
    await page.goto('/booth');
    await expect.poll(() => shownVisits(page), { timeout: stretched(10_000) }).toBe('0');
    // The venue's network fails the visit's request (the browser still says online: no `online` event
    // will come to send it).
    await page.route('**/footfall', (route) => route.abort('internetdisconnected'));
    await page.locator('#plus-one').click();
    // Queued on the phone and tried once: the try failed, so the visit still waits.
    await expect
      .poll(() => page.locator('#record-status').getAttribute('data-waiting'), { timeout: stretched(20_000) })
      .toBe('1');
    await page.unroute('**/footfall');
    await screenBackOn(page);
    await expect
      .poll(() => page.locator('#record-status').getAttribute('data-waiting'), { timeout: stretched(20_000) })
      .toBe('0');
    await eventually('the visit counted once', async () =>
      (await serverStats(boothId)).visits === 1 ? true : undefined,
    );
    await context.close();
  });
});
