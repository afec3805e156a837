import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket, scan } from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * What organisers do from their pages, through the API: short codes typed when a QR code is torn,
 * finding a ticket by holder, cancelling a workshop, a capacity changed with its reason, credentials
 * for every booth at once, a test alert to a webhook.
 */
const at = (minutes: number) => new Date(Date.parse(fairNow()) + minutes * 60_000).toISOString();

interface Issued {
  ticketId: string;
  token: string;
  shortCode: string;
}

describe('short codes', () => {
  it('admits at a gate by the short code printed under the QR code, typed in any case, dashed or not', async () => {
    const ticket = (await issueTicket({ category: 'visitor', holderName: 'Rachid El Fassi' })) as unknown as Issued;
    expect(ticket.shortCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const typed = ticket.shortCode.replace('-', ' ').toLowerCase();
    const first = await scan(typed, 'main', 'in');
    expect(first.body).toMatchObject({ verdict: 'ADMITTED', ticketId: ticket.ticketId });
    // The same person, now by the QR code: the same ticket.
    expect((await scan(ticket.token, 'main', 'in')).body.verdict).toBe('ALREADY_INSIDE');
    // Typed on an Arabic keyboard, its digits come as ٠ to ٩: the same code, the same ticket. (A code
    // may have no digit at all, one in 40: another ticket then, until one has.)
    let digits = ticket;
    while (!/\d/.test(digits.shortCode)) digits = (await issueTicket()) as unknown as Issued;
    const arabicDigits = digits.shortCode.replace(/\d/g, (digit) => String.fromCharCode(0x660 + Number(digit)));
    const typedInArabic = await scan(arabicDigits, 'main', digits === ticket ? 'out' : 'in');
    expect(typedInArabic.body).toMatchObject({ ticketId: digits.ticketId });
    expect(typedInArabic.body.verdict).toBe(digits === ticket ? 'EXITED' : 'ADMITTED');
    // A code that names no ticket is as good as a forged token.
    expect((await scan('ZZZZZ-ZZZZZ', 'main', 'in')).body.verdict).toBe('INVALID_TOKEN');
    const shown = await api<{ shortCode: string; token: string }>(`/v1/tickets/${ticket.ticketId}`);
    expect(shown.body).toMatchObject({ shortCode: ticket.shortCode, token: ticket.token });
  });

  it('registers and admits at a workshop by short code', async () => {
    const workshop = await api<{ workshopId: string }>('/v1/workshops', {
      body: { title: 'Short codes', startsAt: at(-5), endsAt: at(60), capacity: 5, registrationRequired: true },
    });
    const ticket = (await issueTicket()) as unknown as Issued;
    const registered = await api<{ verdict: string }>(`/v1/workshops/${workshop.body.workshopId}/registrations`, {
      body: { token: ticket.shortCode },
    });
    expect(registered.body.verdict).toBe('REGISTERED');
    const admitted = await api<{ verdict: string }>(`/v1/workshops/${workshop.body.workshopId}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: ticket.shortCode },
    });
    expect(admitted.body.verdict).toBe('ADMITTED');
  });
});

describe("an organiser's searches and changes", () => {
  it('finds tickets by part of the holder’s name (accents, case and Arabic spellings aside), by id and by short code', async () => {
    const ticket = (await issueTicket({ category: 'press', holderName: 'Hélène Ben Brahim' })) as unknown as Issued;
    const byName = await api<{ tickets: { ticketId: string; holderName: string; shortCode: string }[] }>(
      `/v1/tickets?q=${encodeURIComponent('helene ben')}`,
    );
    expect(byName.body.tickets).toContainEqual(
      expect.objectContaining({
        ticketId: ticket.ticketId,
        holderName: 'Hélène Ben Brahim',
        shortCode: ticket.shortCode,
      }),
    );
    // Arabic as people type it: ha for a final ta marbuta, ya for alif maqsura, no hamza, a stretched
    // letter; and a hyphen for a space.
    const arabic = (await issueTicket({ category: 'visitor', holderName: 'فاطمة-الزهراء مصطفى' })) as unknown as Issued;
    for (const typed of ['فاطمه الزهراء', 'مصطفي', 'الزهـــراء', 'فاطمة-الزهراء'])
      expect(
        (await api<{ tickets: { ticketId: string }[] }>(`/v1/tickets?q=${encodeURIComponent(typed)}`)).body.tickets,
      ).toContainEqual(expect.objectContaining({ ticketId: arabic.ticketId }));
    const hamza = (await issueTicket({ category: 'visitor', holderName: 'أحمد إبراهيم' })) as unknown as Issued;
    const plain = await api<{ tickets: { ticketId: string }[] }>(`/v1/tickets?q=${encodeURIComponent('احمد ابراهيم')}`);
    expect(plain.body.tickets).toContainEqual(expect.objectContaining({ ticketId: hamza.ticketId }));
    const byCode = await api<{ tickets: { ticketId: string }[] }>(`/v1/tickets?q=${ticket.shortCode}`);
    expect(byCode.body.tickets.map((found) => found.ticketId)).toEqual([ticket.ticketId]);
    const byId = await api<{ tickets: { ticketId: string }[] }>(`/v1/tickets?q=${ticket.ticketId}`);
    expect(byId.body.tickets.map((found) => found.ticketId)).toEqual([ticket.ticketId]);
    expect((await api('/v1/tickets?q=x')).status).toBe(400);
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await api('/v1/tickets?q=helene', { credential: gate })).status).toBe(403);
  });

  it("lists a set of badges to print together (a booth's staff, a category, a day's issues), tokens with them", async () => {
    const staff = await Promise.all(
      ['Nadia Sbai', 'Omar Kettani', 'Salma Idrissi'].map((holderName) =>
        issueTicket({ category: 'exhibitor', boothId: 'B061', holderName }),
      ),
    );
    const gone = await issueTicket({ category: 'exhibitor', boothId: 'B061', holderName: 'Revoked Person' });
    expect((await api(`/v1/tickets/${gone.ticketId}/revoke`, { body: {} })).status).toBe(200);
    type Listed = { ticketId: string; holderName?: string; token?: string; category: string };
    const set = await api<{ tickets: Listed[]; more: boolean }>('/v1/tickets?boothId=B061&badges=true');
    expect(set.status).toBe(200);
    // The booth's live staff, oldest first, each with the token its badge prints; the revoked left out.
    expect(set.body.tickets.map((ticket) => ticket.ticketId).sort()).toEqual(
      staff.map((ticket) => ticket.ticketId).sort(),
    );
    for (const ticket of set.body.tickets)
      expect(ticket.token).toBe(staff.find((issued) => issued.ticketId === ticket.ticketId)?.token);
    expect(set.body.more).toBe(false);
    // Without badges=true, no token; a category and a day narrow the same way.
    const plain = await api<{ tickets: Listed[] }>('/v1/tickets?boothId=B061');
    expect(plain.body.tickets.every((ticket) => ticket.token === undefined)).toBe(true);
    const today = fairNow().slice(0, 10);
    const pressToday = await issueTicket({ category: 'press', holderName: 'Set Press Today' });
    const press = await api<{ tickets: Listed[] }>(`/v1/tickets?category=press&issuedOn=${today}`);
    expect(press.body.tickets.map((ticket) => ticket.ticketId)).toContain(pressToday.ticketId);
    expect(press.body.tickets.every((ticket) => ticket.category === 'press')).toBe(true);
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = await api<{ tickets: Listed[] }>(`/v1/tickets?category=press&issuedOn=${yesterday}`);
    expect(before.body.tickets.map((ticket) => ticket.ticketId)).not.toContain(pressToday.ticketId);
    // Refused with the field named: a category that is not, a set and a name together, nothing at all.
    for (const [query, field] of [
      ['category=guest', 'category'],
      ['q=nadia&category=press', 'q'],
      ['boothId=B061&badges=yes', 'badges'],
      ['issuedOn=2027-3-26', 'issuedOn'],
      ['', 'q'],
    ] as const) {
      const refused = await api(`/v1/tickets?${query}`);
      expect(refused.status, query).toBe(400);
      expect(
        expectErrorBody(refused.body, 'VALIDATION_FAILED').details.map((detail) => detail.path),
        query,
      ).toContain(`query.${field}`);
    }
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await api('/v1/tickets?boothId=B061&badges=true', { credential: gate })).status).toBe(403);
  });

  it('cancels a workshop: its door admits nobody, registration stops, a second cancel is a conflict', async () => {
    const workshop = await api<{ workshopId: string }>('/v1/workshops', {
      body: { title: 'Called off', startsAt: at(-5), endsAt: at(60), capacity: 5, registrationRequired: false },
    });
    const id = workshop.body.workshopId;
    const cancelled = await api<{ status: string; cancelReason: string }>(`/v1/workshops/${id}/cancel`, {
      body: { reason: 'speaker ill' },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'speaker ill' });
    const ticket = await issueTicket();
    const door = await api<{ verdict: string }>(`/v1/workshops/${id}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: ticket.token },
    });
    expect(door.body.verdict).toBe('NOT_OPEN');
    expectErrorBody(
      (await api(`/v1/workshops/${id}/registrations`, { body: { token: ticket.token } })).body,
      'CONFLICT',
    );
    expectErrorBody((await api(`/v1/workshops/${id}/cancel`, { body: {} })).body, 'CONFLICT');
    expect((await api(`/v1/workshops/${id}/cancel`, { body: { reason: 7 } })).status).toBe(400);
  });

  it('keeps why and by whom a zone’s capacity was changed', async () => {
    const changed = await api<{ lastChange: Record<string, unknown> }>('/v1/zones/room-1', {
      method: 'PATCH',
      body: { capacity: 38, reason: 'two tables moved in front of the exit' },
    });
    expect(changed.body.lastChange).toMatchObject({
      reason: 'two tables moved in front of the exit',
      by: expect.any(String),
      capacity: { from: expect.any(Number), to: 38 },
    });
    const { body } = await api<{ zones: { zoneId: string; lastChange?: { reason: string } }[] }>('/v1/fair');
    expect(body.zones.find((zone) => zone.zoneId === 'room-1')?.lastChange?.reason).toBe(
      'two tables moved in front of the exit',
    );
    expect((await api('/v1/zones/room-1', { method: 'PATCH', body: { reason: 'nothing else' } })).status).toBe(400);
    await api('/v1/zones/room-1', { method: 'PATCH', body: { capacity: 40, reason: 'tables back' } });
  });

  it('says the floor plan’s safe capacity, and warns when a capacity set on the day is above it', async () => {
    const { body } = await api<{ zones: { zoneId: string; safeCapacity?: number; exitWidthsM?: number[] }[] }>(
      '/v1/fair',
    );
    // room-1: 120 m² / 1.5 = 80, one 0.9 m door: at most 60 (the single-exit limit).
    expect(body.zones.find((zone) => zone.zoneId === 'room-1')).toMatchObject({ safeCapacity: 60, exitWidthsM: [0.9] });
    expect(body.zones.find((zone) => zone.zoneId === 'venue')?.safeCapacity).toBe(1800);
    const above = await api<{ capacity: number; safeCapacity: number; aboveSafeCapacity: boolean }>(
      '/v1/zones/room-1',
      {
        method: 'PATCH',
        body: { capacity: 70, reason: 'fire officer allows standing at the back' },
      },
    );
    expect(above.status).toBe(200);
    expect(above.body).toMatchObject({ capacity: 70, safeCapacity: 60, aboveSafeCapacity: true });
    const back = await api<{ aboveSafeCapacity: boolean }>('/v1/zones/room-1', {
      method: 'PATCH',
      body: { capacity: 40, reason: 'back to the seats' },
    });
    expect(back.body.aboveSafeCapacity).toBe(false);
  });

  it('makes a credential per booth in one call, all checked before any is made', async () => {
    const booths = ['A030', 'A031', 'A032'];
    const made = await api<{ credentials: { credential: string; scope: { booth: string } }[] }>(
      '/v1/credentials/batch',
      {
        body: {
          credentials: booths.map((booth) => ({ role: 'exhibitor', scope: { booth }, label: `Booth ${booth}` })),
        },
      },
    );
    expect(made.status).toBe(201);
    expect(made.body.credentials.map((credential) => credential.scope.booth)).toEqual(booths);
    const stats = await api(`/v1/booths/A031/stats`, { credential: made.body.credentials[1]?.credential });
    expect(stats.status).toBe(200);
    const refused = await api<{ error: { details: { path: string }[] } }>('/v1/credentials/batch', {
      body: {
        credentials: [
          { role: 'exhibitor', scope: { booth: 'A033' }, label: 'fine' },
          { role: 'exhibitor', scope: {}, label: 'no booth' },
        ],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((detail) => detail.path)).toEqual(['credentials.1.scope.booth']);
    const listed = await api<{ credentials: { label: string }[] }>('/v1/credentials');
    expect(listed.body.credentials.map((credential) => credential.label)).not.toContain('fine');
  });
});

describe('a test alert', () => {
  const received: { body: string; signature: string }[] = [];
  let url = '';
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.url === '/test-hook')
        received.push({ body, signature: String(request.headers['x-rawaq-signature']) });
      response.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/test-hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reaches a subscriber through the delivery queue, signed like a real one', async () => {
    const subscription = await api<{ subscriptionId: string }>('/v1/alert-subscriptions', {
      body: { kind: 'webhook', url },
    });
    const sent = await api<{ deliveryId: string }>(`/v1/alert-subscriptions/${subscription.body.subscriptionId}/test`, {
      body: {},
    });
    expect(sent.status).toBe(202);
    const delivered = await eventually('the test alert', async () => received[0]);
    expect(JSON.parse(delivered.body)).toMatchObject({ kind: 'test' });
    expect(delivered.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    await api(`/v1/alert-subscriptions/${subscription.body.subscriptionId}`, { method: 'DELETE' });
    expectErrorBody(
      (await api(`/v1/alert-subscriptions/${subscription.body.subscriptionId}/test`, { body: {} })).body,
      'NOT_FOUND',
    );
  });
});
