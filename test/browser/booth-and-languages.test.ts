import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { rootFiles } from '../../infra/constructs/pages-site';
import { api, createCredential, fairNow, issueTicket } from '../support/api-client';
import { emptyRows, PAGES, phoneContext, screenshotPath, servedOffline, smallestGap } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';
import { eventually } from '../support/eventually';

/**
 * /booth for an exhibitor (figures, leads, CSV), and every page in Arabic and French on a phone:
 * right to left where it should be, nothing wider than the screen, and a screenshot of each for a
 * person to look at (test/artifacts/screenshots, kept out of git).
 */
const origin = pagesOrigin;
const BOOTH = 'B031';

describe('the booth page and the languages', () => {
  const chromium = chromiumPerFile();
  let exhibitor: string;

  beforeAll(async () => {
    exhibitor = await createCredential('exhibitor', { booth: BOOTH }, 'Coopérative Tifawin');
    const lead = await issueTicket({ category: 'visitor', holderName: 'Salma Bennani', share: ['name'] });
    const events = [
      {
        eventId: crypto.randomUUID(),
        at: fairNow(),
        kind: 'badge',
        token: lead.token,
        consent: true,
        consentCode: lead.consentCode,
      },
      { eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 6, out: 0 },
    ];
    expect((await api(`/v1/booths/${BOOTH}/footfall`, { body: { events }, credential: exhibitor })).status).toBe(202);
    await eventually('the booth counts', async () => {
      const stats = await api<{ visits: number }>(`/v1/booths/${BOOTH}/stats`, { credential: exhibitor });
      return stats.body.visits === 7 ? true : undefined;
    });
  });

  it("shows the exhibitor today's visits, unique visitors, leads who consented, and downloads the CSV", async () => {
    const context = await phoneContext(chromium(), origin(), exhibitor, 'en');
    const page = await context.newPage();
    await page.goto('/booth');
    await expect.poll(() => page.locator('#visits').textContent()).toBe('7');
    expect(await page.locator('#unique').textContent()).toBe('1');
    expect(await page.locator('#leads').textContent()).toContain('Salma Bennani');
    expect(await page.locator('#leads-csv').isEnabled()).toBe(true);
    expect(await page.locator('#leads-vcf').isEnabled()).toBe(true);
    expect(await page.locator('#days tr').count()).toBeGreaterThanOrEqual(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    // For Excel: a byte-order mark, semicolons, the header in the page's language.
    expect(csv).toMatch(new RegExp(`^\uFEFFboothId;day;hour;visits\\r\\n${BOOTH};`));
    // With no network the press says why nothing came, and the next one online downloads.
    await context.setOffline(true);
    await page.locator('#csv').click();
    await page.locator('#csv-problem').waitFor();
    expect(await page.locator('#csv-problem').textContent()).toBe('No network. Try again when the connection is back.');
    await page
      .locator('#csv')
      .locator('xpath=../..')
      .screenshot({ path: screenshotPath('booth-csv-offline-en') });
    await context.setOffline(false);
    const [again] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    expect(readFileSync(await again.path(), 'utf8')).toMatch(/^\uFEFFboothId;/);
    expect(await page.locator('#csv-problem').isHidden()).toBe(true);
    // An exhibitor sees only its own booth: no picker for others.
    expect(await page.locator('#booth').isHidden()).toBe(true);
    await context.close();
  });

  it('offers no leads download before a visitor has said yes', async () => {
    const quiet = 'A071';
    const credential = await createCredential('exhibitor', { booth: quiet }, 'A booth with no leads yet');
    // Precondition, so that the check below can fail: this booth has no lead today.
    const leads = await api<{ leads: unknown[] }>(`/v1/booths/${quiet}/leads`, { credential });
    expect(leads.status).toBe(200);
    expect(leads.body.leads).toEqual([]);
    const context = await phoneContext(chromium(), origin(), credential, 'fr');
    const page = await context.newPage();
    await page.goto('/booth');
    await expect.poll(() => page.locator('#leads-note').textContent()).toContain('Aucun');
    expect(await page.locator('#leads-csv').isDisabled()).toBe(true);
    expect(await page.locator('#leads-vcf').isDisabled()).toBe(true);
    // And it looks unavailable (the page's own button colours hid the browser's greying).
    expect(await page.locator('#leads-csv').evaluate((button) => getComputedStyle(button).opacity)).toBe('0.45');
    await context.close();
  });

  it('draws the hour chart’s value lines on whole visits', async () => {
    const booth = 'A073';
    const credential = await createCredential('exhibitor', { booth }, 'A booth with ten visits in an hour');
    const events = [{ eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 10, out: 0 }];
    expect((await api(`/v1/booths/${booth}/footfall`, { body: { events }, credential })).status).toBe(202);
    const context = await phoneContext(chromium(), origin(), credential, 'fr');
    const page = await context.newPage();
    await page.goto('/booth');
    await expect.poll(() => page.locator('#visits').getAttribute('data-value')).toBe('10');
    // The axis is drawn on a canvas; the chart says where its lines fell. Ten visits drew 2.5 and 7.5.
    const ticks = () => page.locator('#booth-chart').getAttribute('data-value-ticks');
    await expect.poll(ticks).toMatch(/^0 .* 10$/);
    expect(((await ticks()) ?? '').split(' ').filter((tick) => !Number.isInteger(Number(tick)))).toEqual([]);
    await context.close();
  });

  it('sends an address that is no page to the home page, which says so, signed out and signed in', async () => {
    // The edge function of the template, run as CloudFront would: a page's address is that page...
    expect((await fetch(`${origin()}/gate/`, { redirect: 'manual' })).status).toBe(200);
    // ...and any other is sent home, saying which it was.
    const answer = await fetch(`${origin()}/supervise`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/?nopage=%2Fsupervise');
    // A file the site has not (a page's name mistyped with its extension) is sent home too; the site's own are served.
    const mistyped = await fetch(`${origin()}/gate.htm`, { redirect: 'manual' });
    expect(mistyped.headers.get('location')).toBe('/?nopage=%2Fgate.htm');
    for (const file of rootFiles())
      expect((await fetch(`${origin()}/${file}`, { redirect: 'manual' })).status, file).toBe(200);
    const signedOut = await phoneContext(chromium(), origin(), '', 'ar');
    const page = await signedOut.newPage();
    await page.goto('/gates');
    const notice = page.locator('#no-such-page');
    await expect
      .poll(() => notice.textContent())
      .toBe('لا توجد صفحة بهذا العنوان: /gatesهذه هي الصفحة الرئيسية: صفحات دورك هنا.');
    expect(await page.locator('#credential').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('no-such-page-ar'), fullPage: true });
    await signedOut.close();
    const signedIn = await phoneContext(chromium(), origin(), exhibitor, 'fr');
    const home = await signedIn.newPage();
    await home.goto('/stand');
    await expect
      .poll(() => home.locator('#no-such-page').textContent())
      .toContain('Aucune page à cette adresse\u00a0: /stand');
    // The exhibitor's own page is one tap away, below the notice.
    expect(await home.locator('.tile').getAttribute('href')).toBe('/booth');
    // Offline (the venue's network down), the service worker answers as the edge does: a page's other
    // spelling is that page, any other address the home page saying there is none.
    await servedOffline(home);
    await signedIn.setOffline(true);
    await home.goto('/booth/');
    await home.locator('#visits').waitFor();
    await home.goto('/stande');
    await expect
      .poll(() => home.locator('#no-such-page').textContent())
      .toContain('Aucune page à cette adresse\u00a0: /stande');
    expect(new URL(home.url()).search).toBe('?nopage=%2Fstande');
    await home.screenshot({ path: screenshotPath('no-such-page-offline-fr'), fullPage: true });
    await signedIn.close();
  });

  it('lets the cooperative declare its day’s sales, in Arabic, and shows them again', async () => {
    const context = await phoneContext(chromium(), origin(), exhibitor, 'ar');
    const page = await context.newPage();
    await page.goto('/booth');
    await page.locator('#sales-form').waitFor();
    // Typed while the page's first figures arrive: what was typed stays (a refresh landing in between
    // used to empty the field, and the empty required field was never sent).
    await page.locator('#sales-amount').fill('2350');
    await expect.poll(() => page.locator('#visits').getAttribute('data-value')).toBe('7');
    expect(await page.locator('#sales-amount').inputValue()).toBe('2350');
    // No phone has opened this booth's poster: its empty line leaves no hole under the figures (25.5 px
    // where the cards stand 12.75 apart).
    expect(await page.locator('#poster-scans').textContent()).toBe('');
    expect(await smallestGap(page.locator('section.figures, section.card:has(#booth-chart)'))).toBeLessThan(16);
    await page.locator('#sales-form button[type=submit]').click();
    await expect.poll(() => page.locator('#sales-status').textContent()).toBe('حُفظ ✓');
    const stats = await api<{ declaredSalesMad?: number }>(`/v1/booths/${BOOTH}/stats`, { credential: exhibitor });
    expect(stats.body.declaredSalesMad).toBe(2350);
    await page.reload();
    await expect.poll(() => page.locator('#sales-amount').inputValue()).toBe('2350');
    await page.locator('#sales-form').screenshot({ path: screenshotPath('booth-sales-ar') });
    await context.close();
  });

  for (const language of ['ar', 'fr'] as const) {
    it(`lays out every page in ${language === 'ar' ? 'Arabic, right to left' : 'French'} on a phone`, async () => {
      const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), language);
      const page = await context.newPage();
      for (const { path, ready } of [...PAGES, { path: '/organise#floor', ready: '#evacuate' }]) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        await page.waitForTimeout(500); // charts and fonts settle
        const layout = await page.evaluate(() => ({
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          title: document.querySelector('.page-title')?.textContent ?? '',
        }));
        expect(layout.dir).toBe(language === 'ar' ? 'rtl' : 'ltr');
        expect(layout.lang).toBe(language);
        expect(layout.overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
        expect(layout.title).toMatch(language === 'ar' ? /[\u0600-\u06FF]/ : /[A-Za-zÀ-ÿ]/);
        // Nothing empty standing as a row of its own: a hole twice the gap between two cards.
        expect(await emptyRows(page), path).toEqual([]);
        await page.screenshot({
          path: screenshotPath(`page-${language}${path === '/' ? '-home' : path.replace(/[/#]/g, '-')}`),
          fullPage: true,
        });
      }
      // The fair's own names in the reader's language, not the English ones.
      const names =
        language === 'ar'
          ? {
              seminar: 'قاعة الندوات',
              fair: 'المعرض الجهوي للاقتصاد الاجتماعي والتضامني',
              gate: 'المدخل الرئيسي (البهو)',
              category: 'الفخار',
            }
          : {
              seminar: 'Salle des conférences',
              fair: 'Salon régional de l’économie sociale et solidaire',
              gate: "Entrée principale (hall d'accueil)",
              category: 'Poterie',
            };
      await page.goto('/dashboard');
      await expect.poll(() => page.locator('[data-zone="seminar-hall"]').textContent()).toContain(names.seminar);
      await page.goto('/gate');
      await expect.poll(() => page.locator('#gate').textContent()).toContain(names.gate);
      await page.goto('/');
      await expect
        .poll(async () => (await page.locator('main').textContent())?.replace(/'/g, '’'))
        .toContain(names.fair.replace(/'/g, '’'));
      await page.goto('/booth');
      await page.locator('#booth').selectOption('B020');
      await expect.poll(() => page.locator('#exhibitor').textContent()).toContain(names.category);
      // The choice is remembered: switching on one page holds on the next.
      await page.locator(`[data-language="${language === 'ar' ? 'fr' : 'ar'}"]`).click();
      await page.goto('/');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language === 'ar' ? 'fr' : 'ar');
      await context.close();
    });
  }
});
