import { describe, expect, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket, scan } from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * Running the floor, on the real engines: who may enter where and when (category, gate, hours, once a
 * day), a supervisor's override and its record, an evacuation (entries refused, exits pass, the roll
 * call), incidents and their broadcast, what pages report of their devices, the public status screen.
 */
const DAY = '2027-03-26';
const at = (time: string) => `${DAY}T${time}:00Z`;
/** An offline phone's batch: the scan judged at its own time (same fair day, within hours). */
const offlineEntry = (token: string, gateId: string, time: string) =>
  api<{ results: { verdict: string }[] }>('/v1/scans/batch', {
    body: {
      scans: [
        { scanId: crypto.randomUUID(), token, gateId, direction: 'in', scannedAt: at(time), deviceId: 'early-phone' },
      ],
    },
  });

describe('access rules by category, gate and time', () => {
  it('publishes each category’s gates and hours in GET /v1/fair', async () => {
    const { body } = await api<{
      access: { category: string; gates?: string[]; hours: { day: string; opens: string }[]; oncePerDay: boolean }[];
    }>('/v1/fair');
    const rule = (category: string) => body.access.find((entry) => entry.category === category);
    expect(rule('exhibitor')?.hours[0]).toMatchObject({ day: DAY, opens: '08:00' });
    expect(rule('staff')?.hours[0]).toMatchObject({ day: DAY, opens: '08:00' });
    expect(rule('visitor')?.hours[0]).toMatchObject({ day: DAY, opens: '10:00' });
    expect(rule('visitor')?.gates).not.toContain('service');
    expect(rule('exhibitor')?.gates).toContain('service');
  });

  it('lets exhibitors and staff in from 08:00 and everyone else from the opening', async () => {
    const exhibitor = await issueTicket({ category: 'exhibitor' });
    const staff = await issueTicket({ category: 'staff' });
    const visitor = await issueTicket({ category: 'visitor' });
    expect((await offlineEntry(exhibitor.token, 'main', '09:00')).body.results[0]?.verdict).toBe('ADMITTED');
    expect((await offlineEntry(staff.token, 'service', '08:05')).body.results[0]?.verdict).toBe('ADMITTED');
    expect((await offlineEntry(visitor.token, 'main', '09:00')).body.results[0]?.verdict).toBe('FAIR_CLOSED');
    expect((await offlineEntry(exhibitor.token, 'east', '07:55')).body.results[0]?.verdict).not.toBe('ADMITTED');
  });

  it('refuses a visitor at the service gate with WRONG_GATE, and lets an exhibitor through it', async () => {
    const visitor = await issueTicket({ category: 'visitor' });
    expect((await scan(visitor.token, 'service', 'in')).body.verdict).toBe('WRONG_GATE');
    // Refused, it is not inside: the main entrance lets it in.
    expect((await scan(visitor.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    const exhibitor = await issueTicket({ category: 'exhibitor' });
    expect((await scan(exhibitor.token, 'service', 'in')).body.verdict).toBe('ADMITTED');
    // Exits always pass, by any gate.
    expect((await scan(visitor.token, 'service', 'out')).body.verdict).toBe('EXITED');
  });
});

describe("a supervisor's override", () => {
  it('admits despite ALREADY_INSIDE and WRONG_GATE with a reason, records who and why, and moves the count once', async () => {
    const supervisor = await createCredential('supervisor', { gates: ['main', 'service'] }, 'Main gate supervisor');
    const ticket = await issueTicket({ category: 'visitor' });
    expect((await scan(ticket.token, 'main', 'in', {}, supervisor)).body.verdict).toBe('ADMITTED');
    expect((await scan(ticket.token, 'main', 'in', {}, supervisor)).body.verdict).toBe('ALREADY_INSIDE');
    const again = await scan(
      ticket.token,
      'main',
      'in',
      { override: { reason: 'companion of a wheelchair user' } },
      supervisor,
    );
    expect(again.body).toMatchObject({ verdict: 'ADMITTED', overridden: true });
    expect((await api(`/v1/tickets/${ticket.ticketId}`)).body).toMatchObject({ inside: true, entries: 1 });
    const other = await issueTicket({ category: 'visitor' });
    const wrongGate = await scan(
      other.token,
      'service',
      'in',
      { override: { reason: 'damaged badge, ID checked' } },
      supervisor,
    );
    expect(wrongGate.body).toMatchObject({ verdict: 'ADMITTED', overridden: true });
    expect((await api(`/v1/tickets/${other.ticketId}`)).body).toMatchObject({ inside: true, entries: 1 });
    // The day's report counts the overrides, with who and why.
    const report = await eventually('the overrides in the report', async () => {
      const { body } = await api<{
        overrides?: { total: number; list: { reason: string; by: string; refused: string }[] };
      }>(`/v1/reports/days/${DAY}`);
      return (body.overrides?.list ?? []).some((entry) => entry.reason === 'damaged badge, ID checked')
        ? body
        : undefined;
    });
    expect(report.overrides?.list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          refused: 'ALREADY_INSIDE',
          by: 'Main gate supervisor',
          reason: 'companion of a wheelchair user',
        }),
        expect.objectContaining({ refused: 'WRONG_GATE', by: 'Main gate supervisor' }),
      ]),
    );
  });

  it('never overrides a forged, foreign or revoked ticket, and refuses a gate credential’s override with 403', async () => {
    const supervisor = await createCredential('supervisor', { gates: ['main'] }, 'supervisor');
    const revoked = await issueTicket({ category: 'visitor' });
    await api(`/v1/tickets/${revoked.ticketId}/revoke`, { method: 'POST' });
    const override = { override: { reason: 'please' } };
    expect((await scan(revoked.token, 'main', 'in', override, supervisor)).body.verdict).toBe('REVOKED');
    expect((await scan(`${revoked.token.slice(0, -4)}AAAA`, 'main', 'in', override, supervisor)).body.verdict).toBe(
      'INVALID_TOKEN',
    );
    const gate = await createCredential('gate', { gates: ['main'] }, 'steward');
    const ticket = await issueTicket({ category: 'visitor' });
    const refused = await scan(ticket.token, 'main', 'in', override, gate);
    expect(refused.status).toBe(403);
    expectErrorBody(refused.body, 'FORBIDDEN');
    // A supervisor of another gate may not override here either.
    const elsewhere = await createCredential('supervisor', { gates: ['east'] }, 'east supervisor');
    expect((await scan(ticket.token, 'main', 'in', override, elsewhere)).status).toBe(403);
    // Nothing of them moved the ticket.
    expect((await api(`/v1/tickets/${ticket.ticketId}`)).body).toMatchObject({ inside: false });
    // An override without a reason is malformed.
    expect((await scan(ticket.token, 'main', 'in', { override: { reason: ' ' } }, supervisor)).status).toBe(400);
  });
});

describe('an evacuation', () => {
  it('refuses every entry into the zone, lets everyone out, lists who is inside, and ends once', async () => {
    const inside = await issueTicket({ category: 'staff', holderName: 'Salma Bennani' });
    expect((await scan(inside.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    expect((await scan(inside.token, 'seminar', 'in')).body.verdict).toBe('ADMITTED');
    const started = await api<{ evacuationId: string; zoneId: string; startedAt: string }>('/v1/evacuations', {
      body: { zoneId: 'hall-a', reason: 'smoke in hall A' },
    });
    expect(started.status).toBe(201);
    try {
      expect(started.body.zoneId).toBe('hall-a');
      expect((await api('/v1/evacuations', { body: { reason: 'twice' } })).status).toBe(409);
      const current = await api<{ evacuationId: string }>('/v1/evacuations/current', {
        credential: await createCredential('exhibitor', { booth: 'A001' }),
      });
      expect(current.body.evacuationId).toBe(started.body.evacuationId);
      // Into the seminar hall (inside hall A): refused. Into the venue by an entrance: allowed (not hall A).
      const someone = await issueTicket({ category: 'visitor' });
      expect((await scan(someone.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
      expect((await scan(someone.token, 'seminar', 'in')).body.verdict).toBe('EVACUATION');
      const roll = await api<{
        inside: { ticketId: string; holderName?: string; category: string; lastGateId?: string }[];
      }>(`/v1/evacuations/${started.body.evacuationId}/roll-call`);
      expect(roll.body.inside).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ticketId: inside.ticketId,
            holderName: 'Salma Bennani',
            category: 'staff',
            lastGateId: 'seminar',
          }),
        ]),
      );
      expect(roll.body.inside.map((entry) => entry.ticketId)).not.toContain(someone.ticketId);
      // Exits pass.
      expect((await scan(inside.token, 'seminar', 'out')).body.verdict).toBe('EXITED');
      const { body } = await api<{ alerts: { kind?: string; evacuationId?: string }[] }>('/v1/alerts');
      expect(
        body.alerts.some((alert) => alert.kind === 'evacuation' && alert.evacuationId === started.body.evacuationId),
      ).toBe(true);
    } finally {
      const ended = await api<{ endedAt?: string }>(`/v1/evacuations/${started.body.evacuationId}/end`, {
        method: 'POST',
      });
      expect(ended.status).toBe(200);
      expect(ended.body.endedAt).toBeDefined();
    }
    expect((await api('/v1/evacuations/current')).status).toBe(404);
    const after = await issueTicket({ category: 'visitor' });
    expect((await scan(after.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    expect((await scan(after.token, 'seminar', 'in')).body.verdict).toBe('ADMITTED');
    // Ending twice answers the same ending.
    expect((await api(`/v1/evacuations/${started.body.evacuationId}/end`, { method: 'POST' })).status).toBe(200);
  });

  it('evacuates the whole venue: every entrance refuses, walk-in counts still count people out', async () => {
    const started = await api<{ evacuationId: string; zoneId: string }>('/v1/evacuations', {
      body: { reason: 'drill' },
    });
    try {
      expect(started.body.zoneId).toBe('venue');
      const ticket = await issueTicket({ category: 'visitor' });
      for (const gateId of ['main', 'east'])
        expect((await scan(ticket.token, gateId, 'in')).body.verdict).toBe('EVACUATION');
    } finally {
      await api(`/v1/evacuations/${started.body.evacuationId}/end`, { method: 'POST' });
    }
  });

  it('refuses bad requests: an unknown zone, no reason, a gate credential, an unknown evacuation', async () => {
    expectErrorBody((await api('/v1/evacuations', { body: { zoneId: 'hall-z', reason: 'x' } })).body, 'NOT_FOUND');
    expectErrorBody((await api('/v1/evacuations', { body: { zoneId: 'hall-a' } })).body, 'VALIDATION_FAILED');
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await api('/v1/evacuations', { body: { reason: 'x' }, credential: gate })).status).toBe(403);
    expect((await api(`/v1/evacuations/${crypto.randomUUID()}/end`, { method: 'POST' })).status).toBe(404);
    expect((await api('/v1/evacuations/not-an-id/roll-call')).status).toBe(400);
  });
});

describe('incidents, broadcasts and devices', () => {
  it('logs an incident, broadcasts it to the gate pages, and shows who read it', async () => {
    const supervisor = await createCredential('supervisor', { gates: ['east'] }, 'East supervisor');
    const steward = await createCredential('gate', { gates: ['main'] }, 'Main gate, phone 2');
    const made = await api<{ incidentId: string; at: string }>('/v1/incidents', {
      body: { kind: 'lost-person', zoneId: 'hall-b', text: 'boy, 6, red cap, near B12', broadcast: 'gates' },
      credential: supervisor,
    });
    expect(made.status).toBe(201);
    const heartbeat = (credential: string, deviceId: string, read?: string[]) =>
      api<{ broadcasts: { incidentId: string; read: boolean }[]; evacuation?: unknown }>('/v1/devices/heartbeat', {
        body: {
          deviceId,
          page: 'gate',
          at: 'main',
          clock: fairNow(),
          unsent: 3,
          oldestUnsentAt: fairNow(),
          ...(read ? { read } : {}),
        },
        credential,
      });
    const first = await heartbeat(steward, 'phone-2');
    expect(first.body.broadcasts).toEqual(
      expect.arrayContaining([expect.objectContaining({ incidentId: made.body.incidentId, read: false })]),
    );
    await heartbeat(steward, 'phone-2', [made.body.incidentId]);
    const { body } = await api<{ incidents: { incidentId: string; readBy?: { label: string; deviceId: string }[] }[] }>(
      `/v1/incidents?day=${DAY}`,
    );
    const logged = body.incidents.find((incident) => incident.incidentId === made.body.incidentId);
    expect(logged?.readBy).toEqual([expect.objectContaining({ label: 'Main gate, phone 2', deviceId: 'phone-2' })]);
    // A booth's page is not a gate page: it does not get the broadcast.
    const booth = await createCredential('exhibitor', { booth: 'A002' });
    const boothBeat = await api<{ broadcasts: unknown[] }>('/v1/devices/heartbeat', {
      body: { deviceId: 'tablet-a002', page: 'booth', clock: fairNow() },
      credential: booth,
    });
    expect(boothBeat.body.broadcasts).toEqual([]);
    // The organisers see each device: last contact, what it has not sent, its clock.
    const devices = await api<{
      devices: { deviceId: string; label: string; unsent?: number; clockSkewMs?: number }[];
    }>('/v1/devices');
    const phone = devices.body.devices.find((device) => device.deviceId === 'phone-2');
    expect(phone).toMatchObject({ label: 'Main gate, phone 2', unsent: 3 });
    expect(Math.abs(phone?.clockSkewMs ?? Number.NaN)).toBeLessThan(60_000);
  });

  it('refuses incidents from a steward, with no text, or of an unknown kind', async () => {
    const steward = await createCredential('gate', { gates: ['main'] });
    expect((await api('/v1/incidents', { body: { kind: 'medical', text: 'x' }, credential: steward })).status).toBe(
      403,
    );
    expectErrorBody((await api('/v1/incidents', { body: { kind: 'medical', text: '' } })).body, 'VALIDATION_FAILED');
    expectErrorBody((await api('/v1/incidents', { body: { kind: 'fire', text: 'x' } })).body, 'VALIDATION_FAILED');
    expectErrorBody(
      (await api('/v1/devices/heartbeat', { body: { deviceId: 'x', page: 'gate', clock: 'now' } })).body,
      'VALIDATION_FAILED',
    );
  });
});

describe('the public status screen', () => {
  it('shows halls by level and today’s sessions by seats left, without a count of people or a credential', async () => {
    const status = await api<{
      zones: { zoneId: string; level: string; coverage: string; count?: number }[];
      workshops: { workshopId: string; seatsLeft: number }[];
    }>('/v1/status', { credential: null });
    expect(status.status).toBe(200);
    expect(status.body.zones.map((zone) => zone.zoneId)).toContain('hall-a');
    // Each zone says whether its doors were counted today, as the organisers' occupancy does.
    const { body: occupancy } = await api<{ zones: { zoneId: string; coverage: string }[] }>('/v1/occupancy');
    expect(Object.fromEntries(status.body.zones.map((zone) => [zone.zoneId, zone.coverage]))).toEqual(
      Object.fromEntries(occupancy.zones.map((zone) => [zone.zoneId, zone.coverage])),
    );
    expect(JSON.stringify(status.body)).not.toMatch(/"count"|holderName|ticketId/);
    for (const workshop of status.body.workshops) expect(workshop.seatsLeft).toBeGreaterThanOrEqual(0);
  });
});
