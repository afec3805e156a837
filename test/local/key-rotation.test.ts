import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoClock, fairMorningOffset } from '../../local/demo-clock';
import type { LocalRuntime } from '../../local/runtime';
import { parseToken } from '../../shared/domain/ticket-token';
import { startOwnRuntime } from '../support/own-runtime';

/**
 * A signing key rotated in the middle of a fair, end to end on a runtime of its own: the secret is
 * changed (`{"signing": new, "previous": [old]}`) and the issuer's sandbox recycled, as a new
 * container would be. New tickets pass at a gate, a workshop door and a booth, whose functions only
 * knew the old key; old tickets keep passing; an old ticket's QR code is drawn again unchanged. Then
 * a redeploy (the seed run again): a revoked first credential stays revoked, no published key is lost.
 */
let runtime: LocalRuntime;
let credential = '';
const clockOffsetMs = fairMorningOffset('11:00');
const fairNow = () => new Date(Date.now() + clockOffsetMs).toISOString();

async function call<T = Record<string, unknown>>(route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${runtime.apiUrl}${route}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}

const issue = () => call<{ ticketId: string; token: string }>('/v1/tickets', { category: 'visitor' });
const scanIn = async (token: string) =>
  (
    await call<{ verdict: string }>('/v1/scans', {
      scanId: crypto.randomUUID(),
      token,
      gateId: 'main',
      direction: 'in',
      scannedAt: fairNow(),
      deviceId: 'gate',
    })
  ).verdict;
const admit = async (workshopId: string, token: string) =>
  (await call<{ verdict: string }>(`/v1/workshops/${workshopId}/admissions`, { scanId: crypto.randomUUID(), token }))
    .verdict;
const badge = (token: string) =>
  call<{ accepted: number; rejected?: unknown[] }>('/v1/booths/A010/footfall', {
    events: [{ eventId: crypto.randomUUID(), at: fairNow(), kind: 'badge', token }],
  });

beforeAll(async () => {
  ({ runtime, credential } = await startOwnRuntime({
    startEventSources: true,
    clock: DemoClock.offset(clockOffsetMs),
  }));
});

afterAll(() => runtime?.stop());

describe('a signing key rotated during the fair', () => {
  it('lets new tickets pass everywhere at once, and old ones still', async () => {
    const workshop = await call<{ workshopId: string }>('/v1/workshops', {
      title: 'Rotation',
      startsAt: fairNow(),
      endsAt: new Date(Date.parse(fairNow()) + 3_600_000).toISOString(),
      capacity: 10,
      registrationRequired: false,
    });
    const old = await issue();
    // Every verifying function has now loaded (and cached) the keys of before the rotation.
    expect(await scanIn(old.token)).toBe('ADMITTED');
    expect(await admit(workshop.workshopId, old.token)).toBe('ADMITTED');
    expect((await badge(old.token)).rejected ?? []).toEqual([]);

    const secretArn = runtime.resources.secretArn(
      runtime.topology.secrets.find((secret) => secret.logicalId.includes('TicketSigningKey'))?.logicalId ?? '',
    );
    const previous = runtime.vault.get(secretArn) ?? '';
    runtime.vault.set(
      secretArn,
      JSON.stringify({ signing: 'the seed of the key after rotation', previous: [previous] }),
    );
    await runtime.pool.recycle('issue-tickets');

    const fresh = await issue();
    const kid = (token: string) => (parseToken(token) as { claims: { kid: string } }).claims.kid;
    expect(kid(fresh.token)).not.toBe(kid(old.token));
    const { keys } = await call<{ keys: { kid: string }[] }>('/v1/keys');
    expect(keys.map((key) => key.kid)).toEqual(expect.arrayContaining([kid(old.token), kid(fresh.token)]));
    expect(await scanIn(fresh.token)).toBe('ADMITTED');
    expect(await admit(workshop.workshopId, fresh.token)).toBe('ADMITTED');
    expect((await badge(fresh.token)).rejected ?? []).toEqual([]);
    expect(await scanIn((await issue()).token)).toBe('ADMITTED');

    // Printed before the rotation: still valid, and its QR code drawn again is the very same token.
    const another = await call<{ ticketId: string }>('/v1/tickets', { category: 'press' });
    expect(await scanIn(old.token)).toBe('ALREADY_INSIDE');
    const png = PNG.sync.read(
      Buffer.from(
        await (
          await fetch(`${runtime.apiUrl}/v1/tickets/${old.ticketId}/qr.png`, {
            headers: { authorization: `Bearer ${credential}` },
          })
        ).arrayBuffer(),
      ),
    );
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(old.token);
    expect(another.ticketId).toBeDefined();
  });
});

describe('a leaked signing key retired', () => {
  it('refuses its tickets everywhere with a reason, publishes it as retired, and reprints its badges with the current key', async () => {
    const secretArn = runtime.resources.secretArn(
      runtime.topology.secrets.find((secret) => secret.logicalId.includes('TicketSigningKey'))?.logicalId ?? '',
    );
    const kid = (token: string) => (parseToken(token) as { claims: { kid: string } }).claims.kid;
    const before = await issue();
    const leaked = kid(before.token);
    // The key that signs now leaked: a new signing key, the others kept, the leaked one retired. Every
    // signer reads the secret again within a minute; here, at once.
    const kept = JSON.parse(runtime.vault.get(secretArn) ?? '{}') as { signing: string; previous: string[] };
    runtime.vault.set(
      secretArn,
      JSON.stringify({ signing: 'the seed of the key after the leak', previous: kept.previous, retired: [leaked] }),
    );
    for (const name of ['issue-tickets', 'get-ticket']) await runtime.pool.recycle(name);
    const after = await issue();
    expect(kid(after.token)).not.toBe(leaked);
    const published = await call<{ keys: { kid: string }[]; retired: { kid: string; retiredAt: string }[] }>(
      '/v1/keys',
    );
    expect(published.keys.map((key) => key.kid)).not.toContain(leaked);
    expect(published.retired.map((key) => key.kid)).toContain(leaked);
    // Verifying functions learn it at their next read of the keys (every minute): here, at once.
    for (const name of ['scan', 'workshop-door', 'footfall-ingest']) await runtime.pool.recycle(name);
    const refused = await call<{ verdict: string; reason?: string }>('/v1/scans', {
      scanId: crypto.randomUUID(),
      token: before.token,
      gateId: 'east',
      direction: 'in',
      scannedAt: fairNow(),
      deviceId: 'gate',
    });
    expect(refused).toMatchObject({ verdict: 'INVALID_TOKEN', reason: 'KEY_RETIRED' });
    expect(await scanIn(after.token)).toBe('ADMITTED');
    // The organisers list the badges to print again, and each prints with the current key, for good.
    const { tickets } = await call<{ tickets: { ticketId: string }[] }>(`/v1/tickets?signedWith=${leaked}`);
    expect(tickets.map((ticket) => ticket.ticketId)).toContain(before.ticketId);
    const reprinted = await call<{ token: string }>(`/v1/tickets/${before.ticketId}`);
    expect(kid(reprinted.token)).toBe(kid(after.token));
    expect(await scanIn(reprinted.token)).toBe('ADMITTED');
    expect((await call<{ token: string }>(`/v1/tickets/${before.ticketId}`)).token).toBe(reprinted.token);
    const { tickets: left } = await call<{ tickets: { ticketId: string }[] }>(`/v1/tickets?signedWith=${leaked}`);
    expect(left.map((ticket) => ticket.ticketId)).not.toContain(before.ticketId);
  });
});

describe('a redeploy after the fair has run', () => {
  it('keeps a revoked first organiser credential revoked, and every published key', async () => {
    const first = credential;
    const next = await call<{ credential: string }>('/v1/credentials', {
      role: 'organiser',
      label: 'second organiser',
    });
    const { keys: before } = await call<{ keys: { kid: string }[] }>('/v1/keys');
    const { credentials } = await call<{ credentials: { credentialId: string; label: string }[] }>('/v1/credentials');
    const bootstrap = credentials.find((item) => item.label.startsWith('first organiser'));
    expect(bootstrap).toBeDefined();
    credential = next.credential;
    const revoke = await fetch(`${runtime.apiUrl}/v1/credentials/${bootstrap?.credentialId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${credential}` },
    });
    expect(revoke.status).toBe(200);
    const refused = () =>
      fetch(`${runtime.apiUrl}/v1/occupancy`, { headers: { authorization: `Bearer ${first}` } }).then(async (r) => ({
        status: r.status,
        message: ((await r.json()) as { error?: { message?: string } }).error?.message,
      }));
    expect((await refused()).status).toBe(401);

    await runtime.redeploy();

    // The seed ran again with the same first secret: its tombstone keeps it out.
    expect(await refused()).toEqual({ status: 401, message: 'this credential has been revoked' });
    const { keys: after } = await call<{ keys: { kid: string }[] }>('/v1/keys');
    expect(after.map((key) => key.kid).sort()).toEqual(before.map((key) => key.kid).sort());
    expect(
      (await fetch(`${runtime.apiUrl}/v1/occupancy`, { headers: { authorization: `Bearer ${credential}` } })).status,
    ).toBe(200);
  });
});
