import { describe, expect, inject, it } from 'vitest';
import { TicketKeyring } from '#shared/domain/signing-keys';
import {
  api,
  createCredential,
  expectErrorBody,
  fairNow,
  issueTicket,
  offlineScan,
  type ScanResult,
  scan,
} from '../support/api-client';

describe('gate scans', () => {
  it('admits, refuses a pass-back, moves between zones, and lets out', async () => {
    const { token, ticketId } = await issueTicket();
    expect((await scan(token, 'main', 'in')).body).toMatchObject({ verdict: 'ADMITTED', ticketId, zoneId: 'venue' });
    expect((await scan(token, 'main', 'in')).body.verdict).toBe('ALREADY_INSIDE');
    expect((await scan(token, 'seminar', 'in')).body).toMatchObject({ verdict: 'ADMITTED', zoneId: 'seminar-hall' });
    expect((await scan(token, 'east', 'in')).body.verdict).toBe('ALREADY_INSIDE');
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({
      inside: true,
      zoneId: 'seminar-hall',
      entries: 2,
    });
    expect((await scan(token, 'main', 'out')).body.verdict).toBe('EXITED');
    expect((await scan(token, 'main', 'out')).body.verdict).toBe('NOT_INSIDE');
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ inside: false, entries: 2 });
  });

  it('shows the attention note at every scan of the ticket', async () => {
    const { token } = await issueTicket({ category: 'vip', attentionNote: 'wheelchair user: open the side gate' });
    expect((await scan(token, 'main', 'in')).body.attention).toBe('wheelchair user: open the side gate');
    expect((await scan(token, 'main', 'in')).body.attention).toBe('wheelchair user: open the side gate');
  });

  it('answers a resent scan with its first verdict, marked replayed, and changes nothing', async () => {
    const { token, ticketId } = await issueTicket();
    const body = {
      scanId: crypto.randomUUID(),
      token,
      gateId: 'main',
      direction: 'in',
      scannedAt: fairNow(),
      deviceId: 'd1',
    };
    const first = await api<ScanResult>('/v1/scans', { body });
    const second = await api<ScanResult>('/v1/scans', { body });
    expect(first.body.verdict).toBe('ADMITTED');
    expect(second.body).toEqual({ ...first.body, replayed: true });
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ entries: 1 });
  });

  it('admits a ticket exactly once when 20 devices scan it at the same moment', async () => {
    const { token, ticketId } = await issueTicket();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => scan(token, 'main', 'in', { deviceId: `phone-${i}` })),
    );
    const verdicts = results.map((r) => r.body.verdict);
    expect(verdicts.filter((v) => v === 'ADMITTED')).toHaveLength(1);
    expect(verdicts.filter((v) => v === 'ALREADY_INSIDE')).toHaveLength(19);
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ inside: true, entries: 1 });
  });

  it('answers resends of one scan raced in parallel with one verdict, applied once', async () => {
    const { token, ticketId } = await issueTicket();
    const body = {
      scanId: crypto.randomUUID(),
      token,
      gateId: 'east',
      direction: 'in',
      scannedAt: fairNow(),
      deviceId: 'd1',
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => api<ScanResult>('/v1/scans', { body })));
    expect(new Set(results.map((r) => r.body.verdict))).toEqual(new Set(['ADMITTED']));
    expect(results.filter((r) => !r.body.replayed)).toHaveLength(1);
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ entries: 1, zoneId: 'venue' });
  });

  it('refuses revoked tickets, other days, forged, truncated and foreign tokens, each with its verdict', async () => {
    const revoked = await issueTicket();
    await api(`/v1/tickets/${revoked.ticketId}/revoke`, { method: 'POST' });
    expect((await scan(revoked.token, 'main', 'in')).body.verdict).toBe('REVOKED');
    const tomorrow = await issueTicket({ category: 'visitor', validDays: ['2027-03-27'] });
    expect((await scan(tomorrow.token, 'main', 'in')).body.verdict).toBe('NOT_VALID_TODAY');
    const good = await issueTicket();
    const flipped = good.token.slice(0, -3) + (good.token.endsWith('A') ? 'BBB' : 'AAA');
    for (const bad of [flipped, good.token.slice(0, 90), '', 'https://example.com/not-a-ticket', '☃'.repeat(50)]) {
      expect((await scan(bad, 'main', 'in')).body.verdict, bad).toBe('INVALID_TOKEN');
    }
    const strangerKey = new TicketKeyring('a key this fair never had');
    const stranger = strangerKey.signToken({
      fairId: 'oujda-ess-2027',
      ticketId: good.ticketId,
      category: 'vip',
      validDays: ['2027-03-26'],
    });
    expect((await scan(stranger, 'main', 'in')).body.verdict).toBe('INVALID_TOKEN');
    const ourKey = new TicketKeyring(inject('signingSecret'));
    const otherFair = ourKey.signToken({
      fairId: 'another-fair-2027',
      ticketId: good.ticketId,
      category: 'visitor',
      validDays: ['2027-03-26'],
    });
    expect((await scan(otherFair, 'main', 'in')).body.verdict).toBe('WRONG_FAIR');
    const neverIssued = ourKey.signToken({
      fairId: 'oujda-ess-2027',
      ticketId: 'ZZZZZZZZZZZZZZZZ',
      category: 'vip',
      validDays: ['2027-03-26'],
    });
    expect((await scan(neverIssued, 'main', 'in')).body.verdict).toBe('INVALID_TOKEN');
    expect((await api(`/v1/tickets/${good.ticketId}`)).body).toMatchObject({ inside: false, entries: 0 });
  });

  it('lets a gate credential scan only at its own gates', async () => {
    const east = await createCredential('gate', { gates: ['east'] });
    const { token } = await issueTicket();
    const outOfScope = await scan(token, 'main', 'in', {}, east);
    expect(outOfScope.status).toBe(403);
    expectErrorBody(outOfScope.body, 'FORBIDDEN');
    expect((await scan(token, 'east', 'in', {}, east)).body.verdict).toBe('ADMITTED');
  });

  it.each([
    [{ scanId: 'not-a-uuid' }, 'scanId'],
    [{ direction: 'sideways' }, 'direction'],
    [{ scannedAt: 'yesterday' }, 'scannedAt'],
    [{ deviceId: '' }, 'deviceId'],
    [{ token: 42 }, 'token'],
    [{ gateId: '../../etc' }, 'gateId'],
  ])('refuses a scan with %j as 400 naming %s', async (override, path) => {
    const body = {
      scanId: crypto.randomUUID(),
      token: 'x',
      gateId: 'main',
      direction: 'in',
      scannedAt: fairNow(),
      deviceId: 'd',
      ...override,
    };
    const response = await api('/v1/scans', { body });
    expect(response.status).toBe(400);
    expect(expectErrorBody(response.body, 'VALIDATION_FAILED').details.map((d) => d.path)).toEqual([path]);
  });

  it('answers 404 for an unknown gate', async () => {
    const { token } = await issueTicket();
    expectErrorBody((await scan(token, 'back-door', 'in')).body, 'NOT_FOUND');
  });
});

describe('offline sync', () => {
  it('judges a batch in the order given, accepting past scan times, and replays it harmlessly', async () => {
    const { token, ticketId } = await issueTicket();
    const scans = [offlineScan(token, 'in', 30), offlineScan(token, 'out', 20), offlineScan(token, 'in', 10)];
    const first = await api<{ results: ScanResult[] }>('/v1/scans/batch', { body: { scans } });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.verdict)).toEqual(['ADMITTED', 'EXITED', 'ADMITTED']);
    const again = await api<{ results: ScanResult[] }>('/v1/scans/batch', { body: { scans } });
    expect(again.body.results.map((r) => [r.verdict, r.replayed])).toEqual([
      ['ADMITTED', true],
      ['EXITED', true],
      ['ADMITTED', true],
    ]);
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ inside: true, entries: 2 });
  });

  it('keeps both scans when two offline devices admitted the same ticket, marking the second a conflict', async () => {
    const { token, ticketId } = await issueTicket({ category: 'visitor', holderName: 'Salma Idrissi' });
    const unnamed = await issueTicket();
    // The second phone has reported itself (its label is its credential's); the first never has.
    const phoneB = `phone-b-${crypto.randomUUID()}`;
    const steward = await createCredential('gate', { gates: ['main'] }, 'Main gate, phone B');
    const beat = await api('/v1/devices/heartbeat', {
      body: { deviceId: phoneB, page: 'gate', at: 'main', clock: fairNow() },
      credential: steward,
    });
    expect(beat.status).toBe(200);
    const a = await api<{ results: ScanResult[] }>('/v1/scans/batch', {
      body: {
        scans: [
          offlineScan(token, 'in', 15, { deviceId: 'phone-a', offlineVerdict: 'ADMITTED' }),
          offlineScan(unnamed.token, 'in', 15, { deviceId: 'phone-a', offlineVerdict: 'ADMITTED' }),
        ],
      },
    });
    const b = await api<{ results: ScanResult[] }>('/v1/scans/batch', {
      body: {
        scans: [
          offlineScan(token, 'in', 14, { deviceId: phoneB, offlineVerdict: 'ADMITTED' }),
          offlineScan(unnamed.token, 'in', 14, { deviceId: 'phone-c', offlineVerdict: 'ADMITTED' }),
        ],
      },
    });
    expect(a.body.results.map((result) => result.verdict)).toEqual(['ADMITTED', 'ADMITTED']);
    expect(b.body.results[0]).toMatchObject({ verdict: 'ALREADY_INSIDE', conflict: true });
    const conflicts = await api<{ conflicts: Record<string, unknown>[] }>('/v1/scans/conflicts');
    // Organisers read which phone and whose ticket: the phone's label, the holder's name, else the short code.
    expect(conflicts.body.conflicts).toContainEqual(
      expect.objectContaining({
        scanId: b.body.results[0]?.scanId,
        ticketId,
        deviceId: phoneB,
        deviceLabel: 'Main gate, phone B',
        holderName: 'Salma Idrissi',
        deviceSaid: 'ADMITTED',
      }),
    );
    const other = conflicts.body.conflicts.find((conflict) => conflict.scanId === b.body.results[1]?.scanId);
    expect(other).toMatchObject({
      ticketId: unnamed.ticketId,
      deviceId: 'phone-c',
      shortCode: unnamed.shortCode.replace('-', ''),
    });
    expect(other).not.toHaveProperty('deviceLabel');
    expect(other).not.toHaveProperty('holderName');
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ entries: 1 });
  });

  it('refuses a batch over 500 and names scans at unknown gates', async () => {
    const tooMany = await api('/v1/scans/batch', {
      body: { scans: Array.from({ length: 501 }, () => offlineScan('x', 'in', 1)) },
    });
    expect(tooMany.status).toBe(400);
    const unknownGate = await api('/v1/scans/batch', {
      body: { scans: [offlineScan('x', 'in', 1), offlineScan('x', 'in', 1, { gateId: 'nowhere' })] },
    });
    expect(unknownGate.status).toBe(400);
    expect(expectErrorBody(unknownGate.body, 'VALIDATION_FAILED').details.map((d) => d.path)).toEqual([
      'scans.1.gateId',
    ]);
  });
});
