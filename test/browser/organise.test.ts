import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatShortCode, normalizeShortCode } from '../../shared/domain/short-code';
import { api, createCredential, issueTicket, offlineScan, scan } from '../support/api-client';
import { pdfText, phoneContext, screenshotPath, servedOffline, smallestGap } from '../support/browser';
import { chromiumPerFile, heard, pagesOrigin } from '../support/chromium-per-file';
import { eventually } from '../support/eventually';
import { stretched } from '../support/machine-factor';
import { checkCode, shownVerdict, typeCode } from '../support/scan-page';

/**
 * The organisers' page in a real Chromium, on a phone and a laptop: a ticket issued, its badge printed
 * (the PDF read back as text), found by its holder and revoked; a short code admitting at a gate; a
 * workshop made and a visitor registered at the desk; a capacity change moving the dashboard's level;
 * a lost phone's access code found and revoked, and that phone refused at once.
 */
const origin = pagesOrigin;
const laptop = { width: 1280, height: 900 };

/**
 * Each field's label sits just above it, on its side: in a flex row of labels and inputs, a phone
 * wrapped the second input onto the next line, away from its label (a start and an end, a day and a time).
 */
async function labelsJustAbove(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) {
    const label = await page.locator(`label[for="${id}"]`).boundingBox();
    const field = await page.locator(`#${id}`).boundingBox();
    if (!label || !field) throw new Error(`${id} or its label is not shown`);
    const gap = field.y - (label.y + label.height);
    expect(gap, `${id}: its field's top, from its label's bottom`).toBeGreaterThanOrEqual(0);
    expect(gap, `${id}: its field's top, from its label's bottom`).toBeLessThan(24);
    expect(label.x + label.width > field.x && label.x < field.x + field.width, `${id}: label over its field`).toBe(
      true,
    );
  }
}

describe("the organisers' page", () => {
  const chromium = chromiumPerFile();
  const page = async (language: 'ar' | 'fr' | 'en', viewport = laptop) => {
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), language, viewport);
    return context.newPage();
  };

  it('issues a ticket, prints its badge, finds it by its holder and revokes it', async () => {
    const organiser = await page('fr');
    await organiser.goto('/organise#tickets');
    // The stack's own credential is named in the page's language, not by its stored English label.
    const signedIn = organiser.locator('header .user');
    await expect.poll(() => signedIn.textContent()).toBe('Premier organisateur (créé à l’installation)');
    await organiser.locator('#ticket-category').selectOption('press');
    await organiser.locator('#ticket-holder').fill('Yasmine Alaoui');
    // She leaves her phone and agrees that booths she shows her consent code get her name and phone.
    await organiser.locator('#contact-fields summary').click();
    await organiser.locator('#contact-phone').fill('0661 23 45 67');
    await organiser.locator('#contact-city').fill('Oujda');
    await organiser.locator('#share-name').check();
    await organiser.locator('#share-phone').check();
    await organiser.locator('#issue-tickets button[type=submit]').click();
    const issued = organiser.locator('#issued li');
    await issued.first().waitFor();
    const ticketId = (await issued.first().getAttribute('data-ticket-id')) as string;
    const shortCode = (await issued.first().locator('code').textContent()) as string;
    expect(shortCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await organiser.screenshot({ path: screenshotPath('organise-tickets-fr'), fullPage: true });

    await organiser.locator('#print-issued').click();
    await organiser.waitForURL('**/print');
    await organiser.locator('body[data-ready="true"]').waitFor();
    await organiser.screenshot({ path: screenshotPath('print-badges-fr'), fullPage: true });
    const text = pdfText(await organiser.pdf({ format: 'A4', printBackground: true }));
    expect(text).toContain('Yasmine Alaoui');
    expect(text).toContain(shortCode);
    expect(text).toContain('PRESSE');
    // The consent code on the panel folded behind her badge.
    expect(await organiser.locator(`[data-consent-for="${ticketId}"] img.qr`).count()).toBe(1);
    expect(text).toContain('Mon code d’accord');
    const stored = await api<{ contact: Record<string, string>; share: string[]; consentCode: string }>(
      `/v1/tickets/${ticketId}`,
    );
    expect(stored.body).toMatchObject({
      contact: { phone: '+212661234567', city: 'Oujda' },
      share: ['name', 'phone'],
      consentCode: expect.stringMatching(new RegExp(`^rwqc\\.${ticketId}\\.`)),
    });

    await organiser.goto('/organise#tickets');
    await organiser.locator('#ticket-search').fill('yasmine ala');
    await organiser.locator('#find-ticket button[type=submit]').click();
    const row = organiser.locator(`#ticket-results tr[data-ticket-id="${ticketId}"]`);
    await row.waitFor();
    organiser.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Révoquer' }).click();
    await expect.poll(() => row.textContent()).toContain('Annulé');
    expect((await api<{ revoked: boolean }>(`/v1/tickets/${ticketId}`)).body.revoked).toBe(true);
    await organiser.locator('button[data-language="ar"]').click();
    expect(await signedIn.textContent()).toBe('المنظّم الأول (أُنشئ عند التثبيت)');
    await organiser.context().close();
  });

  it('replaces a lost badge from the search, in Arabic: the new one printed alone, the lost one refused', async () => {
    const lost = await api<{ ticketId: string; token: string; shortCode: string }>('/v1/tickets', {
      body: { category: 'visitor', holderName: 'Mourad Lahlou' },
    });
    const desk = await page('ar');
    desk.on('dialog', (dialog) => void dialog.accept());
    await desk.goto('/organise#tickets');
    await desk.locator('#ticket-search').fill('mourad lahlou');
    await desk.locator('#find-ticket button[type=submit]').click();
    const row = desk.locator(`#ticket-results tr[data-ticket-id="${lost.body.ticketId}"]`);
    await row.waitFor();
    await row.locator('button.lost-badge').click();
    await desk.waitForURL('**/print');
    await desk.locator('body[data-ready="true"]').waitFor();
    const badges = desk.locator('.badge:not(.blank-panel):not(.consent-panel)');
    expect(await badges.count()).toBe(1);
    expect(await badges.first().textContent()).toContain('Mourad Lahlou');
    expect(await badges.first().getAttribute('data-ticket-id')).not.toBe(lost.body.ticketId);
    const scanned = await api<{ verdict: string }>('/v1/scans', {
      body: {
        scanId: crypto.randomUUID(),
        token: lost.body.token,
        gateId: 'main',
        direction: 'in',
        scannedAt: new Date(Date.now() + inject('clockOffsetMs')).toISOString(),
        deviceId: 'lost-badge-test',
      },
    });
    expect(scanned.body.verdict).toBe('REVOKED');
    await desk.context().close();
  });

  it('prints every badge issued one after another as one set, days as a range, the category as a band', async () => {
    const organiser = await page('fr');
    await organiser.goto('/organise#tickets');
    await organiser.locator('#ticket-category').selectOption('press');
    for (const name of ['Rachid Alami', 'Sara Benjelloun', 'Hicham Tazi']) {
      await organiser.locator('#ticket-holder').fill(name);
      await organiser.locator('#issue-tickets button[type=submit]').click();
      await expect
        .poll(() => organiser.locator('#issued li').count())
        .toBe(['Rachid Alami', 'Sara Benjelloun', 'Hicham Tazi'].indexOf(name) + 1);
    }
    expect(await organiser.locator('#print-issued').textContent()).toBe('Imprimer ces 3 badges');
    await organiser.locator('#print-issued').click();
    await organiser.waitForURL('**/print');
    await organiser.locator('body[data-ready="true"]').waitFor();
    expect(await organiser.locator('.badge').count()).toBe(3);
    // Six days in a row: one range, not six dates.
    expect(await organiser.locator('.badge-days').first().textContent()).toBe('26–31 mars');
    // Bilingual by default (the fair's file says Arabic then French): the category's word in both, and
    // the fair's name in both.
    expect(await organiser.locator('.badge-category').first().textContent()).toBe('صحافةPresse');
    expect(await organiser.locator('.badge-fair [lang="ar"]').first().textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await organiser.locator('.badge-fair [lang="fr"]').first().textContent()).toContain('Salon');
    const text = pdfText(await organiser.pdf({ format: 'A4', printBackground: true }));
    for (const name of ['Rachid Alami', 'Sara Benjelloun', 'Hicham Tazi']) expect(text).toContain(name);
    await organiser.screenshot({ path: screenshotPath('print-badge-set-fr'), fullPage: true });
    await organiser.context().close();
  });

  it("prints a booth's staff as a set, in A6 for its holders, and two badges picked from a search on one sheet", async () => {
    const names = ['Latifa Amrani', 'Youssef Bennani', 'Khadija Ouali'];
    const staff = await Promise.all(
      names.map((holderName) => issueTicket({ category: 'exhibitor', boothId: 'B062', holderName })),
    );
    const organiser = await page('ar');
    await organiser.goto('/organise#tickets');
    // The size's words beside its picker, on the page (not only for a screen reader).
    await organiser.locator('#badge-set').getByText('مقاس الشارات').waitFor();
    // Nothing said yet takes no room: under Issue (the tickets it issued) and at the set's card's end
    // (what it found) stood blank bands of 51 and 64 px.
    const space = await organiser.evaluate(() => {
      const issue = document.querySelector('#issue-tickets button.primary')?.getBoundingClientRect();
      const picker = document.querySelector('#issue-tickets .size-field')?.getBoundingClientRect();
      const set = document.querySelector('#badge-set')?.getBoundingClientRect();
      const find = document.querySelector('#badge-set .size-field')?.getBoundingClientRect();
      return {
        underIssue: (picker?.top ?? Number.NaN) - (issue?.bottom ?? Number.NaN),
        underFind: (set?.bottom ?? Number.NaN) - (find?.bottom ?? Number.NaN),
      };
    });
    expect(space.underIssue).toBeLessThan(25);
    expect(space.underFind).toBeLessThan(40);
    await organiser.locator('#set-booth').selectOption('B062');
    await organiser.locator('#set-size').selectOption('a6');
    await organiser.locator('#badge-set button[type=submit]').click();
    await expect.poll(() => organiser.locator('#set-found').textContent()).toBe('3 شارات في هذه المجموعة.');
    await organiser.locator('#badge-set').screenshot({ path: screenshotPath('organise-badge-set-ar') });
    await organiser.locator('#print-set').click();
    await organiser.waitForURL('**/print');
    await organiser.locator('body[data-ready="true"]').waitFor();
    const badges = organiser.locator('.sheet.size-a6 .badge');
    expect(await badges.count()).toBe(3);
    expect(await organiser.locator('.sheet').count()).toBe(1);
    // A6 is 105 x 148 mm: 397 x 559 CSS pixels.
    const box = await badges.first().boundingBox();
    expect(Math.round(box?.width ?? 0)).toBe(397);
    expect(Math.round(box?.height ?? 0)).toBe(559);
    const text = pdfText(await organiser.pdf({ format: 'A4', printBackground: true }));
    for (const name of names) expect(text).toContain(name);
    await organiser.screenshot({ path: screenshotPath('print-badges-a6-ar'), fullPage: true });

    // The 90 x 55 mm holders, ten to an A4 sheet: two badges picked from a search print on one sheet.
    await organiser.goto('/organise#tickets');
    await organiser.locator('#badge-size').selectOption('90x55');
    await organiser.locator('#ticket-search').fill('youssef bennani');
    await organiser.locator('#find-ticket button[type=submit]').click();
    await organiser.locator(`#ticket-results tr[data-ticket-id="${staff[1]?.ticketId}"] input.pick-badge`).check();
    await organiser.locator('#ticket-search').fill('khadija ouali');
    await organiser.locator('#find-ticket button[type=submit]').click();
    await organiser.locator(`#ticket-results tr[data-ticket-id="${staff[2]?.ticketId}"] input.pick-badge`).check();
    expect(await organiser.locator('#print-selected').textContent()).toBe('طباعة الشارتين');
    await organiser.locator('#print-selected').click();
    await organiser.waitForURL('**/print');
    await organiser.locator('body[data-ready="true"]').waitFor();
    const small = organiser.locator('.sheet.size-90x55 .badge');
    expect(await small.count()).toBe(2);
    expect(await organiser.locator('.sheet').count()).toBe(1);
    // 90 x 55 mm: 340 x 208 CSS pixels.
    const smallBox = await small.first().boundingBox();
    expect(Math.round(smallBox?.width ?? 0)).toBe(340);
    expect(Math.round(smallBox?.height ?? 0)).toBe(208);
    await organiser.screenshot({ path: screenshotPath('print-badges-90x55-ar'), fullPage: true });
    await organiser.context().close();
  });

  it("takes sign-in cards, working credentials, out of the tab's storage once they are on screen", async () => {
    const organiser = await page('ar');
    await organiser.goto('/organise');
    await organiser.evaluate(() =>
      sessionStorage.setItem(
        'rawaq.printJob',
        JSON.stringify({
          kind: 'signIn',
          cards: [
            { label: 'A001 · Coopérative Atlas', boothId: 'A001', link: `${location.origin}/booth#credential=rwq_x` },
          ],
        }),
      ),
    );
    await organiser.goto('/print');
    await organiser.locator('body[data-ready="true"]').waitFor();
    expect(await organiser.locator('body').textContent()).toContain('A001');
    // The Wi-Fi the phone joins, named by the fair's file, its Latin name isolated in the Arabic line.
    expect(await organiser.locator('.card-wifi bdi').textContent()).toBe('SALON-ESS-OUJDA');
    expect(await organiser.evaluate(() => sessionStorage.getItem('rawaq.printJob'))).toBeNull();
    await organiser.context().close();
  });

  it('admits at a gate by the short code typed from a torn badge', async () => {
    const ticket = (await issueTicket({ category: 'visitor', holderName: 'Samir Bouzid' })) as unknown as {
      shortCode: string;
    };
    const gate = await createCredential('gate', { gates: ['east'] }, 'East gate phone');
    const context = await phoneContext(chromium(), origin(), gate, 'ar');
    const phone = await context.newPage();
    await phone.goto('/gate');
    await phone.locator('button[data-mode="scan"]').click();
    // A slow API: the answer comes 3 s late, past the 2.5 s after which a QR code is judged on the
    // phone. A typed code cannot be judged there, so the page waits for it, its button saying so.
    let held = 0;
    await phone.route('**/v1/scans', async (route) => {
      held += 1;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    await typeCode(phone, ticket.shortCode.toLowerCase());
    const check = phone.locator('.manual button[type=submit]');
    await expect.poll(() => check.getAttribute('aria-busy')).toBe('true');
    expect(await check.textContent()).toBe('جارٍ التحقق…');
    await phone.screenshot({ path: screenshotPath('gate-checking-code-ar') });
    expect(await shownVerdict(phone)).toBe('ADMITTED');
    expect(held).toBe(1);
    expect(await check.textContent()).toBe('تحقّق');
    await phone.unroute('**/v1/scans');
    // The holder's name with the verdict, for an ID check.
    expect(await phone.locator('.verdict-holder').textContent()).toBe('Samir Bouzid');
    // Offline, a typed short code cannot be checked, and the page says what to do.
    await context.setOffline(true);
    await phone.locator('#manual-code').fill('ABCDE-FGHJK');
    await phone.locator('.manual button[type=submit]').click();
    const verdict = phone.locator('.verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('UNCHECKED');
    expect(await verdict.textContent()).toContain('امسح رمز QR');
    await context.close();
  });

  it('creates a workshop and registers a visitor at the desk by short code', async () => {
    const organiser = await page('ar', { width: 390, height: 844 });
    await organiser.goto('/organise#workshops');
    await organiser.locator('#workshop-title-ar').fill('ورشة التغليف');
    await organiser.locator('#workshop-title-fr').fill('Atelier emballage');
    await organiser.locator('#workshop-zone').selectOption('room-2');
    await organiser.locator('#workshop-starts').fill('18:00');
    await organiser.locator('#workshop-ends').fill('19:00');
    await labelsJustAbove(organiser, ['workshop-starts', 'workshop-ends']);
    await organiser.locator('#workshop-capacity').fill('1');
    await organiser.locator('#workshop-registration').check();
    await organiser.locator('#new-workshop button[type=submit]').click();
    await expect.poll(() => organiser.locator('#workshop-list').textContent()).toContain('ورشة التغليف');
    // Its hours left to right inside the Arabic line (isolated): never shown as 19:00–18:00.
    expect(await organiser.locator('#workshop-list').textContent()).toContain('\u206618:00–19:00\u2069');
    // Its card ends under its last button (an empty status line left a blank band in every card: 56 px
    // where the card's own padding is 22).
    const below = await organiser
      .locator('#workshop-list article', { hasText: 'ورشة التغليف' })
      .evaluate(
        (card) =>
          card.getBoundingClientRect().bottom -
          Math.max(...[...card.querySelectorAll('button')].map((button) => button.getBoundingClientRect().bottom)),
      );
    expect(below).toBeLessThan(30);
    const { body } = await api<{ workshops: { workshopId: string; title: string; startsAt: string }[] }>(
      '/v1/workshops',
    );
    const made = body.workshops.find((workshop) => workshop.title === 'Atelier emballage');
    expect(made?.startsAt).toBe('2027-03-26T18:00:00+00:00');

    await organiser.locator('#desk-workshop').selectOption(made?.workshopId as string);
    const [first, second] = [
      (await issueTicket()) as unknown as { shortCode: string; ticketId: string },
      (await issueTicket({ category: 'visitor', holderName: 'Nadia Attente' })) as unknown as {
        shortCode: string;
        ticketId: string;
      },
    ];
    const register = async (code: string) => {
      const entry = organiser.locator('#registration-desk .manual-entry');
      if ((await entry.getAttribute('open')) === null) await entry.locator('summary').click();
      await organiser.locator('#registration-desk #manual-code').fill(code);
      await organiser.locator('#registration-desk .manual button[type=submit]').click();
    };
    await register(first.shortCode);
    await expect.poll(() => organiser.locator('#desk-verdict').getAttribute('data-verdict')).toBe('REGISTERED');
    await register(second.shortCode);
    await expect.poll(() => organiser.locator('#desk-verdict').getAttribute('data-verdict')).toBe('WAITLISTED');
    // The desk lists people as the door does: the holder's name, else the badge's short code, never an id.
    await expect
      .poll(() => organiser.locator('#desk-waitlist li').allTextContents())
      .toEqual([expect.stringContaining('Nadia Attente')]);
    const expected = await organiser.locator('#desk-expected li').allTextContents();
    expect(expected).toHaveLength(1);
    expect(expected[0]).toContain(formatShortCode(normalizeShortCode(first.shortCode) ?? first.shortCode));
    expect(`${expected.join()} ${await organiser.locator('#desk-waitlist').textContent()}`).not.toContain(
      first.ticketId,
    );
    await organiser.screenshot({ path: screenshotPath('organise-workshops-ar'), fullPage: true });
    // The first does not come: two taps at the desk free the seat, and the one waiting takes it.
    const free = organiser.locator(`#desk-expected button[data-ticket="${first.ticketId}"]`);
    await free.click();
    await organiser.locator(`#desk-expected button[data-ticket="${first.ticketId}"][aria-pressed="true"]`).click();
    await expect
      .poll(() => organiser.locator('#desk-expected li').allTextContents())
      .toEqual([expect.stringContaining('Nadia Attente')]);
    expect(await organiser.locator('#desk-waitlist li').count()).toBe(0);
    expect(
      await organiser.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await organiser.context().close();
  });

  it("changes a zone's capacity with its reason, and the dashboard's level follows", async () => {
    const { token } = await issueTicket();
    expect((await scan(token, 'seminar', 'in')).body.verdict).toBe('ADMITTED');
    const count = await eventually('the seminar hall counted', async () => {
      const zones = (await api<{ zones: { zoneId: string; count: number }[] }>('/v1/occupancy')).body.zones;
      const hall = zones.find((zone) => zone.zoneId === 'seminar-hall');
      return hall && hall.count > 0 ? hall.count : undefined;
    });
    const organiser = await page('en');
    try {
      await organiser.goto('/organise#zones');
      const form = organiser.locator('form[data-zone="seminar-hall"]');
      await form.waitFor();
      // The venue first, then each zone with the zones inside it; thresholds read as percentages.
      expect(await organiser.locator('#zone-rules form').first().getAttribute('data-zone')).toBe('venue');
      const order = await organiser
        .locator('#zone-rules form')
        .evaluateAll((forms) => forms.map((each) => (each as HTMLElement).dataset.zone));
      expect(order.indexOf('seminar-hall')).toBe(order.indexOf('hall-a') + 1);
      expect(await form.locator('.thresholds .unit').allTextContents()).toEqual(['%', '%', '%']);
      // A hall no door counts has no figure, not "0 / 690 · normal".
      const uncounted = organiser.locator('form[data-zone="hall-b"]');
      expect(await uncounted.locator('.not-counted').textContent()).toBe('Not counted today: no door in use');
      expect(await uncounted.textContent()).not.toContain(' / ');
      // The floor plan's safe capacity beside the field, and a warning while the figure is above it.
      expect(await form.locator('.safe-capacity').textContent()).toContain('166');
      expect(await form.locator('.above-safe').isHidden()).toBe(true);
      await form.locator('input[name=capacity]').fill('200');
      await form.locator('.above-safe').waitFor();
      expect(await form.locator('.above-safe').textContent()).toContain('safe capacity of 166');
      await form.locator('input[name=capacity]').fill(String(count));
      expect(await form.locator('.above-safe').isHidden()).toBe(true);
      await form.locator('input[name=reason]').fill('Fire officer: the back rows are closed');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => form.textContent()).toContain('Fire officer: the back rows are closed');
      // The list is read again after a save; the word that it was saved stays on the zone's card.
      expect(await form.locator('.zone-saved').textContent()).toContain('Saved ✓');
      await organiser.goto('/dashboard');
      await expect.poll(() => organiser.locator('[data-zone="seminar-hall"]').getAttribute('data-level')).toBe('full');
    } finally {
      await api('/v1/zones/seminar-hall', { method: 'PATCH', body: { capacity: 160, reason: 'back to normal' } });
      await scan(token, 'seminar', 'out');
      await organiser.context().close();
    }
  });

  it("keeps each threshold's word on its field's line on a phone, in Arabic", async () => {
    const organiser = await page('ar', { width: 390, height: 844 });
    await organiser.goto('/organise#zones');
    const form = organiser.locator('form[data-zone="seminar-hall"]');
    await form.waitFor();
    // Each word's middle within its own field's height: not at the end of the line above it.
    const apart = await form.locator('.thresholds label').evaluateAll((labels) =>
      labels.flatMap((label) => {
        const input = document.getElementById((label as HTMLLabelElement).htmlFor);
        const word = label.getBoundingClientRect();
        const field = input?.getBoundingClientRect();
        const middle = word.top + word.height / 2;
        return field && middle >= field.top && middle <= field.bottom ? [] : [label.textContent];
      }),
    );
    expect(apart).toEqual([]);
    // The three fields start at one line (the right, in Arabic), whatever their words' widths.
    const starts = await form
      .locator('.thresholds input')
      .evaluateAll((inputs) => inputs.map((input) => Math.round(input.getBoundingClientRect().right)));
    expect(starts).toHaveLength(3);
    expect(new Set(starts).size).toBe(1);
    // Zones' cards apart, as every card on the page is (nested ones touched the card above them).
    expect(await smallestGap(organiser.locator('#zone-rules > form'))).toBeGreaterThanOrEqual(8);
    await form.screenshot({ path: screenshotPath('organise-zone-phone-ar') });
    await organiser.context().close();
  });

  it("finds a lost phone's access code, revokes it, and that phone is refused at once", async () => {
    const lost = await createCredential('gate', { gates: ['main'] }, 'Téléphone 3 d’Hélène, main gate (lost)');
    const context = await phoneContext(chromium(), origin(), lost, 'fr');
    const phone = await context.newPage();
    await phone.goto('/gate');
    await phone.locator('button[data-mode="scan"]').click();
    expect(await checkCode(phone, (await issueTicket()).token)).toBe('ADMITTED');

    const organiser = await page('fr');
    await organiser.goto('/organise#devices');
    // Typed as people type a name, accents aside.
    await organiser.locator('#credential-filter').fill('telephone 3 d’helene');
    const row = organiser.locator('#credential-rows tr', { hasText: 'Téléphone 3 d’Hélène, main gate (lost)' });
    await row.waitFor();
    organiser.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Révoquer' }).click();
    await expect.poll(() => row.textContent()).toContain('Révoqué');
    await organiser.screenshot({ path: screenshotPath('organise-devices-fr'), fullPage: true });

    await phone.locator('#manual-code').fill((await issueTicket()).token);
    await phone.locator('.manual button[type=submit]').click();
    await phone.locator('#gate-problem').waitFor();
    expect(await phone.locator('#gate-problem').textContent()).toContain('révoqué');
    await context.close();
    await organiser.context().close();
  });

  it('adds an organiser’s phone for SMS alerts from the alerts page, says the venue machine sends none, removes it', async () => {
    const alertsPage = await page('fr');
    alertsPage.on('dialog', (dialog) => void dialog.accept());
    // The lists the section asked for on opening answer late, after the phone is added and listed (as
    // on a loaded machine, where a full run saw the phone vanish): an older answer must not put back
    // the list without it. Each answer read by the page is counted, the marker that it has been handled.
    // (Every answer on that path is read, the add's own included.)
    await alertsPage.addInitScript(() => {
      const text = Response.prototype.text;
      Response.prototype.text = async function (this: Response) {
        const body = await text.call(this);
        const counted = window as unknown as { answersRead?: number };
        if (new URL(this.url).pathname === '/v1/alert-subscriptions')
          counted.answersRead = (counted.answersRead ?? 0) + 1;
        return body;
      };
    });
    const held: (() => Promise<void>)[] = [];
    let answers = 0;
    let added = false;
    await alertsPage.route('**/v1/alert-subscriptions', async (route) => {
      answers += 1;
      if (added || route.request().method() !== 'GET') return route.continue();
      const answer = await route.fetch();
      held.push(() => route.fulfill({ response: answer }));
    });
    await alertsPage.goto('/organise#alerts');
    await alertsPage.locator('#new-person').waitFor();
    // The opening's two lists (the people and the webhooks) asked for, and answered by the API.
    await expect.poll(() => held.length, { timeout: heard() }).toBeGreaterThanOrEqual(2);
    added = true;
    // The field says what goes in it.
    expect(await alertsPage.locator('#person-to').getAttribute('placeholder')).toBe('Téléphone ou adresse');
    await alertsPage.locator('#person-channel').selectOption('sms');
    await alertsPage.locator('#person-to').fill('07 01 02 03 04');
    await alertsPage.locator('#new-person button[type=submit]').click();
    const row = alertsPage.locator('#alert-people li[data-person="+212701020304"]');
    await row.waitFor({ timeout: heard() });
    for (const deliver of held.splice(0)) await deliver();
    await expect
      .poll(() => alertsPage.evaluate(() => (window as unknown as { answersRead?: number }).answersRead ?? 0), {
        timeout: heard(),
      })
      .toBe(answers);
    expect(await row.count(), 'the older answer put back the list without the phone').toBe(1);
    expect(await row.textContent()).toContain('SMS');
    expect(await alertsPage.locator('#alert-people-local').isVisible()).toBe(true);
    await alertsPage.locator('#alert-people-card').screenshot({ path: screenshotPath('alert-people-fr') });
    await row.locator('button.danger').click();
    await row.waitFor({ state: 'detached' });
    await alertsPage.context().close();
  });

  it("answers a visitor's request at the desk in Arabic on a phone: shows, withdraws, erases", async () => {
    const visitor = await issueTicket({
      category: 'visitor',
      holderName: 'سناء الإدريسي',
      contact: { phone: '0677889900' },
      share: ['name', 'phone'],
    });
    const answer = {
      eventId: crypto.randomUUID(),
      at: new Date(Date.now() + inject('clockOffsetMs')).toISOString(),
      kind: 'badge',
      token: visitor.token,
      consent: true,
      consentCode: visitor.consentCode,
    };
    await api('/v1/booths/A027/footfall', { body: { events: [answer] } });
    await eventually('the lead at A027', async () =>
      (await api<{ leads: unknown[] }>('/v1/booths/A027/leads')).body.leads.length === 1 ? true : undefined,
    );
    const desk = await page('ar', { width: 390, height: 844 });
    await desk.goto('/organise#tickets');
    await desk.locator('#ticket-search').fill('سناء الإدريسي');
    await desk.locator('#find-ticket button[type=submit]').click();
    const row = desk.locator(`#ticket-results tr[data-ticket-id="${visitor.ticketId}"]`);
    await row.getByRole('button', { name: 'البيانات الشخصية' }).click();
    const consent = desk.locator('#privacy-consents li[data-booth="A027"]');
    await expect.poll(() => consent.getAttribute('data-consent')).toBe('true');
    expect(await desk.locator('#privacy-panel').textContent()).toContain('0677889900'.replace(/^0/, '+212'));
    await desk.screenshot({ path: screenshotPath('organise-privacy-ar'), fullPage: true });
    await consent.getByRole('button', { name: 'سحب' }).click();
    await expect.poll(() => consent.getAttribute('data-consent')).toBe('false');
    expect((await api<{ leads: unknown[] }>('/v1/booths/A027/leads')).body.leads).toEqual([]);
    desk.once('dialog', (dialog) => void dialog.accept());
    await desk.locator('#privacy-erase').click();
    await desk.locator('#privacy-erased').waitFor();
    expect((await api(`/v1/tickets/${visitor.ticketId}`)).body).not.toHaveProperty('holderName');
    expect(await desk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await desk.context().close();
  });

  it('says there is no offline conflict in words alone, and lists one in its table', async () => {
    const organiser = await page('fr', { width: 390, height: 844 });
    // Whether the shared runtime has a conflict today depends on the files run before this one: the
    // page's first answer is "none", given to it; the conflict after is made for real.
    await organiser.route('**/v1/scans/conflicts', (route) => route.fulfill({ json: { conflicts: [] } }));
    await organiser.goto('/organise#alerts');
    // Not six headings scrolling sideways above "Aucun conflit." on a phone.
    await organiser.locator('#no-conflicts').waitFor();
    expect(await organiser.locator('#conflicts').isVisible()).toBe(false);

    const { token } = await issueTicket({ category: 'visitor', holderName: 'Rachida Conflit' });
    await api('/v1/scans/batch', {
      body: { scans: [offlineScan(token, 'in', 15, { deviceId: 'phone-a', offlineVerdict: 'ADMITTED' })] },
    });
    const second = await api<{ results: { conflict?: boolean }[] }>('/v1/scans/batch', {
      body: { scans: [offlineScan(token, 'in', 14, { deviceId: 'phone-b', offlineVerdict: 'ADMITTED' })] },
    });
    expect(second.body.results[0]?.conflict).toBe(true);
    await organiser.unroute('**/v1/scans/conflicts');
    await organiser.reload();
    await organiser.locator('#conflicts tr', { hasText: 'Rachida Conflit' }).waitFor();
    expect(await organiser.locator('#no-conflicts').isVisible()).toBe(false);
    await organiser.context().close();
  });

  it('gives the information desk its tickets and nothing else, and a viewer the dashboard without acting', async () => {
    const deskCredential = await createCredential('desk', {}, 'Information desk, Latifa');
    const desk = await (await phoneContext(chromium(), origin(), deskCredential, 'ar')).newPage();
    await desk.goto('/organise#zones');
    await desk.locator('#section-tickets').waitFor();
    expect(await desk.locator('nav.tabs [role=tab]').evaluateAll((tabs) => tabs.map((tab) => tab.id))).toEqual([
      'tab-tickets',
    ]);
    // The dry run: a visitor's badge at 09:00, an hour before the public opening, by the main gate.
    const visitor = await issueTicket({ category: 'visitor' });
    await desk.locator('#dry-code').fill(visitor.token);
    await desk.locator('#dry-gate').selectOption('main');
    await desk.locator('#dry-day').selectOption('2027-03-27');
    await desk.locator('#dry-time').fill('09:00');
    await labelsJustAbove(desk, ['dry-day', 'dry-time']);
    await desk.locator('#dry-run button[type=submit]').click();
    await expect.poll(() => desk.locator('#dry-answer').getAttribute('data-verdict')).toBe('FAIR_CLOSED');
    expect(await desk.locator('#dry-answer').textContent()).toContain('خارج أوقاتها');
    // Switched to French, the day pickers say their days in French (every `data-short-day`).
    const shownDay = () => desk.locator('#dry-day option[value="2027-03-27"]').textContent();
    const arabicDay = await shownDay();
    await desk.locator('[data-language="fr"]').click();
    await expect.poll(shownDay).not.toBe(arabicDay);
    expect(await shownDay()).toMatch(/27 mar/);
    await desk.locator('[data-language="ar"]').click();
    await desk.screenshot({ path: screenshotPath('organise-desk-ar'), fullPage: true });
    await desk.context().close();

    // An incident is a notice nobody has acknowledged yet: the viewer's screen shows it, with no button.
    const incident = await api('/v1/incidents', { body: { kind: 'technical', text: 'Screen check for the council' } });
    expect(incident.status).toBe(201);
    const viewerCredential = await createCredential('viewer', {}, 'Regional council screen');
    const viewer = await (await phoneContext(chromium(), origin(), viewerCredential, 'fr', laptop)).newPage();
    await viewer.goto('/dashboard');
    await viewer.locator('.alert.unacknowledged').first().waitFor();
    expect(await viewer.locator('.alert button').count()).toBe(0);
    expect(await viewer.locator('a[href="/organise"]').count()).toBe(0);
    await viewer.screenshot({ path: screenshotPath('dashboard-viewer-fr') });
    // The organisers' page is not the viewer's: it says so, in its language.
    await viewer.goto('/organise');
    await viewer.locator('.card.notice').waitFor();
    await viewer.context().close();
  });

  it('says it is offline when opened with no network, and online again with its part filled once the API answers, untouched', async () => {
    const organise = await page('fr', { width: 390, height: 844 });
    const connection = organise.locator('header .connection');
    const zones = organise.locator('#zone-rules');
    await organise.goto('/organise#zones');
    await organise.locator('#zone-rules form').first().waitFor();
    expect(await connection.textContent()).toBe('En ligne');
    await servedOffline(organise);
    await organise.context().setOffline(true);
    await organise.reload();
    await organise.locator('#section-zones').waitFor();
    await expect.poll(() => connection.textContent()).toBe('Hors ligne');
    expect(await connection.getAttribute('class')).toContain('offline');
    await expect.poll(() => zones.textContent()).toBe('Pas de réseau. Réessayez quand la connexion revient.');
    await organise.screenshot({ path: screenshotPath('organise-opened-offline-fr') });
    // Nobody presses anything: the page asks the API again by itself (every 10 s), and the part that
    // said "no network" fills itself.
    await organise.context().setOffline(false);
    await expect.poll(() => connection.textContent(), { timeout: stretched(20_000) }).toBe('En ligne');
    await expect.poll(() => zones.locator('form').count(), { timeout: stretched(10_000) }).toBeGreaterThan(0);
    expect(await zones.textContent()).not.toContain('Pas de réseau');
    await organise.context().close();
  });
});
