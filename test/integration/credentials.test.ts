import { describe, expect, inject, it } from 'vitest';
import { api, expectErrorBody, fairNow } from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * Credentials as organisers manage them without curl: listed (never a secret), created with an expiry
 * (by default the day after the fair), their last use noted, revoked at once; and every request
 * without a valid credential refused before anything else is looked at.
 */
interface Listed {
  credentialId: string;
  role: string;
  scope: Record<string, unknown>;
  label: string;
  createdAt: string;
  createdBy?: { credentialId: string; label: string };
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

const list = async () => (await api<{ credentials: Listed[] }>('/v1/credentials')).body.credentials;

describe('credentials', () => {
  it('lists every credential with its role, scope, maker, expiry and last use, and never a secret', async () => {
    const made = await api<{ credentialId: string; credential: string; expiresAt: string }>('/v1/credentials', {
      body: { role: 'gate', scope: { gates: ['east'] }, label: 'East gate, phone 3' },
    });
    expect(made.status).toBe(201);
    // The day after the fair's last day (31 March), to its end, fair time.
    expect(made.body.expiresAt).toBe('2027-04-01T23:59:00+00:00');
    expect((await api('/v1/me', { credential: made.body.credential })).status).toBe(200);
    const mine = await eventually('its last use', async () =>
      (await list()).find((c) => c.credentialId === made.body.credentialId && c.lastUsedAt),
    );
    expect(mine).toMatchObject({
      role: 'gate',
      scope: { gates: ['east'] },
      label: 'East gate, phone 3',
      createdBy: { label: 'first organiser (from the stack)' },
      expiresAt: made.body.expiresAt,
    });
    const text = JSON.stringify(await list());
    expect(text).not.toContain(made.body.credential);
    expect(text).not.toContain(inject('organiserCredential'));
    expect(text).not.toMatch(/credentialHash|rwq_/);
  });

  it('refuses a revoked credential at its next request, and keeps it listed as revoked', async () => {
    const made = await api<{ credentialId: string; credential: string }>('/v1/credentials', {
      body: { role: 'exhibitor', scope: { booth: 'A001' }, label: 'Lost phone' },
    });
    expect((await api('/v1/me', { credential: made.body.credential })).status).toBe(200);
    expect((await api(`/v1/credentials/${made.body.credentialId}`, { method: 'DELETE' })).status).toBe(200);
    const refused = await api('/v1/me', { credential: made.body.credential });
    expect(refused.status).toBe(401);
    expect(expectErrorBody(refused.body, 'UNAUTHORIZED').message).toContain('revoked');
    expectErrorBody((await api(`/v1/credentials/${made.body.credentialId}`, { method: 'DELETE' })).body, 'NOT_FOUND');
    expect((await list()).find((c) => c.credentialId === made.body.credentialId)?.revokedAt).toEqual(
      expect.any(String),
    );
    expectErrorBody((await api(`/v1/credentials/${crypto.randomUUID()}`, { method: 'DELETE' })).body, 'NOT_FOUND');
  });

  it('refuses a credential after its expiry', async () => {
    const expiresAt = new Date(Date.parse(fairNow()) + 2500).toISOString();
    const made = await api<{ credential: string }>('/v1/credentials', {
      body: { role: 'host', scope: { workshops: ['ws-0326-am'] }, label: 'Morning host', expiresAt },
    });
    expect((await api('/v1/me', { credential: made.body.credential })).status).toBe(200);
    const expired = await eventually(
      'the expiry',
      async () => {
        const answer = await api('/v1/me', { credential: made.body.credential });
        return answer.status === 401 ? answer : undefined;
      },
      10_000,
      250,
    );
    expect(expectErrorBody(expired.body, 'UNAUTHORIZED').message).toContain('expired');
  });

  it.each([
    [{ role: 'gate', scope: { gates: ['main'] }, label: 'x', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    [{ role: 'gate', scope: { gates: ['main'] }, label: 'x', expiresAt: 'tomorrow' }, 'expiresAt'],
    // Past the fair's end and its 14 days' margin: a key nobody would remember to take back.
    [{ role: 'gate', scope: { gates: ['main'] }, label: 'x', expiresAt: '2027-04-15T00:00:00Z' }, 'expiresAt'],
    [{ role: 'organiser', label: 'x', expiresAt: '2030-01-01T00:00:00Z' }, 'expiresAt'],
    [{ role: 'janitor', label: 'x' }, 'role'],
    [{ role: 'gate', scope: {}, label: 'x' }, 'scope.gates'],
  ])('refuses %j with 400 naming %s', async (body, path) => {
    const response = await api('/v1/credentials', { body });
    expect(response.status).toBe(400);
    expect(expectErrorBody(response.body, 'VALIDATION_FAILED').details.map((d) => d.path)).toContain(path);
  });

  it('refuses a request without a known credential before reading its body or any table', async () => {
    // Malformed JSON and an unknown ticket would be 400 and 404 for a known credential: 401 comes first.
    const malformed = await api('/v1/scans', { rawBody: '{not json', credential: null });
    expect(malformed.status).toBe(401);
    expect((await api('/v1/tickets/AAAAAAAAAAAAAAAA', { credential: null })).status).toBe(401);
    expect((await api('/v1/tickets/AAAAAAAAAAAAAAAA', { credential: 'rwq_not-a-real-one-at-all' })).status).toBe(401);
    expect((await api('/v1/credentials', { credential: null })).status).toBe(401);
    // The contract's public routes stay public.
    expect((await api('/v1/health', { credential: null })).status).toBe(200);
    expect((await api('/v1/keys', { credential: null })).status).toBe(200);
  });
});
