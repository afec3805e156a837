import { describe, expect, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket } from '../support/api-client';

/** The same token with its last character changed: a forgery the signature catches. */
const forgedToken = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

/**
 * The floor's other people: the information desk (tickets, badges, workshop registrations, a visitor's
 * privacy requests, nothing that runs the fair) and a viewer's screen (the dashboard and the reports,
 * read only). Each allowed route answers, each other one is 403 naming what it needs.
 */
describe('the desk and the viewer', () => {
  it('lets the desk issue, find, revoke one ticket, register and show a visitor’s record; nothing else', async () => {
    const desk = await createCredential('desk', {}, 'Information desk, Latifa');
    const as = { credential: desk };
    const issued = await api<{ ticketId: string; shortCode: string }>('/v1/tickets', {
      ...as,
      body: { category: 'visitor', holderName: 'Samira Haddou' },
    });
    expect(issued.status).toBe(201);
    const { ticketId } = issued.body;
    expect((await api(`/v1/tickets?q=${encodeURIComponent('Haddou')}`, as)).status).toBe(200);
    expect((await api(`/v1/tickets/${ticketId}`, as)).status).toBe(200);
    expect((await api(`/v1/tickets/${ticketId}/privacy`, as)).status).toBe(200);
    const { body } = await api<{ workshops: { workshopId: string; registrationRequired: boolean; status?: string }[] }>(
      '/v1/workshops',
    );
    const open = body.workshops.find((workshop) => workshop.registrationRequired && workshop.status !== 'cancelled');
    expect(open, 'a workshop taking registrations').toBeDefined();
    const registered = await api(`/v1/workshops/${open?.workshopId}/registrations`, {
      ...as,
      body: { token: (await issueTicket()).token },
    });
    expect(registered.status).toBe(200);
    expect((await api(`/v1/tickets/${ticketId}/revoke`, { ...as, body: {} })).status).toBe(200);
    const refused = [
      await api('/v1/tickets/revoke', { ...as, body: { ticketIds: [ticketId] } }),
      await api(`/v1/tickets/${ticketId}/privacy/erase`, { ...as, body: { confirm: true } }),
      await api('/v1/zones/room-1', { ...as, method: 'PATCH', body: { capacity: 30 } }),
      await api('/v1/credentials', { ...as, body: { role: 'gate', scope: { gates: ['main'] }, label: 'x' } }),
      await api('/v1/occupancy', as),
      await api('/v1/alerts', as),
      await api('/v1/evacuations', { ...as, body: { reason: 'drill' } }),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expectErrorBody(answer.body, 'FORBIDDEN');
    }
  });

  it('answers the desk’s dry run by the gates’ own rules, recording nothing', async () => {
    const desk = await createCredential('desk', {}, 'Information desk, dry runs');
    const visitor = await issueTicket({ category: 'visitor' });
    const exhibitor = await issueTicket({ category: 'exhibitor' });
    const day = '2027-03-27';
    const tryAt = async (token: string, gateId: string, time: string) =>
      (
        await api<{ verdict: string; rule?: { open: boolean; gateAllowed: boolean } }>('/v1/scans/dry-run', {
          credential: desk,
          body: { token, gateId, at: `${day}T${time}:00Z` },
        })
      ).body;
    // The demo fair: visitors from 10:00 and not by the service gate; exhibitors from 08:00, by it too.
    expect(await tryAt(visitor.token, 'main', '09:00')).toMatchObject({
      verdict: 'FAIR_CLOSED',
      rule: { open: false, gateAllowed: true },
    });
    expect(await tryAt(visitor.token, 'main', '11:00')).toMatchObject({ verdict: 'ADMITTED', rule: { open: true } });
    expect(await tryAt(visitor.token, 'service', '11:00')).toMatchObject({
      verdict: 'WRONG_GATE',
      rule: { gateAllowed: false },
    });
    expect(await tryAt(exhibitor.token, 'service', '08:30')).toMatchObject({ verdict: 'ADMITTED' });
    expect((await tryAt(forgedToken(visitor.token), 'main', '11:00')).verdict).toBe('INVALID_TOKEN');
    // Nothing recorded: the tickets are where they were.
    for (const ticket of [visitor, exhibitor])
      expect((await api(`/v1/tickets/${ticket.ticketId}`)).body).toMatchObject({ inside: false, entries: 0 });
    // Bad input, an unknown gate, a gate credential.
    expect((await api('/v1/scans/dry-run', { credential: desk, body: { token: '', gateId: 'main' } })).status).toBe(
      400,
    );
    expect(
      (await api('/v1/scans/dry-run', { credential: desk, body: { token: visitor.token, gateId: 'nowhere' } })).status,
    ).toBe(404);
    const gate = await createCredential('gate', { gates: ['main'] }, 'main gate');
    expect(
      (await api('/v1/scans/dry-run', { credential: gate, body: { token: visitor.token, gateId: 'main' } })).status,
    ).toBe(403);
  });

  it('lets a viewer read the dashboard and the reports, and neither act nor see a visitor', async () => {
    const viewer = await createCredential('viewer', {}, 'Regional council screen');
    const as = { credential: viewer };
    const day = fairNow().slice(0, 10);
    for (const route of [
      '/v1/occupancy',
      '/v1/alerts',
      `/v1/reports/days/${day}`,
      '/v1/reports/fair',
      `/v1/gates/stats?day=${day}`,
      `/v1/days/${day}`,
      '/v1/devices',
    ])
      expect((await api(route, as)).status, route).toBe(200);
    const ticket = await issueTicket({ category: 'visitor', holderName: 'Karim Benali' });
    expect((await api(`/v1/booths/stats?day=${day}`, as)).status).toBe(200);
    const refused = [
      await api(`/v1/tickets/${ticket.ticketId}`, as),
      await api('/v1/tickets?q=Benali', as),
      await api('/v1/tickets', { ...as, body: { category: 'visitor' } }),
      await api('/v1/alerts/any.0/ack', { ...as, body: {} }),
      await api(`/v1/days/${day}/close`, { ...as, body: {} }),
      await api('/v1/zones/room-1', { ...as, method: 'PATCH', body: { capacity: 30 } }),
    ];
    for (const answer of refused) expect(answer.status).toBe(403);
  });
});
