import { describe, expect, it } from 'vitest';
import { api, createCredential, expectErrorBody } from '../support/api-client';

/**
 * Organisers' phones and addresses on the alert topic, managed from the alerts page (before, only
 * through the AWS console): subscribed, listed beside the webhooks, removed; an address pending until
 * it confirms. On the venue machine the topic is the emulator's: kept, not sent, and the answer says so.
 */
interface Person {
  subscriptionId?: string;
  kind: string;
  to: string;
  pending: boolean;
}
const people = async () => (await api<{ people: Person[]; peopleReached: boolean }>('/v1/alert-subscriptions')).body;

describe('SMS and e-mail subscriptions from the alerts page', () => {
  it('subscribes a phone and an address, lists them, and removes the phone', async () => {
    const phone = await api<Person & { reached: boolean }>('/v1/alert-subscriptions', {
      body: { kind: 'sms', phone: '06 61 22 33 44' },
    });
    expect(phone.status).toBe(201);
    // Written as people type it, kept as SNS sends to it.
    expect(phone.body).toMatchObject({ kind: 'sms', to: '+212661223344', reached: false });
    const address = await api<Person>('/v1/alert-subscriptions', {
      body: { kind: 'email', email: 'organisation@example.ma' },
    });
    expect(address.body).toMatchObject({ kind: 'email', to: 'organisation@example.ma', pending: true });
    const listed = await people();
    expect(listed.peopleReached).toBe(false);
    expect(listed.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'sms', to: '+212661223344' }),
        // AWS lists an unconfirmed address as "PendingConfirmation" (pending, no id); the emulator lists an
        // ARN for it, so here only its presence is held.
        expect.objectContaining({ kind: 'email', to: 'organisation@example.ma' }),
      ]),
    );
    const id = listed.people.find((person) => person.to === '+212661223344')?.subscriptionId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api(`/v1/alert-subscriptions/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await people()).people.some((person) => person.to === '+212661223344')).toBe(false);
    expectErrorBody((await api(`/v1/alert-subscriptions/${id}`, { method: 'DELETE' })).body, 'NOT_FOUND');
  });

  it('refuses a phone or address that is none, an unknown channel, and anyone but an organiser', async () => {
    for (const body of [
      { kind: 'sms', phone: 'call me' },
      { kind: 'email', email: 'not an address' },
      { kind: 'pigeon', to: 'roof' },
      { kind: 'sms', phone: '0661223344', extra: true },
    ])
      expectErrorBody((await api('/v1/alert-subscriptions', { body })).body, 'VALIDATION_FAILED');
    const viewer = await createCredential('viewer', {});
    expect(
      (await api('/v1/alert-subscriptions', { body: { kind: 'sms', phone: '0661223344' }, credential: viewer })).status,
    ).toBe(403);
  });
});
