import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket } from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * Leads on the real engines: a booth gets a visitor's contact only when the visitor showed it their
 * consent code, and only the fields they agreed to share; their latest word wins; the booth's notes
 * are kept with the latest edit; exports read back by parsers of their own.
 */
interface Lead {
  ticketId: string;
  method: string;
  recordedBy?: string;
  contact: Record<string, string>;
  rating?: string;
  tags?: string[];
  note?: string;
  stale?: boolean;
}
interface Leads {
  visitorsSeen: number;
  leads: Lead[];
}
interface Issued {
  ticketId: string;
  token: string;
  consentCode?: string;
}

const badge = (ticket: Issued, answer: { consent?: boolean; code?: string } = {}, at = fairNow()) => ({
  eventId: crypto.randomUUID(),
  at,
  kind: 'badge',
  token: ticket.token,
  ...(answer.consent !== undefined ? { consent: answer.consent } : {}),
  ...(answer.code ? { consentCode: answer.code } : {}),
});

const sharing = (name: string, share = ['name', 'phone']) =>
  issueTicket({
    category: 'visitor',
    holderName: name,
    contact: { phone: '06 12 34 56 78', email: `${name.split(' ')[0]?.toLowerCase()}@example.ma`, city: 'Oujda' },
    share,
  }) as Promise<Issued>;

async function leadsOf(boothId: string, until: (leads: Leads) => boolean, query = '', credential?: string) {
  return eventually(`the leads of ${boothId}`, async () => {
    const { body } = await api<Leads>(`/v1/booths/${boothId}/leads${query}`, credential ? { credential } : {});
    return until(body) ? body : undefined;
  });
}

describe('leads a visitor gives', () => {
  it('gives a booth only what the visitor agreed to share, and only when they showed their consent code', async () => {
    const exhibitor = await createCredential('exhibitor', { booth: 'A021' }, 'A021 phone');
    const amina = await sharing('Amina Haddou');
    const quiet = (await issueTicket({
      category: 'visitor',
      holderName: 'Youssef Karimi',
      contact: { phone: '0698765432' },
    })) as Issued;
    const claimed = await sharing('Nadia Saidi');
    const borrowed = await sharing('Omar Bennani');
    expect(amina.consentCode).toMatch(/^rwqc\./);
    // Nothing agreed, no consent code to show.
    expect(quiet.consentCode).toBeUndefined();
    const events = [
      badge(amina, { consent: true, code: amina.consentCode }),
      badge(quiet, { consent: true }),
      // The exhibitor's word alone, and another visitor's code: a photographed badge is not consent.
      badge(claimed, { consent: true }),
      badge(borrowed, { consent: true, code: amina.consentCode }),
    ];
    const sent = await api<{ accepted: number; consentNotShown?: string[] }>('/v1/booths/A021/footfall', {
      body: { events },
      credential: exhibitor,
    });
    expect(sent.status).toBe(202);
    expect(sent.body.accepted).toBe(4);
    expect(sent.body.consentNotShown).toEqual([events[1]?.eventId, events[2]?.eventId, events[3]?.eventId]);
    const { leads } = await leadsOf('A021', (body) => body.visitorsSeen === 4, '', exhibitor);
    expect(leads).toEqual([
      expect.objectContaining({
        ticketId: amina.ticketId,
        method: 'consent-code',
        recordedBy: 'A021 phone',
        contact: { name: 'Amina Haddou', phone: '+212612345678' },
      }),
    ]);
    // The organiser sees all the visitor left, at the desk.
    const desk = await api<{ contact: Record<string, string>; share: string[]; consentCode: string }>(
      `/v1/tickets/${amina.ticketId}`,
    );
    expect(desk.body).toMatchObject({
      contact: { phone: '+212612345678', email: 'amina@example.ma', city: 'Oujda' },
      share: ['name', 'phone'],
      consentCode: amina.consentCode,
    });
  });

  it("lets the visitor's latest word win at each booth, whichever order the answers arrive in", async () => {
    const changed = await sharing('Karim Ouali');
    const late = await sharing('Salma Idrissi');
    const marker = await sharing('Hind Tazi');
    const at = (secondsAgo: number) => new Date(Date.parse(fairNow()) - secondsAgo * 1000).toISOString();
    // Karim says yes, then no. Salma's later no arrives before her earlier yes.
    await api('/v1/booths/A022/footfall', {
      body: {
        events: [
          badge(changed, { consent: true, code: changed.consentCode }, at(60)),
          badge(late, { consent: false }, at(10)),
        ],
      },
    });
    await api('/v1/booths/A022/footfall', {
      body: {
        events: [
          badge(changed, { consent: false }, at(30)),
          badge(late, { consent: true, code: late.consentCode }, at(50)),
          // Sent with the last answers: once it is a lead, they have been judged.
          badge(marker, { consent: true, code: marker.consentCode }, at(5)),
        ],
      },
    });
    const { leads } = await leadsOf('A022', (body) => body.leads.some((lead) => lead.ticketId === marker.ticketId));
    expect(leads.map((lead) => lead.ticketId)).toEqual([marker.ticketId]);
    // A yes at one booth is not a yes at another.
    const other = await api<Leads>('/v1/booths/A023/leads');
    expect(other.body.leads).toEqual([]);
  });

  it("keeps the booth's rating, tags and note with the latest edit, and exports them to CSV and vCard", async () => {
    const visitor = await sharing('Fatima Zahra El Amrani', ['name', 'phone', 'email', 'city']);
    const stranger = await sharing('Rachid Moussaoui');
    await api('/v1/booths/A020/footfall', {
      body: {
        events: [badge(visitor, { consent: true, code: visitor.consentCode }), badge(stranger, { consent: false })],
      },
    });
    await leadsOf('A020', (body) => body.visitorsSeen >= 2 && body.leads.length === 1);
    const edit = (body: Record<string, unknown>, ticketId = visitor.ticketId) =>
      api<Lead>(`/v1/booths/A020/leads/${ticketId}`, { method: 'PUT', body });
    const now = Date.parse(fairNow());
    const first = await edit({
      rating: 'hot',
      tags: ['olives de table', "huile d'olive extra vierge"],
      note: 'Veut 20 L pour son restaurant; rappeler lundi',
      editedAt: new Date(now).toISOString(),
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rating: 'hot', note: 'Veut 20 L pour son restaurant; rappeler lundi' });
    // Edited offline earlier on a second phone, synced later: the stored edit stays.
    const older = await edit({ rating: 'cold', editedAt: new Date(now - 60_000).toISOString() });
    expect(older.body).toMatchObject({ stale: true, rating: 'hot' });
    // Not a lead (said no), a tag the booth does not sell, bad shapes: refused, nothing changed.
    expectErrorBody((await edit({ rating: 'warm', editedAt: fairNow() }, stranger.ticketId)).body, 'NOT_FOUND');
    const tag = await edit({ tags: ['argan'], editedAt: fairNow() });
    expect(JSON.stringify(expectErrorBody(tag.body, 'VALIDATION_FAILED').details)).toContain('argan');
    for (const bad of [
      { rating: 'lukewarm', editedAt: fairNow() },
      { note: 'x'.repeat(501), editedAt: fairNow() },
      { rating: 'hot' },
      { rating: 'hot', editedAt: fairNow(), phone: '0600000000' },
    ])
      expect((await edit(bad)).status).toBe(400);

    const csv = await fetchText('/v1/booths/A020/leads.csv?period=fair&lang=fr');
    expect(csv.type).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.body, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Jour: fairNow().slice(0, 10),
      Nom: 'Fatima Zahra El Amrani',
      Téléphone: '06 12 34 56 78',
      'E-mail': 'fatima@example.ma',
      Ville: 'Oujda',
      Intérêt: 'chaud',
      Produits: "olives de table, huile d'olive extra vierge",
      Note: 'Veut 20 L pour son restaurant; rappeler lundi',
    });

    const vcf = await fetchText('/v1/booths/A020/leads.vcf?period=fair');
    expect(vcf.type).toContain('text/vcard');
    const cards = ICAL.parse(vcf.body);
    const [card] = (Array.isArray(cards[0]) ? cards : [cards]) as unknown[];
    const component = new ICAL.Component(card as unknown[]);
    expect(component.getFirstPropertyValue('fn')).toBe('Fatima Zahra El Amrani');
    expect(component.getFirstPropertyValue('tel')).toBe('+212612345678');
    expect(component.getFirstPropertyValue('email')).toBe('fatima@example.ma');
    expect(String(component.getFirstPropertyValue('note'))).toContain('rappeler lundi');
  });

  it('answers 404 for a lead of an unknown booth, and refuses a consent that is not a yes or a no', async () => {
    const visitor = await sharing('Leila Chraibi');
    expectErrorBody((await api('/v1/booths/Z999/leads')).body, 'NOT_FOUND');
    expect(
      (await api(`/v1/booths/A020/leads/${visitor.ticketId}`, { method: 'PUT', body: { editedAt: fairNow() } })).status,
    ).toBe(404);
    const bad = await api('/v1/booths/A020/footfall', { body: { events: [{ ...badge(visitor), consent: 'yes' }] } });
    expect(bad.status).toBe(400);
    const long = await api('/v1/booths/A020/footfall', {
      body: { events: [badge(visitor, { consent: true, code: 'x'.repeat(101) })] },
    });
    expect(long.status).toBe(400);
    expect((await api('/v1/booths/A020/leads?period=week')).status).toBe(400);
    const phone = await api('/v1/tickets', {
      body: { category: 'visitor', contact: { phone: 'call me' }, share: ['phone'] },
    });
    expect(expectErrorBody(phone.body, 'VALIDATION_FAILED').details[0]?.path).toBe('contact.phone');
    const field = await api('/v1/tickets', { body: { category: 'visitor', share: ['password'] } });
    expect(field.status).toBe(400);
  });
});

describe("the visitor's rights at the desk", () => {
  it('withdraws and erases exactly what it should, logs each act, and leaves the counts', async () => {
    const visitor = await sharing('Meryem Lahlou');
    const marker = await sharing('Hamza Rifi');
    const at = (secondsAgo: number) => new Date(Date.parse(fairNow()) - secondsAgo * 1000).toISOString();
    const yes = (ticket: Issued, when = fairNow()) => badge(ticket, { consent: true, code: ticket.consentCode }, when);
    for (const booth of ['A024', 'A025'])
      await api(`/v1/booths/${booth}/footfall`, { body: { events: [yes(visitor)] } });
    await api('/v1/booths/A026/footfall', { body: { events: [badge(visitor)] } });
    for (const booth of ['A024', 'A025']) await leadsOf(booth, (body) => body.leads.length === 1);
    await eventually('the visit at A026', async () =>
      (await api<{ visits: number }>('/v1/booths/A026/stats')).body.visits === 1 ? true : undefined,
    );
    const visitsBefore = (await api<{ visits: number }>('/v1/booths/A024/stats')).body.visits;

    const shown = await api<{
      holderName: string;
      contact: Record<string, string>;
      consents: { boothId: string; consent: boolean; method: string }[];
      boothsVisited: { boothId: string }[];
    }>(`/v1/tickets/${visitor.ticketId}/privacy`);
    expect(shown.status).toBe(200);
    expect(shown.body.holderName).toBe('Meryem Lahlou');
    expect(shown.body.contact.email).toBe('meryem@example.ma');
    expect(shown.body.consents.map((c) => [c.boothId, c.consent, c.method])).toEqual([
      ['A024', true, 'consent-code'],
      ['A025', true, 'consent-code'],
    ]);
    expect(shown.body.boothsVisited.map((v) => v.boothId).sort()).toEqual(['A024', 'A025', 'A026']);

    const withdrawn = await api(`/v1/tickets/${visitor.ticketId}/privacy/withdraw`, { body: { boothId: 'A024' } });
    expect(withdrawn.body).toEqual({ ticketId: visitor.ticketId, withdrawn: ['A024'] });
    // A yes made before the withdrawal, synced after by a phone that was offline, does not bring it back.
    await api('/v1/booths/A024/footfall', { body: { events: [yes(visitor, at(20)), yes(marker)], offline: true } });
    const a024 = await leadsOf('A024', (body) => body.leads.some((lead) => lead.ticketId === marker.ticketId));
    expect(a024.leads.map((lead) => lead.ticketId)).toEqual([marker.ticketId]);
    expect((await leadsOf('A025', () => true)).leads.map((lead) => lead.ticketId)).toEqual([visitor.ticketId]);

    const refused = await api(`/v1/tickets/${visitor.ticketId}/privacy/erase`, { body: {} });
    expect(refused.status).toBe(400);
    const erased = await api(`/v1/tickets/${visitor.ticketId}/privacy/erase`, { body: { confirm: true } });
    expect(erased.body).toEqual({ ticketId: visitor.ticketId, erased: true, withdrawn: ['A025'] });
    const ticket = await api<Record<string, unknown>>(`/v1/tickets/${visitor.ticketId}`);
    for (const field of ['holderName', 'contact', 'consentCode']) expect(ticket.body).not.toHaveProperty(field);
    expect(ticket.body.share).toEqual([]);
    const search = await api<{ tickets: unknown[] }>('/v1/tickets?q=meryem lahlou');
    expect(search.body.tickets).toEqual([]);
    expect((await api<Leads>('/v1/booths/A025/leads')).body.leads).toEqual([]);
    // The counts stay, anonymous.
    expect((await api<{ visits: number }>('/v1/booths/A024/stats')).body.visits).toBe(visitsBefore + 2);
    const after = await api<{ erasedAt?: string; privacyLog: { act: string; by: string }[] }>(
      `/v1/tickets/${visitor.ticketId}/privacy`,
    );
    expect(after.body.erasedAt).toBeDefined();
    expect(after.body.privacyLog.map((entry) => entry.act)).toEqual(['shown', 'withdrawn', 'withdrawn', 'erased']);
    expect(after.body.privacyLog[0]?.by).toMatch(/organiser/);
  });

  it('answers 404 for an unknown ticket or booth, 400 for a malformed one, 403 to an exhibitor', async () => {
    const visitor = await sharing('Zineb Amrani');
    const unknown = 'AAAAAAAAAAAAAAAA';
    expectErrorBody((await api(`/v1/tickets/${unknown}/privacy`)).body, 'NOT_FOUND');
    expectErrorBody((await api(`/v1/tickets/${unknown}/privacy/erase`, { body: { confirm: true } })).body, 'NOT_FOUND');
    expectErrorBody(
      (await api(`/v1/tickets/${visitor.ticketId}/privacy/withdraw`, { body: { boothId: 'Z999' } })).body,
      'NOT_FOUND',
    );
    expect((await api('/v1/tickets/not-a-ticket/privacy')).status).toBe(400);
    expect((await api(`/v1/tickets/${visitor.ticketId}/privacy/withdraw`, { body: { all: true } })).status).toBe(400);
    const exhibitor = await createCredential('exhibitor', { booth: 'A024' });
    expect((await api(`/v1/tickets/${visitor.ticketId}/privacy`, { credential: exhibitor })).status).toBe(403);
  });
});

describe("a booth's poster, on a visitor's own phone", () => {
  const interest = (boothId: string, body: Record<string, unknown>) =>
    api<{ counted: boolean; lead?: string }>(`/v1/booths/${boothId}/interest`, { body, credential: null });

  it('shows the booth without a credential, and counts one interest visit per phone and day, however many taps', async () => {
    const poster = await api<{ exhibitor: string; products: string[]; zone: { zoneId: string } }>(
      '/v1/booths/A020/poster',
      { credential: null },
    );
    expect(poster.status).toBe(200);
    expect(poster.body).toMatchObject({ exhibitor: 'Coopérative Al Baraka Driouch', zone: { zoneId: 'hall-a' } });
    expect(poster.body.products).toContain('olives de table');
    const stats = async () => (await api<{ interestVisits?: number; visits: number }>('/v1/booths/A028/stats')).body;
    const before = await stats();
    const phone = crypto.randomUUID();
    // Ten taps at once from one phone, and one from another: two interest visits.
    const answers = await Promise.all(Array.from({ length: 10 }, () => interest('A028', { phoneId: phone })));
    expect(answers.filter((answer) => answer.body.counted)).toHaveLength(1);
    expect((await interest('A028', { phoneId: crypto.randomUUID() })).body.counted).toBe(true);
    const after = await stats();
    expect(after.interestVisits).toBe((before.interestVisits ?? 0) + 2);
    // Never in the booth's visits: nothing verifies a poster scan.
    expect(after.visits).toBe(before.visits);
  });

  it('makes a lead only with the visitor’s explicit yes, and takes it back with their no', async () => {
    const phone = crypto.randomUUID();
    const noConsent = await interest('A029', { phoneId: phone, contact: { phone: '0612121212' } });
    expect(expectErrorBody(noConsent.body, 'VALIDATION_FAILED').details.map((d) => d.path)).toContain('consent');
    const yes = await interest('A029', {
      phoneId: phone,
      contact: { name: 'Imane', phone: '0612121212' },
      consent: true,
      wording: 'poster-1-ar',
    });
    expect(yes.body).toMatchObject({ lead: 'kept' });
    const leads = await api<Leads>('/v1/booths/A029/leads');
    expect(leads.body.leads).toEqual([
      expect.objectContaining({
        ticketId: `p-${phone}`,
        method: 'poster',
        contact: { name: 'Imane', phone: '+212612121212' },
      }),
    ]);
    // The booth rates it like any lead.
    const rated = await api<Lead>(`/v1/booths/A029/leads/p-${phone}`, {
      method: 'PUT',
      body: { rating: 'warm', editedAt: fairNow() },
    });
    expect(rated.body).toMatchObject({ rating: 'warm' });
    expect((await interest('A029', { phoneId: phone, consent: false })).body).toMatchObject({ lead: 'withdrawn' });
    expect((await api<Leads>('/v1/booths/A029/leads')).body.leads).toEqual([]);
  });

  it.each([
    ['no phone id', {}, 'phoneId'],
    ['a phone id that is not a uuid', { phoneId: 'phone-1' }, 'phoneId'],
    [
      'a number that is not one',
      { phoneId: crypto.randomUUID(), contact: { phone: 'abc' }, consent: true },
      'contact.phone',
    ],
    ['a yes without a number', { phoneId: crypto.randomUUID(), consent: true }, 'contact'],
    ['an unknown field', { phoneId: crypto.randomUUID(), email: 'a@b.c' }, ''],
  ])('refuses %s with 400', async (_label, body, path) => {
    const answer = await interest('A029', body);
    expect(answer.status).toBe(400);
    if (path) expect(expectErrorBody(answer.body, 'VALIDATION_FAILED').details.map((d) => d.path)).toContain(path);
  });

  it('answers 404 for a booth the fair does not have', async () => {
    expectErrorBody((await api('/v1/booths/Z999/poster', { credential: null })).body, 'NOT_FOUND');
    expectErrorBody((await interest('Z999', { phoneId: crypto.randomUUID() })).body, 'NOT_FOUND');
  });
});

/** A file as it arrives, byte-order mark included (a response's text() would drop it). */
async function fetchText(route: string): Promise<{ type: string; body: string }> {
  const response = await fetch(`${inject('apiUrl')}${route}`, {
    headers: { authorization: `Bearer ${inject('organiserCredential')}` },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    type: response.headers.get('content-type') ?? '',
    body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
  };
}
