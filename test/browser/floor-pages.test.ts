import type { Page, Request, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { STORED } from '../../web/src/common/stored';
import { api, createCredential, issueTicket, scan } from '../support/api-client';
import {
  heldRequests,
  phoneContext,
  screenBackOn,
  screenshotPath,
  servedOffline,
  smallestGap,
  stillTimers,
} from '../support/browser';
import { chromiumPerFile, heard, pagesOrigin } from '../support/chromium-per-file';
import { stretched } from '../support/machine-factor';
import { typeCode } from '../support/scan-page';

/**
 * The floor reaching the pages in a real Chromium: an evacuation shows full screen on a gate, a door and
 * a booth page at once, in their languages, also on a page that was offline when it began or whose
 * phone's screen was off; an organisers' broadcast is shown to a gate page and its reading comes back
 * as a receipt.
 */
const browser = chromiumPerFile();

/** Each page's heartbeats, followed from before it loads: those in flight, how many failed and answered. */
const heartbeats = new WeakMap<Page, { pending: Set<Request>; failed: number; answered: number }>();

function followHeartbeats(page: Page): void {
  const beats = { pending: new Set<Request>(), failed: 0, answered: 0 };
  heartbeats.set(page, beats);
  const isHeartbeat = (request: Request) => request.url().includes('/v1/devices/heartbeat');
  page.on('request', (request) => {
    if (isHeartbeat(request)) beats.pending.add(request);
  });
  page.on('requestfinished', (request) => {
    if (beats.pending.delete(request)) beats.answered += 1;
  });
  page.on('requestfailed', (request) => {
    if (beats.pending.delete(request)) beats.failed += 1;
  });
}

async function open(path: string, credential: string, language: 'ar' | 'fr' | 'en'): Promise<Page> {
  const context = await phoneContext(browser(), pagesOrigin(), credential, language);
  const page = await context.newPage();
  followHeartbeats(page);
  await page.goto(path);
  // The page has reported once: the overlay element is in place, empty.
  await page.locator('#evacuation').waitFor({ state: 'attached', timeout: heard() });
  return page;
}

/** The entrance screen's kept answer made `ms` old, as the screen's own clock reads it. */
async function answeredAgo(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    ([key, age]) => {
      const kept = JSON.parse(localStorage.getItem(key) ?? 'null');
      localStorage.setItem(key, JSON.stringify({ ...kept, at: Date.now() - age }));
    },
    [STORED.statusScreen, ms] as const,
  );
}

describe('the floor on the pages', () => {
  it('shows an evacuation full screen on a gate, a door and a booth page at once, and takes it away when it ends', async () => {
    const gate = await open('/gate', await createCredential('gate', { gates: ['main'] }, 'Main gate'), 'ar');
    const { body: fair } = await api<{ workshops: { workshopId: string }[] }>('/v1/fair');
    const door = await open(
      '/door',
      await createCredential('host', { workshops: [fair.workshops[0]?.workshopId ?? ''] }, 'Door'),
      'fr',
    );
    const booth = await open('/booth', await createCredential('exhibitor', { booth: 'A003' }, 'Booth A003'), 'fr');
    const offline = await open('/gate', await createCredential('gate', { gates: ['east'] }, 'East gate'), 'fr');
    // Offline before the evacuation begins: no heartbeat of its own still in flight (one sent just before
    // the network went, answered after the evacuation began, would bring it), and one failed since.
    const beats = heartbeats.get(offline);
    if (beats) beats.failed = 0;
    await offline.context().setOffline(true);
    await expect.poll(() => beats && beats.failed > 0 && beats.pending.size === 0, { timeout: heard() }).toBe(true);

    const started = await api<{ evacuationId: string }>('/v1/evacuations', {
      body: { reason: 'exercice d’évacuation' },
    });
    try {
      for (const [page, title] of [
        [gate, 'إخلاء'],
        [door, 'ÉVACUATION'],
        [booth, 'ÉVACUATION'],
      ] as const) {
        await expect
          .poll(() => page.locator('#evacuation .evacuation-title').textContent(), { timeout: heard() })
          .toBe(title);
        expect(await page.locator('#evacuation').isVisible()).toBe(true);
        expect(await page.locator('#evacuation .evacuation-reason').textContent()).toBe('exercice d’évacuation');
      }
      expect(await gate.locator('#evacuation .evacuation-zone').textContent()).toContain('فضاء المعرض');
      await gate.screenshot({ path: screenshotPath('gate-evacuation-ar') });
      await booth.screenshot({ path: screenshotPath('booth-evacuation-fr') });
      // The offline page learns it as its network returns, not at its next beat: back online just after
      // a beat failed, it shows the evacuation well before the next one (beats 10 s apart, floor-watch.ts).
      expect(await offline.locator('#evacuation').isVisible()).toBe(false);
      const failedBefore = beats?.failed ?? 0;
      await expect.poll(() => (beats?.failed ?? 0) > failedBefore, { timeout: heard() }).toBe(true);
      const reconnectedAt = Date.now();
      await offline.context().setOffline(false);
      await expect.poll(() => offline.locator('#evacuation').isVisible(), { timeout: heard() }).toBe(true);
      // 5 s stretched on a busy machine, and always under the beat's 10 s: its next beat would be later.
      expect(Date.now() - reconnectedAt).toBeLessThan(Math.min(stretched(5_000), 9_000));
      // Understood: it shrinks to a band that stays while the evacuation lasts.
      await door.locator('.evacuation-ok').click();
      expect(await door.locator('#evacuation').getAttribute('class')).toContain('acknowledged');
      await door.screenshot({ path: screenshotPath('door-evacuation-acknowledged-fr') });
    } finally {
      await api(`/v1/evacuations/${started.body.evacuationId}/end`, { method: 'POST' });
    }
    for (const page of [gate, door, booth, offline])
      await expect.poll(() => page.locator('#evacuation').isVisible(), { timeout: heard() }).toBe(false);
    for (const page of [gate, door, booth, offline]) await page.context().close();
  });

  it('shows an evacuation on a phone as soon as its screen comes back on, not at its next beat', async () => {
    const credential = await createCredential('gate', { gates: ['main'] }, 'Main gate, phone in a pocket');
    const context = await phoneContext(browser(), pagesOrigin(), credential, 'fr');
    const page = await context.newPage();
    // The page's timers stand still (Playwright's clock, paused and never run on): no beat comes from
    // its schedule, so the evacuation can only come from the beat the screen's return sends.
    await stillTimers(page);
    followHeartbeats(page);
    await page.goto('/gate');
    const beats = heartbeats.get(page);
    await expect.poll(() => (beats?.answered ?? 0) > 0 && beats?.pending.size === 0, { timeout: heard() }).toBe(true);
    const answeredBefore = beats?.answered ?? 0;
    const started = await api<{ evacuationId: string }>('/v1/evacuations', { body: { reason: 'fumée, hall B' } });
    try {
      expect(await page.locator('#evacuation').isVisible()).toBe(false);
      await screenBackOn(page);
      await expect.poll(() => page.locator('#evacuation').isVisible(), { timeout: heard() }).toBe(true);
      expect(await page.locator('#evacuation .evacuation-reason').textContent()).toBe('fumée, hall B');
      // One beat brought it, and no timer ran: its clock never moved.
      expect(beats?.answered).toBe(answeredBefore + 1);
    } finally {
      await api(`/v1/evacuations/${started.body.evacuationId}/end`, { method: 'POST' });
    }
    await context.close();
  });

  it('shows a broadcast on a gate page until it is read, and the organisers see who read it', async () => {
    const page = await open('/gate', await createCredential('gate', { gates: ['main'] }, 'Main gate, phone 7'), 'fr');
    const made = await api<{ incidentId: string }>('/v1/incidents', {
      body: { kind: 'lost-person', text: 'garçon de 6 ans, casquette rouge', broadcast: 'gates' },
    });
    const card = page.locator(`.broadcast[data-incident="${made.body.incidentId}"]`);
    await card.waitFor({ timeout: heard() });
    expect(await card.locator('.broadcast-kind').textContent()).toContain('Personne perdue');
    await page.screenshot({ path: screenshotPath('gate-broadcast-fr') });
    await card.locator('.broadcast-read').click();
    expect(await card.count()).toBe(0);
    await expect
      .poll(
        async () => {
          const { body } = await api<{ incidents: { incidentId: string; readBy?: { label: string }[] }[] }>(
            '/v1/incidents',
          );
          return body.incidents.find((incident) => incident.incidentId === made.body.incidentId)?.readBy?.[0]?.label;
        },
        { timeout: heard() },
      )
      .toBe('Main gate, phone 7');
    await page.context().close();
  });

  it('shows the public status screen on a 1920x1080 screen in each language, with no credential and no counts', async () => {
    // A session in an hour, seats free: shown with its seats, not in the colour of a full or closed one.
    const startsAt = Date.now() + inject('clockOffsetMs') + 60 * 60_000;
    const session = (title: string, capacity: number, registrationRequired: boolean) =>
      api<{ workshopId: string }>('/v1/workshops', {
        body: {
          title,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 60 * 60_000).toISOString(),
          capacity,
          registrationRequired,
        },
      });
    const later = await session('Later today', 12, false);
    // One only the registered enter, its 2 seats both registered: its empty room is no seat for a
    // visitor reading the screen, who is sent to the desk's waiting list.
    const registered = await session('Registered only', 2, true);
    const register = async () =>
      (
        await api<{ verdict: string }>(`/v1/workshops/${registered.body.workshopId}/registrations`, {
          body: { token: (await issueTicket()).token },
        })
      ).body.verdict;
    expect(await register()).toBe('REGISTERED');
    const registeredRow = async () => {
      const { body } = await api<{ workshops: { workshopId: string; registrationsLeft: number }[] }>('/v1/status', {
        credential: null,
      });
      return body.workshops.find((session) => session.workshopId === registered.body.workshopId);
    };
    expect(await registeredRow()).toMatchObject({ registrationRequired: true, registrationsLeft: 1, seatsLeft: 2 });
    // The venue counted today (an entry at the main gate); the halls never are (no door of theirs in
    // the demo plan): their tiles say so rather than "room to walk".
    const entered = await scan((await issueTicket()).token, 'main', 'in');
    expect(entered.body.verdict).toBe('ADMITTED');
    const coverage = async () => {
      const { body } = await api<{ zones: { zoneId: string; coverage: string }[] }>('/v1/status', { credential: null });
      return Object.fromEntries(body.zones.map((zone) => [zone.zoneId, zone.coverage]));
    };
    await expect.poll(async () => (await coverage()).venue).not.toBe('none');
    expect((await coverage())['hall-a']).toBe('none');
    const context = await browser().newContext({ baseURL: pagesOrigin(), viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    for (const [lang, halls, uncounted] of [
      ['ar', 'الفضاءات', 'بلا عدّ مباشر'],
      ['fr', 'Espaces', 'Pas de comptage en direct'],
      ['en', 'Areas', 'No live count'],
    ] as const) {
      await page.goto(`/status?lang=${lang}`);
      await page.locator('.status-zone').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await page.locator('.status h2').first().textContent()).toBe(halls);
      expect(await page.locator('[data-zone="hall-a"] .status-zone-level').textContent()).toBe(uncounted);
      expect(await page.locator('[data-zone="hall-a"]').getAttribute('data-level')).toBe('uncounted');
      expect(await page.locator('[data-zone="venue"]').getAttribute('data-level')).not.toBe('uncounted');
      expect(await page.locator('body').textContent()).not.toMatch(/\d+\s*\/\s*\d+/);
      await page.screenshot({ path: screenshotPath(`status-screen-${lang}`) });
      // Every area and session on the screen: nobody scrolls a screen on a wall.
      const lowest = await page
        .locator('.status-zone, .status-session')
        .evaluateAll((shown) => Math.max(...shown.map((element) => element.getBoundingClientRect().bottom)));
      expect(lowest).toBeLessThanOrEqual(1080);
      if (lang === 'fr') {
        // The sessions' words read on a phone, which shows them all: on the wall only the soonest fit,
        // and the shared runtime's other tests add sessions of their own (one pushed this one off).
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`/status?lang=${lang}`);
        const row = page.locator(`[data-workshop="${later.body.workshopId}"]`);
        expect(await row.locator('.status-seats').textContent()).toBe('12 places libres');
        expect(await row.getAttribute('class')).not.toContain('no-room');
        const onlyRegistered = page.locator(`[data-workshop="${registered.body.workshopId}"]`);
        expect(await onlyRegistered.locator('.status-seats').textContent()).toBe(
          'Inscription à l’accueil\u00a0: 1 place libre',
        );
        expect(await register()).toBe('REGISTERED');
        await expect
          .poll(() => onlyRegistered.locator('.status-seats').textContent(), { timeout: stretched(30_000) })
          .toBe('Inscriptions complètes\u00a0: liste d’attente à l’accueil');
        expect(await onlyRegistered.getAttribute('class')).toContain('no-room');
        await page.setViewportSize({ width: 1920, height: 1080 });
      }
    }
    await context.close();
  });

  it('fits a crowded day on the wall screen: the soonest sessions, then how many more come later today', async () => {
    // A national fair's day: twenty sessions, the quarter hours from now (the day's real answer, its
    // first session cloned).
    const crowded = async (route: Route) => {
      const body = (await (await route.fetch()).json()) as { now: string; workshops: Record<string, unknown>[] };
      const model = body.workshops[0];
      if (!model) throw new Error('the demo fair has a session every day');
      body.workshops = Array.from({ length: 20 }, (_, i) => ({
        ...model,
        workshopId: `crowded-${i}`,
        status: 'scheduled',
        startsAt: new Date(Date.parse(body.now) + (i + 1) * 15 * 60_000).toISOString(),
        endsAt: new Date(Date.parse(body.now) + (i + 2) * 15 * 60_000).toISOString(),
      }));
      await route.fulfill({ json: body });
    };
    const wall = await browser().newContext({ baseURL: pagesOrigin(), viewport: { width: 1920, height: 1080 } });
    const page = await wall.newPage();
    await page.route('**/v1/status', crowded);
    await page.goto('/status?lang=fr');
    const more = page.locator('.status-more');
    await more.waitFor();
    const hidden = Number(
      /^Et (\d+) autres séances plus tard aujourd’hui$/.exec((await more.textContent()) ?? '')?.[1],
    );
    const rows = page.locator('.status-session');
    expect((await rows.count()) + hidden).toBe(20);
    expect(await rows.first().getAttribute('data-workshop')).toBe('crowded-0');
    const lowest = await page
      .locator('.status-zone, .status-session, .status-more')
      .evaluateAll((shown) => Math.max(...shown.map((element) => element.getBoundingClientRect().bottom)));
    expect(lowest).toBeLessThanOrEqual(1080);
    await page.screenshot({ path: screenshotPath('status-screen-crowded-fr') });
    await wall.close();
    // A phone scrolls: every session is listed.
    const phone = await browser().newContext({ baseURL: pagesOrigin(), viewport: { width: 390, height: 844 } });
    const onPhone = await phone.newPage();
    await onPhone.route('**/v1/status', crowded);
    await onPhone.goto('/status?lang=ar');
    await onPhone.locator('[data-workshop="crowded-19"]').waitFor();
    expect(await onPhone.locator('.status-more').count()).toBe(0);
    await phone.close();
  });

  it('keeps the entrance screen showing its last figures, and since when, when it restarts with the network down', async () => {
    const context = await browser().newContext({ baseURL: pagesOrigin(), viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto('/status?lang=fr');
    await page.locator('[data-zone="venue"]').waitFor();
    const fairName = await page.locator('.status-fair').textContent();
    await servedOffline(page);
    // The last answer came an hour ago (as this screen's own clock reads it): the network went then,
    // and the screen was switched off and on, or its browser restarted, since.
    await answeredAgo(page, 60 * 60_000);
    await context.setOffline(true);
    const statusAsked = page.waitForRequest((request) => request.url().includes('/v1/status'));
    await page.reload();
    // The reload asked the API (and got nothing: no network) before the old figures were judged.
    await statusAsked;
    expect(await page.locator('.status-fair').textContent()).toBe(fairName);
    expect(await page.locator('[data-zone="venue"]').getAttribute('data-level')).not.toBeNull();
    await expect
      .poll(() => page.locator('.status-stale').textContent())
      .toMatch(/^Pas de mise à jour depuis \d{2}:\d{2}\u00a0: les informations peuvent être anciennes\.$/);
    // At the top, under the clock it explains: a screen on a wall does not scroll to the last session.
    const notice = await page.locator('.status-stale').boundingBox();
    expect(notice && notice.y + notice.height).toBeLessThan(1080 / 2);
    await page.screenshot({ path: screenshotPath('status-screen-offline-fr') });
    // Left off overnight: the figures' day is said too.
    await answeredAgo(page, 20 * 60 * 60_000);
    await page.reload();
    await expect
      .poll(() => page.locator('.status-stale').textContent())
      .toMatch(/^Pas de mise à jour depuis [a-zé]+\. \d{1,2} [a-zéû]+\.? \d{2}:\d{2}\u00a0: /);
    await context.close();
  });

  it('checks what is still open before closing the day, and closes nothing the organiser does not confirm', async () => {
    // A room still counted: a workshop on now with one person admitted.
    const now = Date.parse(new Date(Date.now() + inject('clockOffsetMs')).toISOString());
    const workshop = await api<{ workshopId: string }>('/v1/workshops', {
      body: {
        title: 'Still in the room',
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 60 * 60_000).toISOString(),
        capacity: 5,
        registrationRequired: false,
        zoneId: 'room-1',
      },
    });
    const ticket = await api<{ token: string }>('/v1/tickets', { body: { category: 'visitor' } });
    const admitted = await api<{ verdict: string }>(`/v1/workshops/${workshop.body.workshopId}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: ticket.body.token },
    });
    expect(admitted.body.verdict).toBe('ADMITTED');
    const context = await phoneContext(browser(), pagesOrigin(), inject('organiserCredential'), 'fr', {
      width: 1280,
      height: 900,
    });
    const page = await context.newPage();
    // An incident the stack's own organiser logged names them in the page's language.
    const logged = await api<{ incidentId: string }>('/v1/incidents', {
      body: { kind: 'technical', text: 'écran de la porte est éteint' },
    });
    await page.goto('/organise#floor');
    const author = page.locator(`[data-incident="${logged.body.incidentId}"] p.muted`);
    expect(await author.textContent()).toBe('Enregistré par Premier organisateur (créé à l’installation)');
    await page.locator('#close-day-check').click();
    const rooms = page.locator('#close-day-checks [data-check="rooms"]');
    await rooms.waitFor();
    expect(await rooms.getAttribute('class')).toBe('check-open');
    expect(await rooms.textContent()).toMatch(/salles? d’atelier encore comptées?/);
    await page.screenshot({ path: screenshotPath('organise-close-day-fr'), fullPage: true });
    // Asked, and not confirmed: the day stays open.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.locator('#close-day-now').click();
    const day = new Date(now).toISOString().slice(0, 10);
    expect((await api<{ status: string }>(`/v1/days/${day}`)).body.status).toBe('open');
    await api(`/v1/workshops/${workshop.body.workshopId}/exits`, {
      body: { scanId: crypto.randomUUID(), token: ticket.body.token },
    });
    await context.close();
  });

  it('lets an organiser evacuate a zone with a second press, call the roll and end it, in French', async () => {
    const holder = await api<{ token: string; ticketId: string }>('/v1/tickets', {
      body: { category: 'staff', holderName: 'Karima Idrissi' },
    });
    // In by the main gate, into the venue (a hall other tests filled may be full by now).
    const entry = await api<{ verdict: string }>('/v1/scans', {
      body: {
        scanId: crypto.randomUUID(),
        token: holder.body.token,
        gateId: 'main',
        direction: 'in',
        scannedAt: new Date().toISOString(),
        deviceId: 'floor-test',
      },
    });
    expect(entry.body.verdict).toBe('ADMITTED');
    const context = await phoneContext(browser(), pagesOrigin(), inject('organiserCredential'), 'fr', {
      width: 1280,
      height: 900,
    });
    const page = await context.newPage();
    await page.goto('/organise#floor');
    await page.locator('#evacuate').waitFor();
    // The floor's parts stand apart, as the other parts' cards do (they touched).
    expect(await smallestGap(page.locator('section.floor > *'))).toBeGreaterThanOrEqual(8);
    await page.locator('#evacuate-zone').selectOption('venue');
    await page.locator('#evacuate').click();
    // Without a reason, nothing happens but a word.
    expect(await page.locator('#evacuate-confirm').isVisible()).toBe(false);
    await page.locator('#evacuate-reason').fill('fuite d’eau au hall A');
    await page.locator('#evacuate').click();
    expect((await api('/v1/evacuations/current')).status).toBe(404);
    await page.locator('#evacuate-confirm').click();
    await page.locator('#roll-call').waitFor();
    try {
      expect(await page.locator('.evacuation-control').getAttribute('class')).toContain('active');
      expect(await page.locator(`#roll-call tr[data-ticket="${holder.body.ticketId}"]`).textContent()).toContain(
        'Karima Idrissi',
      );
      await page.screenshot({ path: screenshotPath('organise-evacuation-fr'), fullPage: true });
      await page.locator('#evacuation-end').click();
      await page.locator('#evacuation-end-confirm').click();
      await page.locator('#evacuate').waitFor();
    } finally {
      const current = await api<{ evacuationId: string }>('/v1/evacuations/current');
      if (current.status === 200) await api(`/v1/evacuations/${current.body.evacuationId}/end`, { method: 'POST' });
    }
    await context.close();
  });

  it('lets a supervisor override a pass-back with a reason on the gate page, in Arabic, and records it', async () => {
    const supervisor = await createCredential('supervisor', { gates: ['main'] }, 'مشرف البوابة الرئيسية');
    const page = await open('/gate', supervisor, 'ar');
    await page.locator('#readiness[data-ready="true"]').waitFor();
    const ticket = await api<{ token: string; ticketId: string }>('/v1/tickets', {
      body: { category: 'visitor', attentionNote: 'Fauteuil roulant : ouvrir la porte latérale' },
    });
    await typeCode(page, ticket.body.token);
    await expect.poll(() => page.locator('.verdict').getAttribute('data-verdict')).toBe('ADMITTED');
    // A note typed in French sits on lines of its own under the Arabic label, not run into its line.
    const label = await page.locator('.verdict-attention strong').boundingBox();
    const note = await page.locator('.verdict-attention .attention-text').boundingBox();
    expect(note?.y).toBeGreaterThanOrEqual((label?.y ?? 0) + (label?.height ?? 0) - 1);
    await page.screenshot({ path: screenshotPath('gate-attention-ar') });
    await page.locator('.verdict').click();
    await page.waitForTimeout(2100); // the same code within 2 s is the same scan
    await typeCode(page, ticket.body.token);
    await expect.poll(() => page.locator('.verdict').getAttribute('data-verdict')).toBe('ALREADY_INSIDE');
    await page.locator('.verdict-action').click();
    await page.locator('#override-dialog').waitFor();
    await page.screenshot({ path: screenshotPath('gate-override-ar') });
    await page.locator('#override-own').fill('مرافق زائر على كرسي متحرك');
    // The override's request held on a slow network: the screen says it is checking until the answer.
    const network = await heldRequests(page, '**/v1/scans');
    await page.locator('#override-admit').click();
    await network.sent;
    await page.locator('.verdict-checking').waitFor({ state: 'visible' });
    expect(await page.locator('.verdict-checking').textContent()).toContain('جارٍ التحقق…');
    network.release();
    await expect.poll(() => page.locator('.verdict').getAttribute('data-verdict')).toBe('ADMITTED');
    expect(await page.locator('.verdict-checking').isHidden()).toBe(true);
    expect(await page.locator('.verdict-meta').textContent()).toContain('دخول باستثناء');
    const { body } = await api<{ overrides: { ticketId?: string; reason?: string; by?: string }[] }>(
      '/v1/scans/overrides',
    );
    expect(body.overrides).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ticketId: ticket.body.ticketId,
          reason: 'مرافق زائر على كرسي متحرك',
          by: 'مشرف البوابة الرئيسية',
        }),
      ]),
    );
    // A steward's page offers no override.
    const steward = await open('/gate', await createCredential('gate', { gates: ['main'] }, 'steward'), 'ar');
    await steward.locator('#readiness[data-ready="true"]').waitFor();
    await typeCode(steward, ticket.body.token);
    await expect.poll(() => steward.locator('.verdict').getAttribute('data-verdict')).toBe('ALREADY_INSIDE');
    expect(await steward.locator('.verdict-action').count()).toBe(0);
    await page.context().close();
    await steward.context().close();
  });

  it('locks a gate phone with a PIN: its gate and sign-out then ask for it, in French', async () => {
    const page = await open('/gate', await createCredential('gate', { gates: ['main', 'east'] }, 'Prêté'), 'fr');
    await page.locator('#pin-lock summary').click();
    await page.locator('#pin-new').fill('2468');
    await page.locator('#pin-set').click();
    await page.locator('#pin-state').waitFor();
    expect(await page.locator('#gate').isDisabled()).toBe(true);
    // Sign-out with a wrong PIN keeps the phone signed in: the prompt gets 1111, then "Wrong PIN."
    const seen: string[] = [];
    const answer = (dialog: import('playwright-core').Dialog) => {
      seen.push(dialog.type());
      void dialog.accept(dialog.type() === 'prompt' ? '1111' : undefined);
    };
    page.on('dialog', answer);
    await page.locator('header .account button').click();
    await expect.poll(() => seen).toEqual(['prompt', 'alert']);
    page.off('dialog', answer);
    await page.reload();
    await page.locator('#pin-state').waitFor();
    expect(await page.locator('#gate').isDisabled()).toBe(true);
    // The right PIN unlocks, typed on an Arabic keyboard too (its digits are ٠ to ٩).
    page.once('dialog', (dialog) => void dialog.accept('٢٤٦٨'));
    await page.locator('#pin-unlock').click();
    await expect.poll(() => page.locator('#gate').isDisabled()).toBe(false);
    await page.context().close();
  });
});
