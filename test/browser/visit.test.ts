import { writeFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/api-client';
import { pdfText, phoneContext, screenshotPath } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';
import { stretched } from '../support/machine-factor';

/**
 * The visitor without a badge: every booth's poster printed in one run, and the page a visitor's own
 * phone opens from it (no credential), in Arabic on a phone: the booth, an interest visit counted, the
 * visitor's number left with their explicit yes and taken back with their no.
 */
const origin = pagesOrigin;

describe("a booth's poster and the visitor's own phone", () => {
  const chromium = chromiumPerFile();

  it('prints every booth’s A5 poster, two to a sheet, with the QR code of its page', async () => {
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr', {
      width: 1280,
      height: 900,
    });
    const page = await context.newPage();
    await page.goto('/organise#devices');
    await page.locator('#booth-posters').click();
    await page.waitForURL('**/print');
    await page.locator('body[data-ready="true"]').waitFor({ timeout: stretched(60_000) });
    const { body: fair } = await api<{ booths: { boothId: string }[] }>('/v1/fair');
    expect(await page.locator('.poster').count()).toBe(fair.booths.length);
    expect(await page.locator('.sheet').count()).toBe(Math.ceil(fair.booths.length / 2));
    const text = pdfText(await page.pdf({ format: 'A4', printBackground: true, pageRanges: '1-10' }));
    expect(text).toContain('Scannez avec votre téléphone');
    await page.screenshot({ path: screenshotPath('print-posters-fr') });
    await context.close();
  });

  it('prints each gate’s paper tally for a day, one A4 each, a row every quarter hour', async () => {
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr', {
      width: 1280,
      height: 900,
    });
    const page = await context.newPage();
    await page.goto('/organise#floor');
    await page.locator('#tally-day').selectOption('2027-03-27');
    await page.locator('#print-tallies').click();
    await page.waitForURL('**/print');
    await page.locator('body[data-ready="true"]').waitFor({ timeout: stretched(60_000) });
    const { body: fair } = await api<{ gates: { gateId: string }[] }>('/v1/fair');
    expect(await page.locator('.tally-sheet').count()).toBe(fair.gates.length);
    // The service gate opens at 08:00 for exhibitors and staff; the public from 10:00; all close at 20:00.
    const service = page.locator('.tally-sheet[data-gate="service"] tbody tr');
    // Each window kept left to right (isolated), so that an Arabic sheet does not show it as 08:15–08:00.
    expect(await service.first().textContent()).toBe('\u206608:00–08:15\u2069');
    expect(await service.count()).toBe(48 + 1);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(screenshotPath('print-tallies-fr').replace(/png$/, 'pdf'), pdf);
    const text = pdfText(pdf);
    expect(text).toContain('Entrées');
    expect(text).toContain('19:45–20:00');
    expect(text).toContain('Agent et signature');
    // One sheet a gate, nothing spilling onto a page of its own.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(fair.gates.length);
    await page.screenshot({ path: screenshotPath('print-tallies-fr'), fullPage: true });
    // After the cut (an hour ago, by the fair's clock at 11:00): a sheet's window entered, and the day report shows it as paper.
    // Entered on a phone: each field under its own label, where a row wrapped "Jusqu'à" and "Sorties"
    // to a line's end and their fields onto the next.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/organise#floor');
    const today = await page.locator('#tally-day').inputValue();
    await page.locator('#tally-entry').waitFor();
    // Read at one moment: the floor's parts above fill as their answers come, moving the form down.
    const boxes = await page.evaluate(() =>
      ['tally-from', 'tally-to', 'tally-in', 'tally-out'].map((id) => {
        const label = document.querySelector(`label[for="${id}"]`)?.getBoundingClientRect();
        const field = document.getElementById(id)?.getBoundingClientRect();
        return { id, labelBottom: label?.bottom ?? Number.NaN, labelLeft: label?.left ?? Number.NaN, field };
      }),
    );
    for (const { id, labelBottom, labelLeft, field } of boxes) {
      expect(labelBottom, `${id}'s label above it`).toBeLessThanOrEqual((field?.top ?? Number.NaN) + 1);
      expect(Math.abs(labelLeft - (field?.left ?? Number.NaN)), `${id}'s label at its start`).toBeLessThanOrEqual(2);
    }
    await page.locator('#tally-gate').selectOption('main');
    await page.locator('#tally-from').fill('10:00');
    await page.locator('#tally-to').fill('10:15');
    await page.locator('#tally-in').fill('42');
    await page.locator('#tally-out').fill('9');
    // Sent from the keyboard's Enter: a tap on Save could land where the button was a moment before, the
    // devices' table above it still filling on a loaded machine (a busy pass's status never came).
    await page.locator('#tally-out').press('Enter');
    await expect.poll(() => page.locator('#tally-status').textContent()).toBe('Saisi ✓');
    await page.goto(`/report?day=${today}`);
    await page.locator('#paper-tallies').waitFor();
    expect(await page.locator('#paper-tallies').textContent()).toContain('10:00–10:15');
    // And in the hour chart, as a line of its own beside the live one, named under it.
    expect(await page.locator('.u-legend').textContent()).toContain('Avec les feuilles de comptage');
    await context.close();
  });

  it('prints the day’s workshop rosters, who registered by name and blank lines, from the page in Arabic', async () => {
    const { body: programme } = await api<{
      workshops: { workshopId: string; startsAt: string; status: string; capacity: number }[];
    }>('/v1/workshops');
    const workshop = programme.workshops.find((each) => each.status !== 'cancelled' && each.capacity >= 10);
    if (!workshop) throw new Error('the demo fair has a workshop of ten seats or more');
    const day = workshop.startsAt.slice(0, 10);
    const { body: issued } = await api<{ token: string }>('/v1/tickets', {
      body: { category: 'visitor', holderName: 'خديجة بنعلي' },
    });
    await api(`/v1/workshops/${workshop.workshopId}/registrations`, { body: { token: issued.token } });
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'ar', {
      width: 1280,
      height: 900,
    });
    const page = await context.newPage();
    await page.goto('/organise#floor');
    await page.locator('#tally-day').selectOption(day);
    await page.locator('#print-rosters').click();
    await page.waitForURL('**/print');
    await page.locator('body[data-ready="true"]').waitFor({ timeout: stretched(60_000) });
    const sameDay = programme.workshops.filter(
      (each) => each.status !== 'cancelled' && each.startsAt.slice(0, 10) === day,
    );
    const sheets = page.locator('.roster-sheet');
    expect(new Set(await sheets.evaluateAll((all) => all.map((each) => each.getAttribute('data-workshop'))))).toEqual(
      new Set(sameDay.map((each) => each.workshopId)),
    );
    const mine = page.locator(`.roster-sheet[data-workshop="${workshop.workshopId}"]`).first();
    expect(await mine.locator('.roster-registered').allTextContents()).toContainEqual(
      expect.stringContaining('خديجة بنعلي'),
    );
    // Blank lines for the rest of the seats (up to a page).
    expect(await mine.locator('tbody tr').count()).toBe(Math.min(28, workshop.capacity));
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(screenshotPath('print-rosters-ar').replace(/png$/, 'pdf'), pdf);
    const text = pdfText(pdf);
    expect(text).toContain('Présent');
    expect(text).toContain('Animateur et signature');
    await page.screenshot({ path: screenshotPath('print-rosters-ar'), fullPage: true });
    await context.close();
  });

  it('prints an attestation of attendance for everyone a workshop admitted, in Arabic and French', async () => {
    const now = Date.now() + inject('clockOffsetMs');
    const { body: workshop } = await api<{ workshopId: string }>('/v1/workshops', {
      body: {
        title: 'Attestation test',
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 60 * 60_000).toISOString(),
        capacity: 10,
        registrationRequired: false,
      },
    });
    const named = await api<{ token: string }>('/v1/tickets', {
      body: { category: 'visitor', holderName: 'Hicham Ouardi' },
    });
    const unnamed = await api<{ token: string }>('/v1/tickets', { body: { category: 'visitor' } });
    for (const ticket of [named.body, unnamed.body])
      await api(`/v1/workshops/${workshop.workshopId}/admissions`, {
        body: { scanId: crypto.randomUUID(), token: ticket.token },
      });
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr', {
      width: 1280,
      height: 900,
    });
    const page = await context.newPage();
    await page.goto('/organise#workshops');
    await page.locator(`[data-workshop="${workshop.workshopId}"] .print-attestations`).click();
    await page.waitForURL('**/print');
    await page.locator('body[data-ready="true"]').waitFor({ timeout: stretched(60_000) });
    expect(await page.locator('.attestation').count()).toBe(2);
    expect(await page.locator('.attestation').allTextContents()).toContainEqual(
      expect.stringContaining('Hicham Ouardi'),
    );
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(screenshotPath('print-attestations-fr').replace(/png$/, 'pdf'), pdf);
    expect(pdfText(pdf)).toContain('Attestation de présence');
    // Two to a sheet: one A4 page for the two of them.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.screenshot({ path: screenshotPath('print-attestations-fr'), fullPage: true });
    await context.close();
  });

  it('registers a visitor without a ticket on their own phone, in Arabic, and keeps the ticket there', async () => {
    const context = await phoneContext(chromium(), origin(), '', 'ar');
    const page = await context.newPage();
    await page.goto('/visit#A032');
    await page.locator('#register-form').waitFor();
    await page.locator('#register-name').fill('سعاد الإدريسي');
    await page.locator('#register-phone').fill('0677 88 99 00');
    // The yes is required before anything is sent.
    await page.locator('#register-form button[type=submit]').click();
    expect(await page.locator('#my-ticket').count()).toBe(0);
    await page.locator('#register-consent').check();
    await page.locator('#register-form button[type=submit]').click();
    await page.locator('#my-ticket-qr').waitFor();
    expect(await page.locator('.my-ticket-holder').textContent()).toBe('سعاد الإدريسي');
    // Nothing shared: no second code.
    expect(await page.locator('#my-consent-qr').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('visit-my-ticket-ar'), fullPage: true });
    // Another booth's poster, later: the ticket first, no form.
    await page.goto('/visit#A033');
    await page.locator('#my-ticket-qr').waitFor();
    expect(await page.locator('#register-form').count()).toBe(0);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('rawaq.myTicket') ?? '{}').token as string);
    const scanned = await api<{ verdict: string }>('/v1/scans', {
      body: {
        scanId: crypto.randomUUID(),
        token,
        gateId: 'east',
        direction: 'in',
        scannedAt: new Date(Date.now() + inject('clockOffsetMs')).toISOString(),
        deviceId: 'east-gate-phone',
      },
    });
    expect(scanned.body.verdict).toBe('ADMITTED');
    await context.close();
  });

  it('shows the booth to a phone without a credential, counts its interest, keeps its number only on a yes', async () => {
    const boothId = 'A030';
    const stats = async () => (await api<{ interestVisits?: number }>(`/v1/booths/${boothId}/stats`)).body;
    const before = (await stats()).interestVisits ?? 0;
    const context = await phoneContext(chromium(), origin(), '', 'ar');
    const page = await context.newPage();
    await page.goto(`/visit#${boothId}`);
    await page.locator('.visit-exhibitor').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(async () => (await stats()).interestVisits ?? 0).toBe(before + 1);
    // A reload the same day is the same phone: not counted again.
    await page.reload();
    await page.locator('.visit-exhibitor').waitFor();
    await page.locator('#visit-phone').fill('0655443322');
    await page.locator('#visit-name').fill('يوسف');
    // No yes, no number kept: the browser asks for the box first.
    await page.locator('#visit-form button[type=submit]').click();
    expect(await page.locator('#visit-done').isHidden()).toBe(true);
    await page.locator('#visit-consent').check();
    await page.screenshot({ path: screenshotPath('visit-ar'), fullPage: true });
    await page.locator('#visit-form button[type=submit]').click();
    await page.locator('#visit-done').waitFor();
    const leads = await api<{ leads: { contact: Record<string, string>; method: string }[] }>(
      `/v1/booths/${boothId}/leads`,
    );
    expect(leads.body.leads).toEqual([
      expect.objectContaining({ method: 'poster', contact: { name: 'يوسف', phone: '+212655443322' } }),
    ]);
    expect((await stats()).interestVisits).toBe(before + 1);
    // A "No" without network is not taken for done: the visitor reads why, beside the button.
    await context.setOffline(true);
    await page.locator('#visit-take-back').click();
    await expect.poll(() => page.locator('#visit-done [role=alert]').textContent()).toContain('لا توجد شبكة');
    await context.setOffline(false);
    await page.locator('#visit-take-back').click();
    await page.locator('#visit-form').waitFor();
    expect((await api<{ leads: unknown[] }>(`/v1/booths/${boothId}/leads`)).body.leads).toEqual([]);
    // The "No" is said back, and the form is empty again: no number, and its box not ticked for them.
    expect(await page.locator('#visit-erased').textContent()).toContain('حُذف رقمكم');
    expect(await page.locator('#visit-phone').inputValue()).toBe('');
    expect(await page.locator('#visit-consent').isChecked()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('says so, in the page’s language, for a booth the fair does not have, and for none named', async () => {
    const context = await phoneContext(chromium(), origin(), '', 'fr');
    const page = await context.newPage();
    await page.goto('/visit#Z999');
    await expect.poll(() => page.locator('main').textContent()).toContain('n’est pas au salon');
    // No booth named at all (the address typed by hand): where the page is opened from.
    await page.goto('/visit');
    await expect
      .poll(() => page.locator('main').textContent())
      .toBe('Cette page s’ouvre depuis l’affiche d’un stand\u00a0: scannez le code de l’affiche, au stand.');
    await context.close();
  });
});
