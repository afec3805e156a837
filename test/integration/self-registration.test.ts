import { describe, expect, it } from 'vitest';
import { takeSelfRegistration } from '../../shared/store/self-registrations-store';
import { api, createCredential, expectErrorBody, fairNow, localTables, scan } from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * A visitor without a ticket registers on their own phone from a booth's poster (no credential): a
 * visitor ticket the gates, doors and booths accept like any, one a phone, its agreement kept as
 * evidence, within a daily budget that holds however many register at once.
 */
interface Issued {
  ticketId: string;
  token: string;
  shortCode: string;
  validDays: string[];
  consentCode?: string;
}

const register = (body: Record<string, unknown>) => api<Issued>('/v1/self-registrations', { body, credential: null });
const visitor = (phoneId = crypto.randomUUID()) => ({
  phoneId,
  holderName: 'Rachid Amrani',
  phone: '0661 22 33 44',
  consent: true,
  wording: 'register-1-ar',
});

describe('registering on the spot from a poster', () => {
  it('gives a phone one visitor ticket, which the gate admits, and keeps the visitor’s yes as evidence', async () => {
    const phoneId = crypto.randomUUID();
    const first = await register(visitor(phoneId));
    expect(first.status).toBe(201);
    const today = fairNow().slice(0, 10);
    expect(first.body.validDays[0]).toBe(today);
    expect(first.body.shortCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    // Nothing shared: no consent code for any booth.
    expect(first.body.consentCode).toBeUndefined();
    // A reload, a lost answer: the same phone gets the same ticket back.
    const again = await register({ ...visitor(phoneId), holderName: 'Someone Else' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await scan(first.body.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    const privacy = await api<{
      holderName: string;
      contact: Record<string, string>;
      share: string[];
      privacyLog: Record<string, string>[];
    }>(`/v1/tickets/${first.body.ticketId}/privacy`);
    expect(privacy.body).toMatchObject({ holderName: 'Rachid Amrani', contact: { phone: '+212661223344' }, share: [] });
    expect(privacy.body.privacyLog[0]).toMatchObject({ act: 'registered', wording: 'register-1-ar' });
  });

  it('gives a booth the name and number only when the visitor chose to share and shows the code', async () => {
    const shared = await register({ ...visitor(), holderName: 'Latifa Berrada', share: ['name', 'phone'] });
    expect(shared.status).toBe(201);
    expect(shared.body.consentCode).toMatch(/^rwqc\./);
    const exhibitor = await createCredential('exhibitor', { booth: 'A031' }, 'A031 phone');
    const event = (code?: string) => ({
      eventId: crypto.randomUUID(),
      at: fairNow(),
      kind: 'badge',
      token: shared.body.token,
      consent: true,
      ...(code ? { consentCode: code } : {}),
    });
    await api('/v1/booths/A031/footfall', {
      body: { events: [event(shared.body.consentCode)] },
      credential: exhibitor,
    });
    const leads = await eventually('the lead', async () => {
      const { body } = await api<{ leads: { ticketId: string; contact: Record<string, string> }[] }>(
        '/v1/booths/A031/leads',
        { credential: exhibitor },
      );
      return body.leads.length > 0 ? body.leads : undefined;
    });
    expect(leads).toEqual([
      expect.objectContaining({
        ticketId: shared.body.ticketId,
        contact: { name: 'Latifa Berrada', phone: '+212661223344' },
      }),
    ]);
  });

  it('refuses bad input with 400, in the contract’s error body, and makes no ticket', async () => {
    for (const [body, path] of [
      [{ ...visitor(), consent: false }, 'consent'],
      [{ ...visitor(), phone: 'not a number' }, 'phone'],
      [{ ...visitor(), holderName: '' }, 'holderName'],
      [{ ...visitor(), phoneId: 'my-phone' }, 'phoneId'],
      [{ ...visitor(), share: ['email'] }, 'share.0'],
      [{ ...visitor(), category: 'vip' }, 'category'],
      [{ ...visitor(), wording: 'Register 1 <b>' }, 'wording'],
    ] as const) {
      const answer = await register(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(expectErrorBody(answer.body, 'VALIDATION_FAILED').details.map((detail) => detail.path)).toContain(path);
    }
    const { consent: _, ...withoutConsent } = visitor();
    expect((await register(withoutConsent)).status).toBe(400);
    // The function that registers the public also issues for the desk: that still needs the desk.
    expect((await api('/v1/tickets', { body: { category: 'visitor' }, credential: null })).status).toBe(401);
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await api('/v1/tickets', { body: { category: 'visitor' }, credential: gate })).status).toBe(403);
  });

  it('never lets more register in a day than its budget, however many ask at once', async () => {
    const { client, tables } = localTables();
    const day = `2099-01-${String(Math.floor(Math.random() * 28) + 1).padStart(2, '0')}-${crypto.randomUUID()}`;
    const taken = await Promise.all(
      Array.from({ length: 40 }, () => takeSelfRegistration(client, tables.TablesFair ?? '', day, 12, 0)),
    );
    expect(taken.filter(Boolean)).toHaveLength(12);
  });
});
