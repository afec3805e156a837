import { describe, expect, it } from 'vitest';
import {
  api,
  createCredential,
  expectErrorBody,
  fairNow,
  issueTicket,
  offlineScan,
  projectionCaughtUp,
  scan,
  zoneCount,
} from '../support/api-client';
import { eventually } from '../support/eventually';

/**
 * Walk-ins counted at the gates (a free fair: most visitors hold no ticket) move occupancy like scanned
 * tickets; opening hours; exits that always pass; workshop attendance. On the real engines.
 */
interface CountAnswer {
  countId: string;
  zoneId: string;
  count: number;
  capacity: number;
  level: string;
  full: boolean;
  replayed?: boolean;
  undone?: boolean;
  flagged?: boolean;
}

const count = (gateId: string, body: Record<string, unknown>, credential?: string) =>
  api<CountAnswer>(`/v1/gates/${gateId}/counts`, {
    body: {
      countId: crypto.randomUUID(),
      in: 1,
      out: 0,
      countedAt: fairNow(),
      deviceId: 'steward-phone',
      ...body,
    },
    ...(credential ? { credential } : {}),
  });

/**
 * Waits until the zone's count is `expected`. To prove nothing more came after, a test then sends a
 * marker (one more count) and waits for expected + 1: anything counted twice would overshoot it.
 */
async function settlesAt(zoneId: string, expected: number): Promise<void> {
  await eventually(`${zoneId} at ${expected}`, async () => ((await zoneCount(zoneId)) === expected ? true : undefined));
}

async function gateFigures(gateId: string) {
  const { body } = await api<{
    gates: {
      gateId: string;
      entries: number;
      exits: number;
      ticketed: { entries: number; exits: number };
      counted: { entries: number; exits: number };
    }[];
  }>('/v1/gates/stats');
  return body.gates.find((gate) => gate.gateId === gateId);
}

/** Minutes of the fair's first hour, one per exit count `letOut` sends, never the same twice in a run. */
let cleanupMinute = 0;

/**
 * Lets `people` walk-ins out through a gate again after a test, as a steward's offline batch would:
 * each count of at most 50 stamped at a minute of its own in the first hour, so that it stays within
 * what the door can pass whatever earlier tests counted this minute (a flagged exit would leave them
 * inside for the tests after).
 */
async function letOut(gateId: string, people: number): Promise<void> {
  const counts = [];
  for (let left = people; left > 0; left -= 50) {
    cleanupMinute += 1;
    const countedAt = new Date(Date.parse(`${fairNow().slice(0, 10)}T10:59:00Z`) - cleanupMinute * 60_000);
    counts.push({
      countId: crypto.randomUUID(),
      in: 0,
      out: Math.min(50, left),
      countedAt: countedAt.toISOString(),
      deviceId: 'cleanup',
    });
  }
  if (counts.length === 0) return;
  const { body } = await api<{ results: CountAnswer[] }>(`/v1/gates/${gateId}/counts/batch`, { body: { counts } });
  expect(body.results.filter((result) => result.flagged)).toEqual([]);
}

describe('walk-ins counted at a gate', () => {
  it('counts a resent countId once and answers it as the first time, marked replayed', async () => {
    const before = await zoneCount('venue');
    const body = { countId: crypto.randomUUID(), in: 3, out: 1 };
    const first = await count('east', body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ zoneId: 'venue', capacity: 1800, full: false, level: 'normal' });
    const again = await count('east', body);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    const racing = await Promise.all(Array.from({ length: 6 }, () => count('east', body)));
    expect(racing.filter((response) => !response.body.replayed)).toHaveLength(0);
    await settlesAt('venue', before + 2);
    // A marker sent after the resends: once it shows, anything the resends moved would show too.
    await count('east', { in: 1 });
    await settlesAt('venue', before + 3);
  });

  it('adds up exactly under ten devices counting at two gates at once, mixed with ticket scans', async () => {
    // The gate statistics (their own consumer, batching 5 s) of earlier tests all counted first.
    await projectionCaughtUp();
    const before = await zoneCount('venue');
    const stats = { main: await gateFigures('main'), east: await gateFigures('east') };
    const devices = Array.from({ length: 10 }, (_, device) => device);
    const tickets = await Promise.all(Array.from({ length: 8 }, () => issueTicket()));
    await Promise.all([
      ...devices.map(async (device) => {
        for (let tap = 0; tap < 12; tap += 1) {
          // Every device lets out fewer than it let in before: the walk-ins never need to go below 0.
          const response = await count(device % 2 === 0 ? 'main' : 'east', {
            in: tap % 3 === 2 ? 0 : 2,
            out: tap % 3 === 2 ? 1 : 0,
            deviceId: `phone-${device}`,
          });
          expect(response.status).toBe(200);
        }
      }),
      ...tickets.map(async ({ token }) => {
        expect((await scan(token, 'main', 'in')).body.verdict).toBe('ADMITTED');
      }),
    ]);
    // Per device: 8 taps of 2 in, 4 taps of 1 out = +12; ten devices = +120; eight tickets = +8.
    await settlesAt('venue', before + 128);
    await projectionCaughtUp();
    const main = await gateFigures('main');
    expect(main?.counted.entries).toBe((stats.main?.counted.entries ?? 0) + 5 * 16);
    expect(main?.counted.exits).toBe((stats.main?.counted.exits ?? 0) + 5 * 4);
    expect(main?.ticketed.entries).toBe((stats.main?.ticketed.entries ?? 0) + 8);
    expect(main?.entries).toBe((main?.ticketed.entries ?? 0) + (main?.counted.entries ?? 0));
    expect((await gateFigures('east'))?.counted.entries).toBe((stats.east?.counted.entries ?? 0) + 5 * 16);
  });

  it('never refuses a count when the zone is full, and says it is', async () => {
    const before = await zoneCount('seminar-hall');
    await api('/v1/zones/seminar-hall', { method: 'PATCH', body: { capacity: before + 2 } });
    try {
      const first = await count('seminar', { in: 2 });
      expect(first.body).toMatchObject({ zoneId: 'seminar-hall', count: before + 2, full: true });
      await settlesAt('seminar-hall', before + 2);
      const more = await count('seminar', { in: 3 });
      expect(more.status).toBe(200);
      expect(more.body).toMatchObject({ count: before + 5, full: true, level: 'full' });
      await settlesAt('seminar-hall', before + 5);
      await count('seminar', { in: 0, out: 5 });
      await settlesAt('seminar-hall', before);
    } finally {
      await api('/v1/zones/seminar-hall', { method: 'PATCH', body: { capacity: 160 } });
    }
  });

  it('takes back a tap by the device that made it, once, and refuses anyone else', async () => {
    const before = await zoneCount('venue');
    const tap = await count('main', { in: 1, deviceId: 'tapper' });
    await settlesAt('venue', before + 1);
    const path = `/v1/gates/main/counts/${tap.body.countId}`;
    expectErrorBody((await api(`${path}?deviceId=someone-else`, { method: 'DELETE' })).body, 'NOT_FOUND');
    const undone = await api<CountAnswer>(`${path}?deviceId=tapper`, { method: 'DELETE' });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ countId: tap.body.countId, undone: true });
    const twice = await api<CountAnswer>(`${path}?deviceId=tapper`, { method: 'DELETE' });
    expect(twice.body).toMatchObject({ undone: true, replayed: true });
    await settlesAt('venue', before);
    await count('main', { in: 1 });
    await settlesAt('venue', before + 1);
    expectErrorBody(
      (await api(`/v1/gates/main/counts/${crypto.randomUUID()}?deviceId=tapper`, { method: 'DELETE' })).body,
      'NOT_FOUND',
    );
    expect((await api(`${path}`, { method: 'DELETE' })).status).toBe(400);
  });

  it('syncs an offline batch in order and replays it harmlessly', async () => {
    const before = await zoneCount('venue');
    const at = (minutesAgo: number) => new Date(Date.parse(fairNow()) - minutesAgo * 60_000).toISOString();
    const counts = [
      { countId: crypto.randomUUID(), in: 4, out: 0, countedAt: at(20), deviceId: 'offline-steward' },
      { countId: crypto.randomUUID(), in: 0, out: 1, countedAt: at(10), deviceId: 'offline-steward' },
    ];
    const first = await api<{ results: CountAnswer[] }>('/v1/gates/east/counts/batch', { body: { counts } });
    expect(first.status).toBe(200);
    expect(first.body.results.map((result) => result.countId)).toEqual(counts.map((c) => c.countId));
    const again = await api<{ results: CountAnswer[] }>('/v1/gates/east/counts/batch', { body: { counts } });
    expect(again.body.results.every((result) => result.replayed)).toBe(true);
    await settlesAt('venue', before + 3);
    await count('east', { in: 1 });
    await settlesAt('venue', before + 4);
  });

  it('never lets walk-ins go below 0: exits that find nobody are left out and reported', async () => {
    const day = fairNow().slice(0, 10);
    const occupancy = async () =>
      (
        await api<{ zones: { zoneId: string; count: number; ticketed: number; counted: number }[] }>('/v1/occupancy')
      ).body.zones.find((zone) => zone.zoneId === 'seminar-hall');
    const unmatched = async () =>
      (await api<{ zones: { zoneId: string; unmatchedOut?: number }[] }>(`/v1/reports/days/${day}`)).body.zones.find(
        (zone) => zone.zoneId === 'seminar-hall',
      )?.unmatchedOut ?? 0;
    const before = await occupancy();
    const unmatchedBefore = await unmatched();
    // Bring the walk-ins to a known 3 whatever earlier tests left: one out for all of them (each
    // counted at most 50 a time), then 3 in.
    await letOut('seminar', before?.counted ?? 0);
    await count('seminar', { in: 3, out: 0 });
    await eventually('3 walk-ins in the seminar hall', async () =>
      (await occupancy())?.counted === 3 ? true : undefined,
    );
    const floor = await unmatched();
    expect(floor).toBe(unmatchedBefore);
    const out = await count('seminar', { in: 0, out: 10 });
    expect(out.body.count).toBeGreaterThanOrEqual(0);
    await eventually('nobody counted', async () => ((await occupancy())?.counted === 0 ? true : undefined));
    // One in afterwards counts one, not 3 - 10 + 1: the seven exits that found nobody were not kept.
    await count('seminar', { in: 1, out: 0 });
    await eventually('1 walk-in', async () => ((await occupancy())?.counted === 1 ? true : undefined));
    const after = await occupancy();
    expect(after?.count).toBe((after?.ticketed ?? 0) + 1);
    expect(await unmatched()).toBe(unmatchedBefore + 7);
  });

  it('leaves out counts beyond what the door can pass in a minute, flags them and tells organisers once', async () => {
    // The seminar hall's door is 1.8 m wide: 108 people a minute each way. A phone whose credential
    // leaked sends 40 counts of 50 at once, as an offline batch stamped the same minute.
    const label = `Seminar door, sheet lost ${crypto.randomUUID().slice(0, 8)}`;
    const leaked = await createCredential('gate', { gates: ['seminar'] }, label);
    const occupancy = async () =>
      (await api<{ zones: { zoneId: string; counted: number }[] }>('/v1/occupancy')).body.zones.find(
        (zone) => zone.zoneId === 'seminar-hall',
      )?.counted ?? Number.NaN;
    await projectionCaughtUp();
    const walkInsBefore = await occupancy();
    const statsBefore = (await gateFigures('seminar')) as unknown as {
      flagged?: { entries: number };
      lastMinutes?: { minute: string; in: number }[];
    };
    const countedAt = new Date(Date.parse(fairNow()) - 3 * 60_000).toISOString();
    const minuteKey = `${countedAt.slice(0, 16)}:00Z`;
    // An earlier test may have counted at this door in that minute (on a slow machine, three minutes
    // ago is when it ran): what this batch adds is judged on top of it.
    const inBefore = statsBefore.lastMinutes?.find((minute) => minute.minute === minuteKey)?.in ?? 0;
    expect(inBefore, 'the minute leaves room for the two counts the door can pass').toBeLessThanOrEqual(8);
    const counts = Array.from({ length: 40 }, () => ({
      countId: crypto.randomUUID(),
      in: 50,
      out: 0,
      countedAt,
      deviceId: 'leaked-phone',
    }));
    const first = await api<{ results: CountAnswer[] }>('/v1/gates/seminar/counts/batch', {
      body: { counts },
      credential: leaked,
    });
    expect(first.status).toBe(200);
    expect(first.body.results.map((result) => result.flagged ?? false)).toEqual([
      false,
      false,
      ...Array.from({ length: 38 }, () => true),
    ]);
    const again = await api<{ results: CountAnswer[] }>('/v1/gates/seminar/counts/batch', {
      body: { counts },
      credential: leaked,
    });
    expect(again.body.results.every((result) => result.replayed)).toBe(true);
    expect(again.body.results.filter((result) => result.flagged)).toHaveLength(38);
    // The two the door could have passed count; a marker after them shows nothing else did.
    await count('seminar', { in: 1 });
    await eventually('the seminar hall at +101', async () =>
      (await occupancy()) === walkInsBefore + 101 ? true : undefined,
    );
    const { body } = await api<{
      alerts: {
        kind?: string;
        gateId?: string;
        credentialLabel?: string;
        deviceId?: string;
        people?: number;
        perMinute?: number;
      }[];
    }>('/v1/alerts');
    const raised = body.alerts.filter((alert) => alert.kind === 'implausible-count' && alert.credentialLabel === label);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ gateId: 'seminar', deviceId: 'leaked-phone', people: 50, perMinute: 108 });
    await eventually('the flagged walk-ins in the gate statistics', async () => {
      const stats = (await gateFigures('seminar')) as unknown as {
        flagged?: { entries: number };
        lastMinutes?: { minute: string; in: number; flagged?: number }[];
      };
      return stats.flagged?.entries === (statsBefore.flagged?.entries ?? 0) + 38 * 50 ? stats : undefined;
    });
    const stats = (await gateFigures('seminar')) as unknown as {
      lastMinutes?: { minute: string; in: number; flagged?: number }[];
    };
    expect(stats.lastMinutes?.find((minute) => minute.minute === minuteKey)).toMatchObject({
      in: inBefore + 100,
      flagged: 38 * 50,
    });
    await letOut('seminar', 101);
    await eventually('the seminar hall back where it was', async () =>
      (await occupancy()) === walkInsBefore ? true : undefined,
    );
  });

  it('lets exactly what the door can pass through when ten phones count in the same minute at once', async () => {
    const countedAt = new Date(Date.parse(fairNow()) - 7 * 60_000).toISOString();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, phone) =>
        api<{ results: CountAnswer[] }>('/v1/gates/seminar/counts/batch', {
          body: { counts: [{ countId: crypto.randomUUID(), in: 30, out: 0, countedAt, deviceId: `phone-${phone}` }] },
        }),
      ),
    );
    const passed = answers.filter((answer) => !answer.body.results[0]?.flagged);
    // 108 a minute: three counts of 30 fit, a fourth would make 120.
    expect(passed).toHaveLength(3);
    await letOut('seminar', 90);
  });

  it('lets a gate credential count only at its own gates', async () => {
    const east = await createCredential('gate', { gates: ['east'] });
    expect((await count('east', {}, east)).status).toBe(200);
    expectErrorBody((await count('main', {}, east)).body, 'FORBIDDEN');
    const host = await createCredential('host', { workshops: ['ws-0326-am'] });
    expectErrorBody((await count('east', {}, host)).body, 'FORBIDDEN');
    expectErrorBody((await api('/v1/gates/east/counts', { body: {}, credential: null })).body, 'UNAUTHORIZED');
  });

  it.each([
    [{ countId: 'tap-1' }, ['countId']],
    [{ in: 51 }, ['in']],
    [{ in: -1 }, ['in']],
    [{ in: 1.5 }, ['in']],
    [{ out: '2' }, ['out']],
    [{ in: 0, out: 0 }, ['in']],
    [{ countedAt: 'now' }, ['countedAt']],
    [{ deviceId: '' }, ['deviceId']],
    [{ extra: true }, ['extra']],
  ])('refuses a count with %j as 400 naming %j, counting nothing', async (override, paths) => {
    const response = await count('main', override);
    expect(response.status).toBe(400);
    expect(expectErrorBody(response.body, 'VALIDATION_FAILED').details.map((detail) => detail.path)).toEqual(paths);
  });

  it('answers 404 for an unknown gate and 400 for a batch over 500 or empty', async () => {
    expectErrorBody((await count('back-door', {})).body, 'NOT_FOUND');
    const one = { countId: crypto.randomUUID(), in: 1, out: 0, countedAt: fairNow(), deviceId: 'd' };
    const tooMany = await api('/v1/gates/main/counts/batch', {
      body: { counts: Array.from({ length: 501 }, () => ({ ...one, countId: crypto.randomUUID() })) },
    });
    expect(tooMany.status).toBe(400);
    expect((await api('/v1/gates/main/counts/batch', { body: { counts: [] } })).status).toBe(400);
  });
});

describe('opening hours and exits', () => {
  it('refuses an entry before opening with FAIR_CLOSED, and still lets an exit through', async () => {
    // The test clock runs from 11:00 on the first day (later as the suite goes on); the fair opens at
    // 10:00: a phone offline since before opening sends a scan it made at 09:45.
    const { token, ticketId } = await issueTicket();
    const minutesSince0945 = (Date.parse(fairNow()) - Date.parse('2027-03-26T09:45:00Z')) / 60_000;
    const early = await api<{ results: { verdict: string }[] }>('/v1/scans/batch', {
      body: { scans: [offlineScan(token, 'in', minutesSince0945, { deviceId: 'early-phone' })] },
    });
    expect(early.body.results[0]?.verdict).toBe('FAIR_CLOSED');
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ inside: false, entries: 0 });
    expect((await scan(token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    const { body } = await api<{ hours: { day: string; opens: string; closes: string; opensAt: string }[] }>(
      '/v1/fair',
    );
    expect(body.hours[0]).toMatchObject({ day: '2027-03-26', opens: '10:00', closes: '20:00' });
  });

  it('judges an online scan at the server time, whatever time the device says', async () => {
    const { token } = await issueTicket({ category: 'visitor', validDays: ['2027-03-27'] });
    // A phone whose clock says the 27th does not make the ticket valid on the 26th.
    expect((await scan(token, 'main', 'in', { scannedAt: '2027-03-27T11:00:00Z' })).body.verdict).toBe(
      'NOT_VALID_TODAY',
    );
  });

  it('lets a revoked ticket that is inside out, saying why it would not come back in', async () => {
    const { token, ticketId } = await issueTicket();
    expect((await scan(token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    await api(`/v1/tickets/${ticketId}/revoke`, { method: 'POST' });
    expect((await scan(token, 'main', 'out')).body).toMatchObject({ verdict: 'EXITED', reason: 'REVOKED' });
    expect((await api(`/v1/tickets/${ticketId}`)).body).toMatchObject({ inside: false });
    expect((await scan(token, 'main', 'out')).body.verdict).toBe('REVOKED');
    expect((await scan(token, 'main', 'in')).body.verdict).toBe('REVOKED');
  });
});
