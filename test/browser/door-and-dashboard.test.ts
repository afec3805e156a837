import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { putAlertIfAbsent } from '../../shared/store/alerts-store';
import { api, createCredential, fairNow, issueTicket, localTables, scan, zoneCount } from '../support/api-client';
import { gridHoles, phoneContext, screenBackOn, screenshotPath, servedOffline, stillTimers } from '../support/browser';
import { chromiumPerFile, pagesOrigin } from '../support/chromium-per-file';
import { eventually } from '../support/eventually';
import { stretched } from '../support/machine-factor';
import { checkCode, scannedAndHeld, shownVerdict, typeCode } from '../support/scan-page';

/**
 * /door and /dashboard in a real Chromium against the running API: the door's seats-left figure
 * falls as people are admitted (by this page and by another host at once), and the dashboard shows a
 * zone's alert after its threshold is crossed, and acknowledges it.
 */
const origin = pagesOrigin;
const desk = { width: 1280, height: 900 };
/** A door phone's silence alert, written straight into the alerts table as the device watch writes it. */
async function silentDoor(alert: {
  deviceId: string;
  zoneId: string;
  workshopId?: string;
  credentialLabel: string;
  escalation?: number;
  acknowledged?: boolean;
}): Promise<string> {
  const { client, tables } = localTables();
  const raisedAt = fairNow();
  const { acknowledged, escalation = 0, ...fields } = alert;
  const alertId = `silent-${alert.deviceId}-${Date.now()}.0`;
  await putAlertIfAbsent(client, tables.TablesAlerts as string, {
    alertId,
    kind: 'device-silent',
    ...fields,
    reason: 'silent',
    minutes: 6,
    level: 'normal',
    previousLevel: 'normal',
    count: 0,
    capacity: 0,
    raisedAt,
    escalation,
    feed: 'ALERTS',
    feedKey: `${raisedAt}#${alertId}`,
    ...(acknowledged ? { acknowledgedAt: raisedAt, acknowledgedBy: 'test' } : {}),
  });
  client.destroy();
  return alertId;
}

const minutesFromNow = (minutes: number) => new Date(Date.parse(fairNow()) + minutes * 60_000).toISOString();

describe('the door and the dashboard', () => {
  const chromium = chromiumPerFile();

  /** A workshop made through the API, and its host's phone at /door (in `language`), as hosts open it. */
  async function hostAtDoor(
    workshop: { title: string; startsAt: string; endsAt: string; capacity: number; registrationRequired: boolean },
    label: string,
    language: 'ar' | 'fr' | 'en',
    beforeOpen?: (page: Page) => Promise<void>,
  ) {
    const created = await api<{ workshopId: string }>('/v1/workshops', { body: workshop });
    expect(created.status).toBe(201);
    const { workshopId } = created.body;
    const host = await createCredential('host', { workshops: [workshopId] }, label);
    const context = await phoneContext(chromium(), origin(), host, language);
    const page = await context.newPage();
    await beforeOpen?.(page);
    await page.goto('/door');
    return { workshopId, host, context, page };
  }

  it('shows seats left falling as the host admits people and another host admits one more', async () => {
    const { workshopId, host, context, page } = await hostAtDoor(
      {
        title: 'Natural dyes for weavers',
        startsAt: minutesFromNow(-10),
        endsAt: minutesFromNow(120),
        capacity: 3,
        registrationRequired: false,
      },
      'Room 2 host',
      'fr',
    );
    const seatsLeft = page.locator('#seats-left');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('3');

    const admit = (token: string) => checkCode(page, token);
    const first = await issueTicket();
    expect(await admit(first.token)).toBe('ADMITTED');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('2');
    expect(await admit((await issueTicket()).token)).toBe('ADMITTED');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('1');

    // Another host's phone admits the last person: this page learns it by itself.
    const other = await api<{ verdict: string }>(`/v1/workshops/${workshopId}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: (await issueTicket()).token },
      credential: host,
    });
    expect(other.body.verdict).toBe('ADMITTED');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('0');
    // A handheld scanner's code on a slow network: the screen says it is checking until the answer.
    const release = await scannedAndHeld(page, '**/admissions', (await issueTicket()).token);
    const checking = page.locator('.verdict-checking');
    await checking.waitFor({ state: 'visible' });
    expect(await checking.textContent()).toContain('Vérification…');
    release();
    expect(await shownVerdict(page)).toBe('FULL');
    expect(await checking.isHidden()).toBe(true);
    await page.unroute('**/admissions');
    await page.screenshot({ path: screenshotPath('door-full-fr'), fullPage: true });

    // Without a network nobody is admitted, but letting out goes on: kept on the phone, its seat
    // freed when the network is back.
    await context.setOffline(true);
    await page.locator('button[data-mode="exit"]').click();
    await typeCode(page, first.token);
    const verdict = page.locator('.verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('EXITED');
    expect(await verdict.textContent()).toContain('1 sortie en attente');
    await page.screenshot({ path: screenshotPath('door-exit-offline-fr') });
    await verdict.click();
    expect(await page.locator('#door-problem').isHidden()).toBe(true);
    expect(await seatsLeft.getAttribute('data-value')).toBe('0');
    await context.setOffline(false);
    await expect.poll(() => seatsLeft.getAttribute('data-value'), { timeout: stretched(20_000) }).toBe('1');
    expect(await page.evaluate(() => localStorage.getItem('rawaq.door.exits'))).toBe('[]');
    await context.close();
  });

  it('says full screen that nobody is admitted without an answer, and admits the same scan when scanned again, in Arabic', async () => {
    const { workshopId, context, page } = await hostAtDoor(
      {
        title: 'التسويق الرقمي للتعاونيات',
        startsAt: minutesFromNow(-10),
        endsAt: minutesFromNow(120),
        capacity: 2,
        registrationRequired: false,
      },
      'Room 1 host',
      'ar',
      // The page's clock runs as usual; the test moves it on where the host would wait.
      (opening) => opening.clock.install(),
    );
    const seatsLeft = page.locator('#seats-left');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('2');
    // The admission reaches the API, which takes the seat; its answer is lost on the venue's network.
    let lost = 0;
    await page.route('**/admissions', async (route) => {
      lost += 1;
      await route.fetch();
      await route.abort('timedout');
    });
    const ticket = await issueTicket();
    await typeCode(page, ticket.token);
    const verdict = page.locator('.verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('UNCHECKED');
    expect(await verdict.textContent()).toContain('فلا يمكن إدخال أحد حتى تعود. عندها أعد مسح هذا الرمز.');
    await page.screenshot({ path: screenshotPath('door-no-answer-ar') });
    await verdict.click();
    expect(lost).toBe(1);
    const taken = await api<{ workshops: { workshopId: string; seatsLeft: number }[] }>('/v1/workshops');
    expect(taken.body.workshops.find((workshop) => workshop.workshopId === workshopId)?.seatsLeft).toBe(1);
    // The network back, the host scans the code again a few seconds later: the same scan, so the API
    // answers what it did (admitted, the seat already taken), not "already admitted".
    await page.unroute('**/admissions');
    await page.clock.fastForward(5_000);
    expect(await checkCode(page, ticket.token)).toBe('ADMITTED');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('1');
    const again = await api<{ workshops: { workshopId: string; seatsLeft: number }[] }>('/v1/workshops');
    expect(again.body.workshops.find((workshop) => workshop.workshopId === workshopId)?.seatsLeft).toBe(1);
    await context.close();
  });

  it('says the server is busy, not that the network is down, when the API throttles an admission or an exit, in French', async () => {
    const { context, page } = await hostAtDoor(
      {
        title: 'Emballage et étiquetage',
        startsAt: minutesFromNow(-10),
        endsAt: minutesFromNow(120),
        capacity: 2,
        registrationRequired: false,
      },
      'Room 2 host',
      'fr',
    );
    const seatsLeft = page.locator('#seats-left');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('2');
    // API Gateway throttles the admission: a 429 with its own body, not the contract's error shape.
    await page.route('**/admissions', (route) =>
      route.fulfill({ status: 429, json: { message: 'Too Many Requests' } }),
    );
    const ticket = await issueTicket();
    await typeCode(page, ticket.token);
    const verdict = page.locator('.verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('UNCHECKED');
    expect(await verdict.textContent()).toContain('(surchargé, ou en panne)');
    expect(await verdict.textContent()).not.toContain('Pas de réseau');
    // The network answered: the page does not say it is offline.
    expect(await page.locator('.connection').getAttribute('class')).not.toContain('offline');
    await page.screenshot({ path: screenshotPath('door-server-busy-fr') });
    await verdict.click();
    await page.unroute('**/admissions');
    expect(await checkCode(page, ticket.token)).toBe('ADMITTED');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('1');
    // Letting out goes on, kept on the phone, in the same words: the server's, not the network's.
    await page.route('**/exits', (route) => route.fulfill({ status: 429, json: { message: 'Too Many Requests' } }));
    await page.locator('button[data-mode="exit"]').click();
    await typeCode(page, ticket.token);
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toBe('EXITED');
    expect(await verdict.textContent()).toContain('Serveur indisponible');
    expect(await verdict.textContent()).toContain('1 sortie en attente');
    expect(await verdict.textContent()).not.toContain('hors ligne');
    expect(await page.locator('.connection').getAttribute('class')).not.toContain('offline');
    await verdict.click();
    await page.unroute('**/exits');
    await expect.poll(() => seatsLeft.getAttribute('data-value')).toBe('2');
    expect(await page.evaluate(() => localStorage.getItem('rawaq.door.exits'))).toBe('[]');
    await context.close();
  });

  it('lists workshops under their day and names a day that is not today, in French then Arabic', async () => {
    const fair = await api<{ days: string[]; now: string }>('/v1/fair');
    const today = fair.body.now.slice(0, 10);
    const otherDay = fair.body.days.find((day) => day !== today) ?? '';
    expect(otherDay).not.toBe('');
    const make = async (startsAt: string) => {
      const created = await api<{ workshopId: string }>('/v1/workshops', {
        body: {
          title: `Day label ${startsAt}`,
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 60 * 60_000).toISOString(),
          capacity: 5,
          registrationRequired: false,
        },
      });
      expect(created.status).toBe(201);
      return created.body.workshopId;
    };
    const todays = await make(minutesFromNow(30));
    const others = await make(`${otherDay}T12:00:00Z`);
    const host = await createCredential('host', { workshops: [todays, others] }, 'Two-day host');
    const context = await phoneContext(chromium(), origin(), host, 'fr');
    const page = await context.newPage();
    await page.goto('/door');
    await page.locator('#seats-left').waitFor();
    const groups = () =>
      page.locator('#workshop optgroup').evaluateAll((found) =>
        found.map((group) => ({
          day: (group as HTMLOptGroupElement).dataset.day,
          label: (group as HTMLOptGroupElement).label,
          options: [...group.querySelectorAll('option')].map((option) => option.value),
        })),
      );
    const inFrench = await groups();
    expect(inFrench.map((group) => group.day).sort()).toEqual([today, otherDay].sort());
    const todayGroup = inFrench.find((group) => group.day === today);
    const otherGroup = inFrench.find((group) => group.day === otherDay);
    expect(todayGroup?.options).toEqual([todays]);
    expect(otherGroup?.options).toEqual([others]);
    expect(todayGroup?.label).toMatch(/^Aujourd’hui, /);
    expect(otherGroup?.label).not.toMatch(/Aujourd’hui/);
    // Today's workshop: no day on the card. Another day's: its day, as its group names it.
    expect(await page.locator('#door-day').count()).toBe(0);
    await page.locator('#workshop').selectOption(others);
    await expect.poll(() => page.locator('#door-day').textContent()).toBe(otherGroup?.label);
    await page.screenshot({ path: screenshotPath('door-other-day-fr') });
    await page.locator('button[data-language="ar"]').click();
    await expect.poll(async () => (await groups()).find((group) => group.day === today)?.label).toMatch(/^اليوم، /);
    expect(await page.locator('#door-day').textContent()).toBe((await groups()).find((g) => g.day === otherDay)?.label);
    // The header's connection word follows the language too (it stayed French until 2026-12-06).
    expect(await page.locator('header .connection').textContent()).toBe('متصل');
    await page.screenshot({ path: screenshotPath('door-other-day-ar') });
    await context.close();
  });

  it('lists who registered and is not here, frees a no-show’s seat, and the next on the list moves up, in Arabic', async () => {
    const { workshopId, host, context, page } = await hostAtDoor(
      {
        title: 'Cooperative bookkeeping',
        startsAt: minutesFromNow(5),
        endsAt: minutesFromNow(95),
        capacity: 1,
        registrationRequired: true,
      },
      'Bookkeeping host',
      'ar',
    );
    // No one registered yet: not said as everyone being here.
    const noneMissing = page.locator('#expected-empty');
    await expect.poll(() => noneMissing.textContent()).toBe('لا أحد مسجَّل في هذه الورشة.');
    expect(await noneMissing.isVisible()).toBe(true);
    const absent = await issueTicket({ category: 'visitor', holderName: 'Karima Absente' });
    const next = await issueTicket({ category: 'visitor', holderName: 'Nabil Suivant' });
    for (const ticket of [absent, next])
      await api(`/v1/workshops/${workshopId}/registrations`, { body: { token: ticket.token } });
    await expect
      .poll(() => page.locator('#expected li').allTextContents())
      .toEqual([expect.stringContaining('Karima Absente')]);
    expect(await page.locator('#waitlist li').allTextContents()).toEqual([expect.stringContaining('Nabil Suivant')]);
    // The one waiting, at the door: refused, told their place in line.
    await typeCode(page, next.token);
    await page.locator('.verdict[data-verdict="NOT_REGISTERED"]').waitFor();
    expect(await page.locator('.verdict').textContent()).toContain('على لائحة الانتظار: الرقم 1');
    await page.locator('.verdict').click();
    // Two taps free the absent one's seat; the waiting list moves up by itself.
    const free = page.locator(`#expected button[data-ticket="${absent.ticketId}"]`);
    // The first tap found and made in one task of the page: the list is redrawn every 2 s, and on a
    // loaded fresh clone a tap from the test landed while it was, and the button read as not asked.
    await page.evaluate((ticketId) => {
      document.querySelector<HTMLButtonElement>(`#expected button[data-ticket="${ticketId}"]`)?.click();
    }, absent.ticketId);
    expect(await free.textContent()).toBe('المس مرة أخرى لتحرير المقعد');
    await page.screenshot({ path: screenshotPath('door-people-ar'), fullPage: true });
    // The list is redrawn every 2 s: a second tap after a redraw still frees the seat (on a loaded
    // machine the screenshot alone outlasted a redraw, and the tap asked again).
    await free.evaluate((button) => {
      (button as HTMLElement).dataset.drawnBefore = 'yes';
    });
    await expect
      .poll(() => page.locator(`#expected button[data-ticket="${absent.ticketId}"][data-drawn-before]`).count())
      .toBe(0);
    expect(await free.textContent()).toBe('المس مرة أخرى لتحرير المقعد');
    await free.click();
    await expect
      .poll(() => page.locator('#expected li').allTextContents())
      .toEqual([expect.stringContaining('Nabil Suivant')]);
    expect(await page.locator('#waitlist li').count()).toBe(0);
    // Now on a seat: admitted (a scan of its own; the page would resend the refused one's id within 2 s).
    const admitted = await api<{ verdict: string }>(`/v1/workshops/${workshopId}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: next.token },
      credential: host,
    });
    expect(admitted.body.verdict).toBe('ADMITTED');
    // Everyone registered is in now: said so.
    await expect.poll(() => noneMissing.isVisible()).toBe(true);
    expect(await noneMissing.textContent()).toBe('حضر كل المسجَّلين.');
    await context.close();
  });

  it('shows an alert after a zone crosses its threshold, and acknowledges it', async () => {
    const occupancy = (await api<{ zones: { zoneId: string; count: number; capacity: number }[] }>('/v1/occupancy'))
      .body;
    const room = occupancy.zones.find((zone) => zone.zoneId === 'seminar-hall');
    if (!room) throw new Error('the demo fair has no seminar hall');
    const before = new Set(
      (await api<{ alerts: { alertId: string }[] }>('/v1/alerts')).body.alerts.map((alert) => alert.alertId),
    );
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'en', desk);
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.locator('[data-zone="seminar-hall"]').waitFor();

    // One more person than the room now holds reaches its (lowered) capacity: it becomes full.
    await api('/v1/zones/seminar-hall', { method: 'PATCH', body: { capacity: room.count + 1 } });
    const ticket = await issueTicket();
    try {
      expect((await scan(ticket.token, 'seminar', 'in')).body.verdict).toBe('ADMITTED');
      const alertId = await eventually('the alert for the seminar hall', async () => {
        const { alerts } = (await api<{ alerts: { alertId: string; zoneId: string; level: string }[] }>('/v1/alerts'))
          .body;
        return alerts.find(
          (alert) => alert.zoneId === 'seminar-hall' && alert.level === 'full' && !before.has(alert.alertId),
        )?.alertId;
      });
      const shown = page.locator(`[data-alert="${alertId}"]`);
      await shown.waitFor();
      expect(await shown.getAttribute('data-level')).toBe('full');
      expect(await page.locator('[data-zone="seminar-hall"]').getAttribute('data-level')).toBe('full');
      // The gate's own line counts the entry (gate statistics come every 10 s).
      await expect
        .poll(() => page.locator('[data-gate="seminar"] td').nth(1).textContent(), { timeout: stretched(20_000) })
        .not.toBe('0');
      // And its entries this hour (the API gives hours as numbers; the column once compared them to text).
      expect(await page.locator('[data-gate="seminar"] td').nth(4).textContent()).not.toBe('0');
      await page.screenshot({ path: screenshotPath('dashboard-alert-en'), fullPage: true });

      await shown.locator('button').click();
      await eventually('the acknowledgement', async () => {
        const { alerts } = (await api<{ alerts: { alertId: string; acknowledgedAt?: string }[] }>('/v1/alerts')).body;
        return alerts.find((alert) => alert.alertId === alertId)?.acknowledgedAt;
      });
      await expect.poll(() => shown.getAttribute('class')).not.toContain('unacknowledged');
    } finally {
      await scan(ticket.token, 'seminar', 'out');
      await api('/v1/zones/seminar-hall', { method: 'PATCH', body: { capacity: room.capacity } });
      await context.close();
    }
  });

  it('names where a silent door stands, then who: its room, else its workshop, else the door page, in French', async () => {
    const { body: fair } = await api<{ workshops: { workshopId: string; title: string; titles?: { fr?: string } }[] }>(
      '/v1/fair',
    );
    const workshop = fair.workshops[0];
    if (!workshop) throw new Error('the demo fair has workshops');
    const silent = (deviceId: string, zoneId: string, workshopId: string, escalation = 0) =>
      silentDoor({ deviceId, zoneId, workshopId, credentialLabel: 'Hôte', escalation, acknowledged: true });
    const inRoom = await silent('door-a', 'room-2', workshop.workshopId);
    const noRoom = await silent('door-b', '', workshop.workshopId);
    const unknown = await silent('door-c', '', 'ws-not-in-the-fair');
    const reminded = await silent('door-d', 'room-2', workshop.workshopId, 3);
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr');
    const page = await context.newPage();
    await page.goto('/dashboard');
    const text = async (alertId: string) => {
      const shown = page.locator(`[data-alert="${alertId}"]`);
      await shown.waitFor();
      return shown.textContent();
    };
    // The place first, then who: a gate's name in brackets is not bracketed again.
    expect(await text(inRoom)).toContain("Salle d'atelier 2\u00a0: Hôte muet depuis 6 min.");
    expect(await text(noRoom)).toContain(`${workshop.titles?.fr ?? workshop.title}\u00a0: Hôte muet depuis 6 min.`);
    expect(await text(unknown)).toContain('Porte d’atelier\u00a0: Hôte muet depuis 6 min.');
    // Its reminders are said as what they are (it read "Relance 3").
    expect(await text(reminded)).toContain('3 relances envoyées');
    await context.close();
  });

  it('reads the venue again as soon as its tab is brought back, not at its next beat', async () => {
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr', desk);
    const page = await context.newPage();
    const shown = async () =>
      Number((await page.locator('[data-zone="seminar-hall"] .count').textContent())?.replace(/\D/g, '') ?? 'NaN');
    // The page's timers stand still (Playwright's clock, paused): its read every second never comes.
    await stillTimers(page);
    await page.goto('/dashboard');
    const before = await zoneCount('seminar-hall');
    await expect.poll(shown).toBe(before);
    // Someone comes in at the seminar hall while the tab is hidden behind the organiser's mail.
    const { token } = await issueTicket();
    expect((await scan(token, 'seminar', 'in')).body.verdict).toBe('ADMITTED');
    await eventually('the seminar hall counted', async () =>
      (await zoneCount('seminar-hall')) === before + 1 ? true : undefined,
    );
    await screenBackOn(page);
    await expect.poll(shown).toBe(before + 1);
    await scan(token, 'seminar', 'out');
    await context.close();
  });

  it("writes each booth's visits in its heat-map cell, and keys the colours to the busiest booth", async () => {
    const booth = 'A069';
    const exhibitor = await createCredential('exhibitor', { booth }, 'Heat map booth');
    const visitsOf = async () =>
      (await api<{ visits: number }>(`/v1/booths/${booth}/stats`, { credential: exhibitor })).body.visits;
    const before = await visitsOf();
    const events = [{ eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 4, out: 0 }];
    expect((await api(`/v1/booths/${booth}/footfall`, { body: { events }, credential: exhibitor })).status).toBe(202);
    await eventually('the booth counted', async () => ((await visitsOf()) === before + 4 ? true : undefined));
    const ranking = await api<{ booths: { visits: number }[] }>(`/v1/booths/stats?day=${fairNow().slice(0, 10)}`);
    const busiest = Math.max(...ranking.body.booths.map((row) => row.visits));
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr');
    const page = await context.newPage();
    await page.goto('/dashboard');
    const cell = page.locator(`[data-booth="${booth}"] .heat-count`);
    // Read on a phone: no tooltip to hover, so the figure is in the cell itself.
    await expect.poll(() => cell.getAttribute('data-visits'), { timeout: stretched(20_000) }).toBe(String(before + 4));
    expect(await cell.isVisible()).toBe(true);
    const digits = (text: string | null) => Number(text?.replace(/\D/g, ''));
    expect(digits(await cell.textContent())).toBe(before + 4);
    // The key: the darkest cell's visits, as many as the busiest booth's today.
    const key = (await page.locator('#heat-key').textContent()) ?? '';
    const darkest = /^\s*0\s+([\d\s]+?)\s*visites?\s*:\s*le stand le plus fréquenté$/.exec(key)?.[1] ?? null;
    expect(darkest, key).not.toBeNull();
    expect(digits(darkest)).toBeGreaterThanOrEqual(busiest);
    await page.locator('#heat').screenshot({ path: screenshotPath('dashboard-heat-fr') });
    // The entrances' public screen is a link away, in the page's language.
    expect(await page.locator('#status-link').count()).toBe(1);
    expect(await page.locator('#status-link').getAttribute('href')).toBe('/status');
    expect(await page.locator('#status-link').textContent()).toBe('Écran d’entrée');
    await context.close();
  });

  it('leaves no place empty in a row of the dashboard, on a phone, a tablet and at a desk, in Arabic', async () => {
    // Two alerts to acknowledge, one said in a few words and one in many: a list of one shape.
    await silentDoor({ deviceId: 'door-short', zoneId: 'room-2', credentialLabel: 'Hôte' });
    await silentDoor({
      deviceId: 'door-long',
      zoneId: 'room-2',
      credentialLabel: 'Hôte de la salle des conférences, téléphone du matin prêté par l’accueil',
    });
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'ar', desk);
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.locator('[data-zone="venue"]').waitFor();
    for (const [width, columns] of [
      [1280, 3],
      [1920, 3],
      [800, 2],
      [390, 1],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      const laidOut = await page.evaluate(
        () => getComputedStyle(document.querySelector('main') as Element).gridTemplateColumns.split(' ').length,
      );
      expect(laidOut, `${width} px`).toBe(columns);
      expect(await gridHoles(page, 'main'), `${width} px`).toEqual([]);
      // Each alert's button beside its words (at a desk) or under them (a tablet's or a phone's column).
      await page.locator('.alert[data-alert^="silent-door-long"] button').waitFor();
      const beside = await page
        .locator('.alert:has(> button)')
        .evaluateAll((alerts) =>
          alerts.map(
            (alert) =>
              (alert.querySelector(':scope > button') as Element).getBoundingClientRect().top <
              (alert.firstElementChild as Element).getBoundingClientRect().bottom,
          ),
        );
      expect(beside.length, `${width} px`).toBeGreaterThanOrEqual(2);
      expect(new Set(beside), `${width} px`).toEqual(new Set([width >= 1280]));
    }
    // At a desk the links and the past days' picker are one line.
    await page.setViewportSize({ width: 1280, height: 900 });
    const tops = await page
      .locator('.dashboard-links > :is(a, select):visible')
      .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(2);
    expect(new Set(tops).size).toBe(1);
    await page.screenshot({ path: screenshotPath('dashboard-desk-ar') });
    await context.close();
  });

  it('says the dashboard is stale when the API stops answering', async () => {
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'fr', desk);
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.locator('[data-zone="venue"]').waitFor();
    expect(await page.locator('#stale').isHidden()).toBe(true);
    await context.setOffline(true);
    await page.locator('#stale').waitFor({ state: 'visible' });
    expect(await page.locator('#stale').textContent()).toContain('Pas de mise à jour depuis');
    await context.setOffline(false);
    await page.locator('#stale').waitFor({ state: 'hidden' });
    await context.close();
  });

  it('says it has no figures yet and is offline when opened with no network, in Arabic', async () => {
    const context = await phoneContext(chromium(), origin(), inject('organiserCredential'), 'ar');
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.locator('[data-zone="venue"]').waitFor();
    await servedOffline(page);
    await context.setOffline(true);
    // The page from the phone's cache, its fair and its organiser from the last visit: no figure at all.
    await page.reload();
    await page.locator('#stale').waitFor({ state: 'visible' });
    expect(await page.locator('#stale').textContent()).toBe(
      'لا أرقام مباشرة بعد: الخادم لا يجيب. محاولة جديدة كل ثانية.',
    );
    expect(await page.locator('header .connection').textContent()).toBe('غير متصل');
    // Nor does it claim there is no alert: it has not heard.
    expect(await page.locator('#alerts').textContent()).toBe('جارٍ التحميل…');
    await page.screenshot({ path: screenshotPath('dashboard-opened-offline-ar') });
    await context.setOffline(false);
    await page.locator('#stale').waitFor({ state: 'hidden' });
    expect(await page.locator('header .connection').textContent()).toBe('متصل');
    await page.locator('#alerts').getByText('جارٍ التحميل…').waitFor({ state: 'detached' });
    await context.close();
  });
});
