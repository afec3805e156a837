import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { api, fairNow, holdersCaughtUp, issueTicket, projectionCaughtUp, scan } from '../support/api-client';
import {
  asPdfReadsArabic,
  pdfText,
  phoneContext,
  SCREENSHOTS,
  screenshotPath,
  servedOffline,
} from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';
import { stretched } from '../support/machine-factor';

/**
 * The day report as the organisers print it for the council: /report in Chromium, printed to an A4
 * PDF, and the PDF's text (read by poppler's pdftotext) holding the fair's Arabic name and the very
 * figures the API gave for that day. On a phone too, in Arabic and French.
 */
interface DayReport {
  day: string;
  fair: { localNames: { ar: string; fr: string } };
  entries: { total: number; ticketed: number; counted: number };
  ticketHolders: number;
  refusals: { total: number };
  zones: { zoneId: string; parentId?: string; peak?: { count: number } }[];
}

const today = () => fairNow().slice(0, 10);
/** The whole numbers a text shows, read as ar-MA and fr-MA write them (1.426 for 1426), next to letters or not. */
const figuresIn = (text: string) =>
  (text.match(/\d{1,3}(?:[.\u202f\u00a0]\d{3})+(?!\d)|\d+/g) ?? []).map((figure) => figure.replace(/\D/g, ''));

describe('the day report, printed', () => {
  const chromium = chromiumPerFile();

  it('prints to an A4 PDF with the fair’s Arabic name and the figures the API returned', async () => {
    // Something to report: a ticket holder, walk-ins counted, a refusal.
    const ticket = await issueTicket();
    expect((await scan(ticket.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    await api('/v1/gates/main/counts', {
      body: { countId: crypto.randomUUID(), in: 43, out: 0, countedAt: fairNow(), deviceId: 'report-print' },
    });
    expect((await scan('not-a-ticket', 'main', 'in')).body.verdict).toBe('INVALID_TOKEN');
    // A decision of the day, whose change reads in the page's direction.
    const { body: described } = await api<{ zones: { zoneId: string; capacity: number }[] }>('/v1/fair');
    const room = described.zones.find((zone) => zone.zoneId === 'room-1');
    await api('/v1/zones/room-1', {
      method: 'PATCH',
      body: { capacity: (room?.capacity ?? 40) - 1, reason: 'تقليص مؤقت' },
    });
    await api('/v1/zones/room-1', { method: 'PATCH', body: { capacity: room?.capacity ?? 40, reason: 'عودة' } });
    // Everything sent so far (this test's and earlier files') projected, so the page prints what the
    // API says now.
    await holdersCaughtUp();
    await projectionCaughtUp();
    const { body: before } = await api<DayReport>(`/v1/reports/days/${today()}`);
    expect(before.entries.counted).toBeGreaterThanOrEqual(43);

    const context = await phoneContext(chromium(), pagesOrigin(), inject('organiserCredential'), 'ar', {
      width: 1024,
      height: 1400,
    });
    const page = await context.newPage();
    // The figures the paper must carry are those the API gave the page itself: on a loaded machine an
    // earlier file's work may still be reaching the day's figures between two reads (in a busy run the
    // paper no longer held the 41 the test's own read had given a moment before).
    const answered = page.waitForResponse((response) => response.url().endsWith(`/v1/reports/days/${today()}`));
    await page.goto(`/report?day=${today()}`);
    const report = (await (await answered).json()) as DayReport;
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(
      await page.evaluate(() => document.querySelector('.report-chart canvas')?.getBoundingClientRect().width ?? -1),
    ).toBeGreaterThan(800);
    // Arrows follow the reading direction: from what was (on the right) to what is (on the left).
    const decisions = (await page.locator('#decisions').textContent()) ?? '';
    expect(decisions).toContain('←');
    expect(decisions).not.toContain('→');
    // The region's provinces in Arabic, as the fair's file names them (they showed in Latin letters).
    const provinces = (await page.locator('#regional [data-dimension="province"]').textContent()) ?? '';
    expect(provinces).toContain('بركان');
    expect(provinces).not.toContain('Berkane');
    await page.emulateMedia({ media: 'print' });
    // The chart was drawn for the screen's 1024 px; nothing resizes it while the page is laid out on
    // paper, so printing redraws it at the paper's width first (else the hours to closing run off the
    // page's edge).
    const chartWidth = () =>
      page.evaluate(() => document.querySelector('.report-chart canvas')?.getBoundingClientRect().width ?? -1);
    await expect.poll(chartWidth).toBeGreaterThan(300);
    await expect.poll(chartWidth).toBeLessThanOrEqual(640);
    await page.screenshot({ path: screenshotPath('report-print-ar'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(path.join(SCREENSHOTS, 'report-ar.pdf'), pdf);
    const text = pdfText(pdf);
    // No page holds only the footer and its number: the signature lines keep the footer with them.
    const pages = text.split('\f').filter((sheet) => sheet.trim() !== '');
    for (const [index, sheet] of pages.entries())
      expect(
        sheet.split('\n').filter((line) => line.trim() !== '').length,
        `page ${index + 1} of ${pages.length}: ${sheet.trim()}`,
      ).toBeGreaterThan(3);
    // Arabic shaped and right to left comes back as the letters of the name, in reading order. (Poppler
    // reads the edition after the dash back truncated, "الثا" for "الثالثة", so the name is read up to it.)
    const [name] = asPdfReadsArabic(report.fair.localNames.ar).split(' - ');
    expect(name?.split(' ').length).toBeGreaterThanOrEqual(5);
    expect(text).toContain(name);
    const printed = figuresIn(text);
    const venue = report.zones.find((zone) => !zone.parentId);
    for (const figure of [report.entries.total, report.ticketHolders, report.refusals.total, venue?.peak?.count ?? 0])
      expect(printed, `the figure ${figure}`).toContain(String(figure));
    expect(printed).toContain(String(report.entries.counted));
    // A document to file: the fair's name in French too, a place to sign, pages numbered.
    expect(text).toContain('Signature et cachet');
    expect(text).toContain(report.fair.localNames.fr.split(' ')[0] as string);
    // ("1 / 5"; in a right-to-left page the text layer may give it as "5/1").
    expect(text).toMatch(/(^|\s)(1 ?\/ ?[1-9]\d*|[1-9]\d* ?\/ ?1)(\s|$)/m);
    // A4 in pages, and nothing of the screen's controls on paper.
    expect(text).not.toContain('CSV');
    expect(text).not.toContain('Excel');
    await context.close();
  });

  it('reads on a phone in French, with the day picker and the CSV beside the print button', async () => {
    const { body: fair } = await api<{ zones: { zoneId: string; capacity: number }[] }>('/v1/fair');
    const room = fair.zones.find((zone) => zone.zoneId === 'room-2');
    await api('/v1/zones/room-2', {
      method: 'PATCH',
      body: { capacity: room?.capacity ?? 40, reason: 'Jauge réduite pour le test' },
    });
    // A rule the zones page sends with every save, changed this time: named in words, never by its field.
    await api('/v1/zones/room-2', { method: 'PATCH', body: { escalationMinutes: 7, reason: 'Relance plus tôt' } });
    const context = await phoneContext(chromium(), pagesOrigin(), inject('organiserCredential'), 'fr');
    const page = await context.newPage();
    await page.goto(`/report?day=${today()}`);
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => page.locator('#report h1').textContent()).toContain('Salon');
    expect(await page.locator('#report-day').inputValue()).toBe(today());
    // Each gate's day: entries, walk-ins among them, exits, refusals.
    expect(await page.locator('#report-gates').textContent()).toContain('Entrée principale');
    // Who came by ticket category, every category named in French.
    const categories = (await page.locator('#report-categories').textContent()) ?? '';
    for (const word of ['Visiteur', 'Exposant', 'Presse']) expect(categories).toContain(word);
    expect(await page.locator('#report-excel').textContent()).toBe('Tableaux pour Excel (CSV)');
    // The day's decisions on capacities, with who and why.
    await expect.poll(() => page.locator('#decisions').textContent()).toContain('Jauge réduite pour le test');
    const decisions = (await page.locator('#decisions').textContent()) ?? '';
    expect(decisions).toContain('relance après (minutes)');
    expect(decisions).not.toContain('escalationMinutes');
    // The region's tables: one a dimension, groups named in French.
    expect(await page.locator('#regional .regional-dimension').count()).toBe(5);
    expect(await page.locator('#regional [data-dimension="legalForm"]').textContent()).toContain('Coopérative');
    await page.locator('#regional').screenshot({ path: screenshotPath('report-regional-fr') });
    await page.screenshot({ path: screenshotPath('report-fr'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The whole fair's report is titled as such in the page's header too, not "day report".
    expect(await page.locator('header .page-title').textContent()).toBe('Rapport du jour');
    await page.goto('/report?fair');
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('header .page-title').textContent()).toBe('Rapport de tout le salon');
    await context.close();
  });

  it('says a morning with no hour yet has nothing to draw, in Arabic, instead of an empty frame', async () => {
    const context = await phoneContext(chromium(), pagesOrigin(), inject('organiserCredential'), 'ar');
    const page = await context.newPage();
    // The report read before the doors' first hour: the API's own answer, with no hour yet (this
    // runtime's clock is past opening, and other files share it).
    await page.route(`**/v1/reports/days/${today()}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), insideByHour: [] } });
    });
    await page.goto(`/report?day=${today()}`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#occupancy-none').textContent()).toBe('لم يُسجَّل شيء بعد.');
    expect(await page.locator('.report-chart').count()).toBe(0);
    await context.close();
  });

  it('opened with no network, says the report will come and shows it when the network is back, in French', async () => {
    const context = await phoneContext(chromium(), pagesOrigin(), inject('organiserCredential'), 'fr');
    const page = await context.newPage();
    await page.goto(`/report?day=${today()}`);
    await page.waitForSelector('body[data-ready="true"]');
    await servedOffline(page);
    await context.setOffline(true);
    // The page from the phone's cache, its organiser from the last visit: no report to be had.
    await page.reload();
    const waiting = page.locator('#report [role="alert"]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toBe(
      'Pas de réseau\u00a0: le rapport s’affichera de lui-même au retour de la connexion.',
    );
    // Nothing to print or download yet.
    expect(await page.locator('#print-report').isDisabled()).toBe(true);
    expect(await page.locator('#report-excel').isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('report-opened-offline-fr') });
    // Back online, nobody touches anything: the report comes by itself.
    await context.setOffline(false);
    await page.waitForSelector('body[data-ready="true"]', { timeout: stretched(30_000) });
    expect(await waiting.count()).toBe(0);
    expect(await page.locator('#print-report').isEnabled()).toBe(true);
    expect(await page.locator('#report-excel').isEnabled()).toBe(true);
    await context.close();
  });
});
