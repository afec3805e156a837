import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket, localTables, scan } from '../support/api-client';

describe('health', () => {
  it('answers 200 {"status":"ok"} without a credential once ready', async () => {
    const response = await api('/v1/health', { credential: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});

describe('credentials and the authorizer', () => {
  it('refuses a request without a credential, or with an unknown one, with 401 and the contract body', async () => {
    const missing = await api('/v1/occupancy', { credential: null });
    expect(missing.status).toBe(401);
    expectErrorBody(missing.body, 'UNAUTHORIZED');
    const unknown = await api('/v1/occupancy', { credential: 'rwq_this-is-not-a-credential' });
    expect(unknown.status).toBe(401);
    expectErrorBody(unknown.body, 'UNAUTHORIZED');
  });

  it('refuses a credential outside its role with 403', async () => {
    const gate = await createCredential('gate', { gates: ['main'] });
    const response = await api('/v1/occupancy', { credential: gate });
    expect(response.status).toBe(403);
    expectErrorBody(response.body, 'FORBIDDEN');
    const creating = await api('/v1/credentials', {
      credential: gate,
      body: { role: 'organiser', label: 'escalation' },
    });
    expect(creating.status).toBe(403);
  });

  it('lets every role read the fair', async () => {
    const exhibitor = await createCredential('exhibitor', { booth: 'A001' });
    const response = await api<{ booths: unknown[]; zones: { capacity: number }[]; timezone: string }>('/v1/fair', {
      credential: exhibitor,
    });
    expect(response.status).toBe(200);
    expect(response.body.booths).toHaveLength(140);
    expect(response.body.timezone).toBe('Africa/Casablanca');
    expect(response.body.zones.every((zone) => zone.capacity > 0)).toBe(true);
  });

  it('tells a credential its own role, scope and label (GET /v1/me), and nothing without one', async () => {
    const gate = await createCredential('gate', { gates: ['main', 'east'] }, 'Main gate, phone 3');
    const me = await api<Record<string, unknown>>('/v1/me', { credential: gate });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'gate', scope: { gates: ['main', 'east'] }, label: 'Main gate, phone 3' });
    expect(Object.keys(me.body).sort()).toEqual(['credentialId', 'label', 'role', 'scope']);
    expectErrorBody((await api('/v1/me', { credential: null })).body, 'UNAUTHORIZED');
    expect((await api('/v1/me', { credential: 'not-a-credential' })).status).toBe(401);
  });

  it('refuses a revoked credential on its very next request', async () => {
    const created = await api<{ credentialId: string; credential: string }>('/v1/credentials', {
      body: { role: 'exhibitor', scope: { booth: 'A002' }, label: 'to revoke' },
    });
    expect(created.status).toBe(201);
    expect((await api('/v1/fair', { credential: created.body.credential })).status).toBe(200);
    const revoked = await api(`/v1/credentials/${created.body.credentialId}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const after = await api('/v1/fair', { credential: created.body.credential });
    expect(after.status).toBe(401);
    const again = await api(`/v1/credentials/${created.body.credentialId}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expectErrorBody(again.body, 'NOT_FOUND');
  });

  it('authenticates the gate path in its functions as the authorizer does: 401 first, scope 403, revoked at the next scan', async () => {
    const gate = await createCredential('gate', { gates: ['main'] }, 'gate path phone');
    const ticket = await issueTicket();
    const routes: [string, unknown][] = [
      [
        '/v1/scans',
        {
          scanId: crypto.randomUUID(),
          token: ticket.token,
          gateId: 'main',
          direction: 'in',
          scannedAt: fairNow(),
          deviceId: 'd',
        },
      ],
      ['/v1/scans/batch', { scans: [] }],
      ['/v1/gates/main/counts', { countId: crypto.randomUUID(), in: 1, out: 0, countedAt: fairNow(), deviceId: 'd' }],
      ['/v1/gates/main/counts/batch', { counts: [] }],
      ['/v1/workshops/no-such-workshop/admissions', { scanId: crypto.randomUUID(), token: ticket.token }],
      ['/v1/workshops/no-such-workshop/exits', { scanId: crypto.randomUUID(), token: ticket.token }],
      ['/v1/booths/A001/footfall', { events: [{ eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 1 }] }],
    ];
    for (const [route, body] of routes) {
      for (const credential of [null, 'rwq_not-a-real-one-at-all']) {
        const refused = await api(route, { body, credential });
        expect([route, refused.status]).toEqual([route, 401]);
        expectErrorBody(refused.body, 'UNAUTHORIZED');
        // A broken body from a stranger is refused on the credential, not the body.
        expect([route, (await api(route, { rawBody: '{not json', credential })).status]).toEqual([route, 401]);
      }
    }
    // In scope it scans; at a gate outside its scope it is refused; revoked, it is refused at once.
    expect((await scan(ticket.token, 'main', 'in', {}, gate)).body.verdict).toBe('ADMITTED');
    const outside = await scan(ticket.token, 'east', 'out', {}, gate);
    expect(outside.status).toBe(403);
    expectErrorBody(outside.body, 'FORBIDDEN');
    const { body: listed } = await api<{ credentials: { credentialId: string; label: string }[] }>('/v1/credentials');
    const credentialId = listed.credentials.find((entry) => entry.label === 'gate path phone')?.credentialId;
    expect((await api(`/v1/credentials/${credentialId}`, { method: 'DELETE' })).status).toBe(200);
    const after = await scan(ticket.token, 'main', 'out', {}, gate);
    expect(after.status).toBe(401);
    expectErrorBody(after.body, 'UNAUTHORIZED');
    // Nothing moved for the refused exit: the ticket is still inside.
    expect((await scan(ticket.token, 'main', 'in')).body.verdict).toBe('ALREADY_INSIDE');
  });

  it('never returns the secret again, and stores none in clear', async () => {
    const created = await api<{ credential: string }>('/v1/credentials', {
      body: { role: 'gate', scope: { gates: ['east'] }, label: 'east gate' },
    });
    expect(created.body.credential).toMatch(/^rwq_[A-Za-z0-9_-]{43}$/);
    // The table keeps a hash: the secret is in no attribute of any item, nor is its random part.
    const { client, tables } = localTables();
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tables.TablesCredentials as string }));
    expect(Items.length).toBeGreaterThan(0);
    const stored = JSON.stringify(Items);
    expect(stored).not.toContain(created.body.credential);
    expect(stored).not.toContain(created.body.credential.slice(4, 30));
  });
});

describe('bad input', () => {
  it.each([
    [{ role: 'janitor', label: 'x' }, ['role']],
    [{ role: 'gate', label: 'x', scope: { gates: [] } }, ['scope.gates']],
    [{ role: 'gate', scope: { gates: ['main'] } }, ['label']],
    [{ role: 'exhibitor', label: 'x', scope: { booth: 'A001' }, admin: true }, ['admin']],
    [{ role: 'gate', label: 'x', scope: { gates: ['../etc/passwd'] } }, ['scope.gates.0']],
    [[1, 2, 3], ['(root)']],
  ])('refuses %j with 400 naming %j', async (body, paths) => {
    const response = await api('/v1/credentials', { body });
    expect(response.status).toBe(400);
    const error = expectErrorBody(response.body, 'VALIDATION_FAILED');
    expect(error.details.map((detail) => detail.path)).toEqual(paths);
  });

  it('refuses broken JSON with 400, not 500', async () => {
    const response = await api('/v1/credentials', { rawBody: '{"role": "gate",' });
    expect(response.status).toBe(400);
    expectErrorBody(response.body, 'VALIDATION_FAILED');
  });

  it("refuses a body over 256 KiB with 413, and one over API Gateway's 10 MB too", async () => {
    const big = await api('/v1/credentials', { body: { role: 'gate', label: 'x'.repeat(300 * 1024) } });
    expect(big.status).toBe(413);
    expectErrorBody(big.body, 'PAYLOAD_TOO_LARGE');
    const huge = await api('/v1/credentials', { rawBody: 'x'.repeat(11 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('answers a malformed %-escape in the path with 400 and keeps serving', async () => {
    for (const path of ['/v1/tickets/%E0%A4%A', '/v1/booths/%ZZ/stats', '/v1/workshops/%']) {
      const response = await fetch(`${inject('apiUrl')}${path}`, {
        headers: { authorization: `Bearer ${inject('organiserCredential')}` },
      });
      expect(response.status, path).toBe(400);
      expectErrorBody(await response.json(), 'VALIDATION_FAILED');
    }
    expect((await api('/v1/health', { credential: null })).status).toBe(200);
  });

  it('refuses a malformed id in the path with 400 and an unknown route with 404', async () => {
    const malformed = await api('/v1/credentials/not-a-uuid', { method: 'DELETE' });
    expect(malformed.status).toBe(400);
    expect(expectErrorBody(malformed.body, 'VALIDATION_FAILED').details[0]?.path).toBe('path.credentialId');
    const unknown = await api('/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expectErrorBody(unknown.body, 'NOT_FOUND');
  });
});

describe('occupancy', () => {
  it("lists every zone of the demo fair with its parent, capacity and level, and the venue's own figure", async () => {
    const response = await api<{
      venue: { zoneId: string; count: number; capacity: number };
      zones: { zoneId: string; parentId?: string; level: string; capacity: number; count: number; coverage: string }[];
    }>('/v1/occupancy');
    expect(response.status).toBe(200);
    const zones = new Map(response.body.zones.map((zone) => [zone.zoneId, zone]));
    expect([...zones.keys()]).toEqual(
      expect.arrayContaining(['venue', 'hall-a', 'hall-b', 'seminar-hall', 'room-1', 'room-2']),
    );
    expect(zones.get('seminar-hall')?.parentId).toBe('hall-a');
    expect(zones.get('hall-a')?.parentId).toBe('venue');
    expect(zones.get('venue')?.parentId).toBeUndefined();
    // The venue's capacity is its own (its exits, its floor), not the sum of the zones inside it.
    expect(response.body.venue).toMatchObject({ zoneId: 'venue', capacity: 1800, count: zones.get('venue')?.count });
    for (const zone of response.body.zones) {
      expect(['normal', 'warning', 'critical', 'full']).toContain(zone.level);
      expect(['full', 'partial', 'none']).toContain(zone.coverage);
    }
    // The halls have no door anyone staffs: their figures say so rather than look live.
    expect(zones.get('hall-a')?.coverage).toBe('none');
  });
});
