import { closedLoop, openLoop, percentile, round } from './measure';
import type { StackMeter } from './stack-meter';

/**
 * Gate scans through the API: correct scans a second at saturation (each worker walks its own tickets
 * in and out), latency at half that rate, and at a gate's real pace; the stack's consumption measured
 * end to end at saturation, at that pace, and for the tickets it issues.
 */
export async function measureCheckIn(input: {
  call: <T = Record<string, unknown>>(route: string, body?: unknown, method?: string) => Promise<T>;
  issue: (count: number) => Promise<{ ticketId: string; token: string }[]>;
  scanBody: (token: string, gateId: string, direction: 'in' | 'out') => object;
  meter: StackMeter;
  concurrency: number;
  seconds: number;
  rawTransactionsPerSecond: number;
}) {
  const { call, issue, scanBody, meter, concurrency, seconds } = input;
  for (const zoneId of ['venue', 'hall-a', 'hall-b'])
    await call(`/v1/zones/${zoneId}`, { capacity: 1_000_000 }, 'PATCH');
  // Each worker walks its own 40 tickets in and out; the warm-up (i from 1,000,000) uses another 40.
  const gateTickets = await issue(concurrency * 40 * 2);
  let peakRequests = 0;
  const saturated = await meter.measure(() =>
    closedLoop(concurrency, seconds, async (worker, i) => {
      peakRequests += 1;
      const set = i >= 1_000_000 ? concurrency * 40 : 0;
      const step = i % 1_000_000;
      const ticket = gateTickets[set + worker * 40 + (Math.floor(step / 2) % 40)] as { token: string };
      const direction = step % 2 === 0 ? 'in' : 'out';
      const answer = await call<{ verdict?: string }>('/v1/scans', scanBody(ticket.token, 'main', direction));
      return answer.verdict === (direction === 'in' ? 'ADMITTED' : 'EXITED');
    }),
  );
  const peak = saturated.result;
  const offered = Math.max(1, peak.perSecond / 2);
  const latencyTickets = await issue(Math.ceil(offered * seconds) + 10);
  const latencies = await openLoop(offered, seconds, async (i) => {
    await call('/v1/scans', scanBody((latencyTickets[i] as { token: string }).token, 'east', 'in'));
  });
  // A gate's real pace: 20 lanes at 5 to 8 scans a minute, with the morning peak (three times that).
  const realisticRate = (20 * 8 * 3) / 60;
  const issued = await meter.measure(() => issue(Math.ceil(realisticRate * seconds) + 10));
  const paceTickets = issued.result;
  // What a scan costs end to end at that pace, with the projector on the stack's own batching settings.
  const pace = await meter.measure(() =>
    openLoop(realisticRate, seconds, async (i) => {
      await call('/v1/scans', scanBody((paceTickets[i] as { token: string }).token, 'east', 'in'));
    }),
  );
  const paced = pace.result;
  const checkin = {
    scansPerSecond: round(peak.perSecond),
    errors: peak.errors,
    ratioToRaw: round(peak.perSecond / input.rawTransactionsPerSecond, 2),
    realisticPerSecond: round(realisticRate),
    realisticP99Ms: round(percentile(paced, 99)),
    offeredPerSecond: round(offered),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
  return {
    checkin,
    gateTickets,
    saturated: { usage: saturated.usage, requests: peakRequests },
    pace: { usage: pace.usage, scans: paced.length },
    issued: { usage: issued.usage, tickets: paceTickets.length },
  };
}
