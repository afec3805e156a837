/**
 * `npm run simulate [-- --visitors 1500 --minutes 3]`: plays a day of the demo fair against a running
 * `npm start`, through the public API only, in accelerated time (09:00 to 19:00 in `--minutes` real
 * minutes). Visitors arrive in a morning and an afternoon peak, wander between booths (badge scans and
 * counter tallies), a popular seminar fills its hall past warning to full, a popular workshop fills
 * its seats, and everyone leaves in the evening. Open the dashboard and watch.
 */
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { apiTarget } from './api-target';

const { values } = parseArgs({
  options: { visitors: { type: 'string', default: '1500' }, minutes: { type: 'string', default: '3' } },
});
const VISITORS = Number(values.visitors);
const REAL_MS_PER_FAIR_MINUTE = (Number(values.minutes) * 60_000) / 600;
const target = apiTarget();
const tally = new Map<string, number>();
let inFlight = 0;
const waiting: (() => void)[] = [];

async function request<T>(route: string, body?: unknown, method?: string): Promise<T> {
  // At most 8 requests at once: a venue's handful of gates and booths, not a load test.
  if (inFlight >= 8) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight += 1;
  try {
    const response = await fetch(`${target.baseUrl}${route}`, {
      method: method ?? (body ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${target.credential}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as T;
  } finally {
    inFlight -= 1;
    waiting.shift()?.();
  }
}

let seed = 2027;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
/** Arrival minute after 09:00: a morning peak around 10:30 and an afternoon one around 15:00. */
const arrival = () =>
  Math.max(0, Math.min(540, (random() < 0.6 ? 90 : 360) + (random() + random() + random() - 1.5) * 80));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const fair = await request<{ now: string; booths: { boothId: string; zoneId: string }[] }>('/v1/fair');
  const started = Date.now();
  const fairMinute = () => (Date.now() - started) / REAL_MS_PER_FAIR_MINUTE;
  const untilMinute = (minute: number) => sleep(Math.max(0, minute * REAL_MS_PER_FAIR_MINUTE - (Date.now() - started)));
  const scannedAt = () => new Date(Date.parse(fair.now) + (Date.now() - started)).toISOString();
  const scan = async (token: string, gateId: string, direction: 'in' | 'out') => {
    const answer = await request<{ verdict: string }>('/v1/scans', {
      scanId: crypto.randomUUID(),
      token,
      gateId,
      direction,
      scannedAt: scannedAt(),
      deviceId: `sim-${gateId}`,
    });
    tally.set(answer.verdict, (tally.get(answer.verdict) ?? 0) + 1);
    return answer.verdict;
  };

  console.log(`issuing ${VISITORS} tickets...`);
  const tickets: { token: string }[] = [];
  for (let done = 0; done < VISITORS; done += 500) {
    const batch = await request<{ tickets: { token: string }[] }>('/v1/tickets/batch', {
      tickets: Array.from({ length: Math.min(500, VISITORS - done) }, () => ({ category: 'visitor' })),
    });
    tickets.push(...batch.tickets);
  }
  // The seminar hall seats fewer than want in: warning, then full. The workshop has 40 seats.
  await request('/v1/zones/seminar-hall', { capacity: Math.max(20, Math.round(VISITORS / 12)) }, 'PATCH');
  const workshop = await request<{ workshopId: string }>('/v1/workshops', {
    title: 'Selling online: marketplaces and social media (popular)',
    zoneId: 'room-2',
    startsAt: new Date(Date.parse(fair.now) + 20 * 60_000).toISOString(),
    endsAt: new Date(Date.parse(fair.now) + 8 * 3_600_000).toISOString(),
    capacity: 40,
    registrationRequired: false,
  });
  const boothsByHall = {
    'hall-a': fair.booths.filter((b) => b.zoneId === 'hall-a'),
    'hall-b': fair.booths.filter((b) => b.zoneId === 'hall-b'),
  };

  const visitor = async ({ token }: { token: string }) => {
    const arrive = arrival();
    const leave = Math.min(595, arrive + 60 + random() * 240);
    await untilMinute(arrive);
    const viaEast = random() < 0.3;
    if ((await scan(token, viaEast ? 'east' : 'main', 'in')) !== 'ADMITTED') return;
    let hall: 'hall-a' | 'hall-b' = viaEast ? 'hall-b' : 'hall-a';
    if (!viaEast) await scan(token, 'foyer-a', 'in');
    let wantsSeminar = random() < 0.45;
    let wantsWorkshop = random() < 0.08;
    while (fairMinute() < leave) {
      const booth = pick(boothsByHall[hall]);
      const events = [{ eventId: crypto.randomUUID(), at: scannedAt(), kind: 'badge', token }];
      if (random() < 0.3)
        events.push({
          eventId: crypto.randomUUID(),
          at: scannedAt(),
          kind: 'count',
          in: 1 + Math.floor(random() * 3),
        } as never);
      await request(`/v1/booths/${booth.boothId}/footfall`, { events });
      tally.set('booth visits', (tally.get('booth visits') ?? 0) + events.length);
      if (wantsSeminar && hall === 'hall-a' && fairMinute() > 100 && fairMinute() < 240) {
        wantsSeminar = false;
        if ((await scan(token, 'seminar', 'in')) === 'ADMITTED') {
          await untilMinute(Math.min(leave, fairMinute() + 60));
          await scan(token, 'seminar', 'out');
        }
      }
      if (wantsWorkshop && fairMinute() > 120) {
        wantsWorkshop = false;
        const door = await request<{ verdict: string }>(`/v1/workshops/${workshop.workshopId}/admissions`, {
          scanId: crypto.randomUUID(),
          token,
        });
        tally.set(`workshop ${door.verdict}`, (tally.get(`workshop ${door.verdict}`) ?? 0) + 1);
      }
      if (random() < 0.2) {
        const next = hall === 'hall-a' ? 'hall-b' : 'hall-a';
        if ((await scan(token, next === 'hall-b' ? 'a-b' : 'b-a', 'in')) === 'ADMITTED') hall = next;
      }
      await untilMinute(fairMinute() + 10 + random() * 25);
    }
    await scan(token, 'main', 'out');
  };

  const bar = new SingleBar({
    format:
      '{time} {bar} inside {inside} | admitted {admitted} | refused {refused} | booth visits {booths} | alerts {alerts}',
    hideCursor: true,
  });
  bar.start(600, 0, { time: '09:00', inside: 0, admitted: 0, refused: 0, booths: 0, alerts: 0 });
  const everyone = Promise.all(tickets.map(visitor));
  let done = false;
  void everyone.finally(() => {
    done = true;
  });
  while (!done) {
    const [occupancy, alerts] = await Promise.all([
      request<{ venue: { count: number } }>('/v1/occupancy'),
      request<{ alerts: unknown[] }>('/v1/alerts'),
    ]);
    const minute = Math.min(600, Math.floor(fairMinute()));
    const refused = [...tally]
      .filter(
        ([verdict]) => !['ADMITTED', 'EXITED', 'booth visits'].includes(verdict) && !verdict.startsWith('workshop'),
      )
      .reduce((sum, [, n]) => sum + n, 0);
    bar.update(minute, {
      time: `${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      inside: occupancy.venue.count,
      admitted: tally.get('ADMITTED') ?? 0,
      refused,
      booths: tally.get('booth visits') ?? 0,
      alerts: alerts.alerts.length,
    });
    await sleep(1000);
  }
  bar.update(600, { time: '19:00' });
  bar.stop();
  const alerts = await request<{ alerts: { zoneId: string; level: string }[] }>('/v1/alerts');
  console.log('\nThe day in numbers:');
  for (const [what, count] of [...tally].sort()) console.log(`  ${what.padEnd(24)} ${count}`);
  console.log(`  alerts                   ${alerts.alerts.map((a) => `${a.zoneId}:${a.level}`).join(', ') || 'none'}`);
}

main().catch((error) => {
  console.error(`simulate: ${(error as Error).message} (is \`npm start\` running?)`);
  process.exitCode = 1;
});
