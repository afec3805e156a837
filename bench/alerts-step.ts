import { percentile, round } from './measure';

/**
 * Alert latency: threshold crossings, 8 people into a hall of 10 seats (warning at 80 %), each timed
 * from sending the scan that crosses until the alert is in the feed; then out again, and the next round
 * waits for the level's return to normal in the feed (a marker, not a pause).
 */
export async function measureAlerts(input: {
  call: <T = Record<string, unknown>>(route: string, body?: unknown, method?: string) => Promise<T>;
  issue: (count: number) => Promise<{ token: string }[]>;
  scanBody: (token: string, gateId: string, direction: 'in' | 'out') => object;
  crossings: number;
}) {
  const { call, issue, scanBody } = input;
  await call('/v1/zones/seminar-hall', { capacity: 10 }, 'PATCH');
  const alertLatencies: number[] = [];
  let cursor = (await call<{ cursor: string | null }>('/v1/alerts')).cursor;
  const waitForLevel = async (level: string) => {
    for (;;) {
      const feed = await call<{ alerts: { zoneId: string; level: string }[]; cursor: string | null }>(
        `/v1/alerts${cursor ? `?since=${cursor}` : ''}`,
      );
      cursor = feed.cursor;
      if (feed.alerts.some((a) => a.zoneId === 'seminar-hall' && a.level === level)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const crossingTickets = await issue(8 * input.crossings);
  for (let round_ = 0; round_ < input.crossings; round_ += 1) {
    const people = crossingTickets.slice(round_ * 8, round_ * 8 + 8);
    for (const person of people.slice(0, 7)) await call('/v1/scans', scanBody(person.token, 'seminar', 'in'));
    const sent = performance.now();
    const crossing = await call<{ verdict?: string }>(
      '/v1/scans',
      scanBody((people[7] as { token: string }).token, 'seminar', 'in'),
    );
    if (crossing.verdict !== 'ADMITTED') throw new Error(`the crossing scan was ${crossing.verdict}`);
    await waitForLevel('warning');
    alertLatencies.push(performance.now() - sent);
    for (const person of people) await call('/v1/scans', scanBody(person.token, 'seminar', 'out'));
    await waitForLevel('normal');
  }
  return {
    crossings: alertLatencies.length,
    p50Ms: round(percentile(alertLatencies, 50)),
    p99Ms: round(percentile(alertLatencies, 99)),
  };
}
