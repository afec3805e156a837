import { describe, expect, inject, it } from 'vitest';
import { api, createCredential, expectErrorBody, fairNow, issueTicket } from '../support/api-client';
import { eventually } from '../support/eventually';

const badge = (token: string, at = fairNow()) => ({ eventId: crypto.randomUUID(), at, kind: 'badge', token });
const counter = (visitors: number, at = fairNow()) => ({
  eventId: crypto.randomUUID(),
  at,
  kind: 'count',
  in: visitors,
  out: 0,
});
const DAY = '2027-03-26';

interface BoothStats {
  visits: number;
  badgeVisits: number;
  countedVisits: number;
  flaggedVisits?: number;
  uniqueVisitors: number;
  byHour: { hour: number; visits: number }[];
}

const stats = (boothId: string, credential?: string) =>
  api<BoothStats>(`/v1/booths/${boothId}/stats?day=${DAY}`, credential ? { credential } : {});

describe('booth footfall', () => {
  it('counts badge scans and counter tallies, leaves forged and revoked badges out, and lists them', async () => {
    const exhibitor = await createCredential('exhibitor', { booth: 'A010' });
    const [alice, bob, revoked] = [await issueTicket(), await issueTicket(), await issueTicket()];
    await api(`/v1/tickets/${revoked.ticketId}/revoke`, { method: 'POST' });
    const forged = { ...badge(`${alice.token.slice(0, -4)}AAAA`) };
    const gone = badge(revoked.token);
    const events = [badge(alice.token), badge(alice.token), badge(bob.token), counter(5), forged, gone];
    const response = await api<{ accepted: number; rejected: { eventId: string; reason: string }[] }>(
      '/v1/booths/A010/footfall',
      {
        body: { events },
        credential: exhibitor,
      },
    );
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(4);
    expect(response.body.rejected).toEqual([
      { eventId: forged.eventId, reason: 'INVALID_TOKEN' },
      { eventId: gone.eventId, reason: 'REVOKED' },
    ]);
    const counted = await eventually('the counts', async () => {
      const current = await stats('A010', exhibitor);
      return current.body.visits === 8 ? current.body : undefined;
    });
    expect(counted.uniqueVisitors).toBe(2);
    expect(counted.byHour.reduce((sum, hour) => sum + hour.visits, 0)).toBe(8);
    // the same events sent again by a device that did not hear the answer: nothing more is counted
    // (with one new tally in the same request, counted with it: once it shows, the resend has been judged)
    const marker = counter(1);
    await api('/v1/booths/A010/footfall', { body: { events: [...events.slice(0, 4), marker] }, credential: exhibitor });
    const after = await eventually('the marker counted', async () => {
      const current = await stats('A010', exhibitor);
      return current.body.visits !== 8 ? current.body : undefined;
    });
    expect(after).toMatchObject({ visits: 9, uniqueVisitors: 2 });
  });

  it('counts a visit sent alone before answering it, as the booth page sends it; a longer queue behind the queue', async () => {
    const exhibitor = await createCredential('exhibitor', { booth: 'A012' });
    const visitor = await issueTicket();
    const before = (await stats('A012', exhibitor)).body.visits ?? 0;
    const sent = await api('/v1/booths/A012/footfall', {
      body: { events: [badge(visitor.token)] },
      credential: exhibitor,
    });
    expect(sent.status).toBe(202);
    // No wait: the answer came after the count (behind the queue it would take a batching window).
    expect((await stats('A012', exhibitor)).body.visits).toBe(before + 1);
    const offline = Array.from({ length: 11 }, () => counter(1, fairNow()));
    await api('/v1/booths/A012/footfall', { body: { events: offline, offline: true }, credential: exhibitor });
    await eventually('the queued tallies counted', async () =>
      (await stats('A012', exhibitor)).body.visits === before + 12 ? true : undefined,
    );
  });

  it('ranks booths by badge-verified visits, their own +1s beside them, and exports CSV', async () => {
    // B020: one visitor with a badge more than any booth has so far (other tests scan badges too).
    // B021: 400 counted by the booth itself, which cannot outrank them.
    const before = await api<{ booths: { badgeVisits: number }[] }>(`/v1/booths/stats?day=${DAY}`);
    const most = Math.max(0, ...before.body.booths.map((booth) => booth.badgeVisits)) + 1;
    const visitors = await Promise.all(Array.from({ length: most }, () => issueTicket()));
    await api('/v1/booths/B020/footfall', { body: { events: visitors.map((visitor) => badge(visitor.token)) } });
    await api('/v1/booths/B021/footfall', { body: { events: [counter(400)] } });
    const ranking = await eventually('B020 and B021 counted', async () => {
      const response = await api<{
        booths: { boothId: string; visits: number; badgeVisits: number; countedVisits: number }[];
      }>(`/v1/booths/stats?day=${DAY}`);
      const b021 = response.body.booths.find((booth) => booth.boothId === 'B021');
      return response.body.booths[0]?.boothId === 'B020' && b021?.countedVisits === 400 ? response.body : undefined;
    });
    expect(ranking.booths).toHaveLength(140);
    expect(ranking.booths[0]).toMatchObject({ boothId: 'B020', badgeVisits: most, countedVisits: 0, visits: most });
    const badgeVisits = ranking.booths.map((booth) => booth.badgeVisits);
    expect(badgeVisits).toEqual([...badgeVisits].sort((a, b) => b - a));
    const csv = await api(`/v1/booths/stats.csv?day=${DAY}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="booths-${DAY}.csv"`);
    // For Excel set to French: a BOM, semicolons; commas for tools that ask.
    const bytes = new Uint8Array(
      await (
        await fetch(`${inject('apiUrl')}/v1/booths/stats.csv?day=${DAY}`, {
          headers: { authorization: `Bearer ${inject('organiserCredential')}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      String(csv.body).startsWith(
        'rank;boothId;exhibitor;category;badgeVisits;countedVisits;visits;uniqueVisitors\r\n',
      ),
    ).toBe(true);
    expect(String(csv.body).split('\r\n')[1]).toMatch(new RegExp(`^1;B020;[^;]+;[^;]+;${most};0;${most};${most}$`));
    const commas = await api(`/v1/booths/stats.csv?day=${DAY}&separator=comma&lang=ar`);
    expect(String(commas.body).split('\r\n')[0]).toBe(
      'الترتيب,الجناح,العارض,الصنف,زيارات بالشارة,زيارات عدّها الجناح,الزيارات,الزوار المختلفون',
    );
    expect(String(commas.body)).toMatch(/\r\n\d+,B021,[^,]+,[^,]+,0,400,400,0\r\n/);
    const boothCsv = await api(`/v1/booths/B021/stats.csv?day=${DAY}`);
    expect(String(boothCsv.body)).toMatch(/^boothId;day;hour;visits\r\nB021;2027-03-26;\d+;400\r\n$/);
    const french = await api(`/v1/booths/B021/stats.csv?day=${DAY}&lang=fr`);
    expect(String(french.body).split('\r\n')[0]).toBe('Stand;Jour;Heure;Visites');
  });

  it("keeps an eager exhibitor's 500,000 self-counted visits apart: flagged, and never ranked", async () => {
    const exhibitor = await createCredential('exhibitor', { booth: 'A007' });
    const events = Array.from({ length: 500 }, () => counter(1000));
    const response = await api('/v1/booths/A007/footfall', { body: { events }, credential: exhibitor });
    expect(response.status).toBe(202);
    const counted = await eventually('A007 counted', async () => {
      const current = await stats('A007', exhibitor);
      return current.body.visits + Number(current.body.flaggedVisits ?? 0) === 500_000 ? current.body : undefined;
    });
    // 30 a minute over the hour it was sent in, at most: the rest is flagged.
    expect(counted.visits).toBeLessThanOrEqual(1800);
    expect(counted).toMatchObject({ badgeVisits: 0, countedVisits: counted.visits });
    const ranking = await api<{ booths: { boothId: string }[] }>(`/v1/booths/stats?day=${DAY}`);
    expect(ranking.body.booths[0]?.boothId).not.toBe('A007');
  });

  it.each([
    ['a day for a time', { events: [{ eventId: crypto.randomUUID(), at: DAY, kind: 'count', in: 3 }] }, 'events.0.at'],
    [
      'a negative count',
      { events: [{ eventId: crypto.randomUUID(), at: '2027-03-26T10:00:00Z', kind: 'count', in: -3 }] },
      'events.0.in',
    ],
    [
      'a badge without token',
      { events: [{ eventId: crypto.randomUUID(), at: '2027-03-26T10:00:00Z', kind: 'badge' }] },
      'events.0.token',
    ],
    ['an event without id', { events: [{ at: '2027-03-26T10:00:00Z', kind: 'count', in: 1 }] }, 'events.0.eventId'],
    [
      'an unknown kind',
      { events: [{ eventId: crypto.randomUUID(), at: '2027-03-26T10:00:00Z', kind: 'wave', in: 1 }] },
      'events.0.kind',
    ],
    ['a tally above 1,000', { events: [counter(1001)] }, 'events.0.in'],
    ['501 events', { events: Array.from({ length: 501 }, () => counter(1)) }, 'events'],
    ['no events', { events: [] }, 'events'],
  ])('refuses %s whole with 400', async (_label, body, path) => {
    const response = await api('/v1/booths/A012/footfall', { body });
    expect(response.status).toBe(400);
    expect(expectErrorBody(response.body, 'VALIDATION_FAILED').details.map((d) => d.path)).toContain(path);
  });

  it('refuses an online event not of today (fair clock), naming it, and counts nothing of its request', async () => {
    const ahead = counter(9, '2027-03-29T11:00:00Z');
    const today = counter(1);
    const response = await api('/v1/booths/A016/footfall', { body: { events: [today, ahead] } });
    expect(response.status).toBe(400);
    const error = expectErrorBody(response.body, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'events.1.at', message: expect.stringContaining(ahead.eventId) }]);
    const yesterday = counter(4, '2027-03-25T11:00:00Z');
    expect((await api('/v1/booths/A016/footfall', { body: { events: [yesterday] } })).status).toBe(400);
    // Later today on the clock is the future too.
    const tonight = counter(4, new Date(Date.parse(fairNow()) + 3 * 3_600_000).toISOString());
    expect((await api('/v1/booths/A016/footfall', { body: { events: [tonight] } })).status).toBe(400);
    // Nothing of them was counted: a marker sent after them is all there is.
    expect((await api('/v1/booths/A016/footfall', { body: { events: [counter(2)] } })).status).toBe(202);
    await eventually('the marker', async () => ((await stats('A016')).body.visits === 2 ? true : undefined));
  });

  it('counts what a phone queued offline on its own fair day, and never a day not begun or outside the fair', async () => {
    // Visits made just before midnight on a clock three minutes behind count on day one; a day not
    // begun yet, last year and after the fair are rejected (and the rest of the request counts).
    const lastYear = counter(7, '2026-03-26T11:00:00Z');
    const afterFair = counter(7, '2027-04-02T11:00:00Z');
    const justBefore = counter(2, '2027-03-25T23:57:00Z');
    const dayTwo = counter(3, '2027-03-27T11:00:00+00:00');
    const response = await api<{ accepted: number; rejected: { eventId: string; reason: string }[] }>(
      '/v1/booths/A014/footfall',
      { body: { events: [lastYear, afterFair, justBefore, dayTwo], offline: true } },
    );
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected).toEqual([
      { eventId: lastYear.eventId, reason: 'OUT_OF_DAY' },
      { eventId: afterFair.eventId, reason: 'OUT_OF_DAY' },
      { eventId: dayTwo.eventId, reason: 'OUT_OF_DAY' },
    ]);
    await eventually('the drifting clock counted on day one', async () => {
      const day1 = await stats('A014');
      return day1.body.visits === 2 ? true : undefined;
    });
    expect((await api<BoothStats>('/v1/booths/A014/stats?day=2027-03-27')).body.visits).toBe(0);
  });

  it("answers 404 for an unknown booth and 403 for another booth's credential", async () => {
    expectErrorBody((await api('/v1/booths/Z999/footfall', { body: { events: [counter(1)] } })).body, 'NOT_FOUND');
    const other = await createCredential('exhibitor', { booth: 'A001' });
    const refused = await api('/v1/booths/A013/footfall', { body: { events: [counter(1)] }, credential: other });
    expect(refused.status).toBe(403);
    expect((await stats('A013', other)).status).toBe(403);
    expect((await api(`/v1/booths/stats?day=${DAY}`, { credential: other })).status).toBe(403);
  });
});
