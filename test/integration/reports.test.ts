import { describe, expect, inject, it } from 'vitest';
import {
  api,
  createCredential,
  expectErrorBody,
  fairNow,
  holdersCaughtUp,
  issueTicket,
  projectionCaughtUp,
  scan,
} from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * The day report and the fair report, through the API on the shared runtime: what a day that has not
 * begun, a day outside the fair and a malformed day answer; the CSV's shape; and the figures moving by
 * exactly what this test did at a gate and at a workshop door (the files run one at a time, so what
 * else moves them has settled before the first reading).
 */
interface Flow {
  total: number;
  ticketed: number;
  counted: number;
}
interface Report {
  day: string;
  partial: boolean;
  fair: { name: string; localNames: { ar: string } };
  entries: Flow;
  exits: Flow;
  ticketHolders: number;
  byCategory: { category: string; holders: number }[];
  refusals: { total: number; byVerdict: Record<string, number> };
  insideByHour: { hour: number; inside: number }[];
  zones: { zoneId: string; capacity: number; peak?: { count: number; at: string } }[];
  workshops: { workshopId: string; capacity: number; registered: number; attended: number; status: string }[];
}

const today = () => fairNow().slice(0, 10);
const report = async () => (await api<Report>(`/v1/reports/days/${today()}`)).body;

describe('the day report', () => {
  it('answers 404 for a day outside the fair, 409 for a day not begun, 400 for a malformed day, 403 to a gate', async () => {
    const before = await api('/v1/reports/days/2027-03-25');
    expect(before.status).toBe(404);
    expect(expectErrorBody(before.body, 'NOT_FOUND').message).toContain('2027-03-25');
    const fair = (await api<{ days: string[] }>('/v1/fair')).body;
    const later = fair.days.find((day) => day > today()) as string;
    expect((await api(`/v1/reports/days/${later}`)).status).toBe(409);
    expect((await api(`/v1/reports/days/${later}/report.csv`)).status).toBe(409);
    const malformed = await api('/v1/reports/days/26-03-2027');
    expect(malformed.status).toBe(400);
    expectErrorBody(malformed.body, 'VALIDATION_FAILED');
    expect((await api('/v1/reports/days/2027-03-26/report.csv?separator=tab')).status).toBe(400);
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await api(`/v1/reports/days/${today()}`, { credential: gate })).status).toBe(403);
    expect((await api('/v1/reports/fair', { credential: gate })).status).toBe(403);
  });

  it('moves by exactly what happened: entries ticketed and counted, holders, refusals by reason, attendance, peaks', async () => {
    // Holders are counted from the tickets stream a few seconds behind: everything before now first.
    await holdersCaughtUp();
    // The gate hours too (their own consumer, batching 5 s): all before now is in `start`.
    await projectionCaughtUp();
    const start = await report();
    expect(start).toMatchObject({ day: today(), partial: true });
    expect(start.fair.localNames.ar).toMatch(/[\u0600-\u06FF]/);

    const admitted = await issueTicket();
    expect((await scan(admitted.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    const revoked = await issueTicket();
    expect((await api(`/v1/tickets/${revoked.ticketId}/revoke`, { body: {} })).status).toBe(200);
    expect((await scan(revoked.token, 'main', 'in')).body.verdict).toBe('REVOKED');
    const counted = await api<{ zoneId: string }>('/v1/gates/main/counts', {
      body: { countId: crypto.randomUUID(), in: 3, out: 0, countedAt: fairNow(), deviceId: 'report-test' },
    });
    expect(counted.status).toBe(200);

    const startsAt = new Date(Date.parse(fairNow()) - 5 * 60_000).toISOString();
    const endsAt = new Date(Date.parse(fairNow()) + 60 * 60_000).toISOString();
    const workshop = await api<{ workshopId: string }>('/v1/workshops', {
      body: { title: 'Report test', startsAt, endsAt, capacity: 4, registrationRequired: false },
    });
    const attendee = await issueTicket();
    const door = await api<{ verdict: string }>(`/v1/workshops/${workshop.body.workshopId}/admissions`, {
      body: { scanId: crypto.randomUUID(), token: attendee.token },
    });
    expect(door.body.verdict).toBe('ADMITTED');

    const after = await eventually('the report has what happened', async () => {
      const now = await report();
      return now.entries.counted >= start.entries.counted + 3 &&
        now.entries.ticketed >= start.entries.ticketed + 1 &&
        now.ticketHolders >= start.ticketHolders + 1 &&
        (now.refusals.byVerdict.REVOKED ?? 0) >= (start.refusals.byVerdict.REVOKED ?? 0) + 1
        ? now
        : undefined;
    });
    expect(after.entries).toEqual({
      ticketed: start.entries.ticketed + 1,
      counted: start.entries.counted + 3,
      total: start.entries.total + 4,
    });
    expect(after.ticketHolders).toBe(start.ticketHolders + 1);
    // By category: every category listed, the visitor admitted among the visitors.
    const holders = (report: Report, category: string) =>
      report.byCategory.find((row) => row.category === category)?.holders;
    expect(after.byCategory.map((row) => row.category)).toEqual(['visitor', 'exhibitor', 'press', 'staff', 'vip']);
    expect(holders(after, 'visitor')).toBe((holders(start, 'visitor') ?? 0) + 1);
    expect(after.byCategory.reduce((sum, row) => sum + row.holders, 0)).toBe(after.ticketHolders);
    expect(after.refusals.byVerdict.REVOKED).toBe((start.refusals.byVerdict.REVOKED ?? 0) + 1);
    expect(after.refusals.total).toBe(start.refusals.total + 1);
    expect(after.workshops.find((entry) => entry.workshopId === workshop.body.workshopId)).toMatchObject({
      capacity: 4,
      attended: 1,
      status: 'held',
    });
    const behindMain = counted.body.zoneId;
    const occupancy = (await api<{ zones: { zoneId: string; count: number }[] }>('/v1/occupancy')).body.zones;
    const zoneNow = occupancy.find((zone) => zone.zoneId === behindMain)?.count ?? 0;
    expect(zoneNow).toBeGreaterThan(0);
    // The peak is the most the zone held today: never below what it held a moment before the report
    // was asked (read in that order: other files' scans keep coming in meanwhile), stamped today.
    const behind = (await report()).zones.find((zone) => zone.zoneId === behindMain);
    expect(behind?.peak?.count).toBeGreaterThanOrEqual(zoneNow);
    expect(behind?.peak?.at.slice(0, 10)).toBe(today());
    // People inside by hour: one row an hour, in order, up to the fair's present hour, whole counts.
    const hours = after.insideByHour.map((entry) => entry.hour);
    expect(hours).toEqual([...hours].sort((a, b) => a - b));
    expect(new Set(hours).size).toBe(hours.length);
    // (The report was read a moment ago: the fair's clock may have passed the hour since.)
    const hourNow = new Date(fairNow()).getUTCHours();
    expect([hourNow, hourNow - 1]).toContain(hours.at(-1));
    expect(after.insideByHour.every((entry) => Number.isInteger(entry.inside) && entry.inside >= 0)).toBe(true);
  });

  it('gives the same report as CSV: a BOM, semicolons, the sections in order, headers in the asked language', async () => {
    const csv = await api<string>(`/v1/reports/days/${today()}/report.csv?lang=fr`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`report-${today()}.csv`);
    const bytes = new Uint8Array(
      await (
        await fetch(`${inject('apiUrl')}/v1/reports/days/${today()}/report.csv`, {
          headers: { authorization: `Bearer ${inject('organiserCredential')}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Decoded, the BOM is gone and the sections follow one another.
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toContain('Salon');
    const titles = [
      'Par catégorie de billet',
      'Entrées',
      'Zones',
      'Refus',
      'Ateliers et séminaires',
      'Stands',
      'Décisions',
      'Alertes',
    ].map((title) => lines.indexOf(title));
    // Categories in the reader's words, a gate by its name.
    expect(lines).toContainEqual(expect.stringMatching(/^Visiteur;\d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^main;Entrée principale[^;]*;\d+;/));
    expect(titles.every((index) => index > 0)).toBe(true);
    expect([...titles].sort((a, b) => a - b)).toEqual(titles);
    expect(lines.some((line) => line.includes(';'))).toBe(true);
  });

  it('adds the days begun so far into the fair report', async () => {
    const fair = (await api<{ days: { day: string; entries: Flow }[]; entries: Flow }>('/v1/reports/fair')).body;
    expect(fair.days.map((day) => day.day)).toEqual([today()]);
    expect(fair.entries).toEqual(fair.days[0]?.entries);
  });

  it('shows a paper tally entered after a cut beside the live figures, never in them', async () => {
    const before = await report();
    const entered = await api<{ gateId: string; in: number; by: string }>('/v1/gates/east/paper-tallies', {
      body: { day: today(), from: '12:00', to: '12:15', in: 37, out: 12 },
    });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ gateId: 'east', in: 37, by: expect.any(String) });
    // The same window again is a corrected sheet: it replaces the first.
    await api('/v1/gates/east/paper-tallies', { body: { day: today(), from: '12:00', to: '12:15', in: 38, out: 12 } });
    const after = (
      await api<Report & { paper: { entries: number; exits: number; tallies: unknown[] } }>(
        `/v1/reports/days/${today()}`,
      )
    ).body;
    expect(after.paper.entries - ((before as { paper?: { entries: number } }).paper?.entries ?? 0)).toBe(38);
    expect(after.paper.tallies).toContainEqual(
      expect.objectContaining({ gateId: 'east', from: '12:00', to: '12:15', in: 38, out: 12 }),
    );
    expect(after.entries.counted).toBe(before.entries.counted);
    // Refused: a window that ends before it starts, a day outside the fair, a gate that is not, a gate phone.
    const wrong = await api('/v1/gates/east/paper-tallies', {
      body: { day: today(), from: '12:15', to: '12:00', in: 1, out: 0 },
    });
    expect(wrong.status).toBe(400);
    expect(expectErrorBody(wrong.body, 'VALIDATION_FAILED').details.map((detail) => detail.path)).toEqual(['to']);
    const body = { day: today(), from: '12:00', to: '12:15', in: 1, out: 0 };
    expect((await api('/v1/gates/east/paper-tallies', { body: { ...body, day: '2027-04-30' } })).status).toBe(404);
    expect((await api('/v1/gates/nowhere/paper-tallies', { body })).status).toBe(404);
    const phone = await createCredential('gate', { gates: ['east'] }, 'east phone');
    expect((await api('/v1/gates/east/paper-tallies', { credential: phone, body })).status).toBe(403);
  });
});
