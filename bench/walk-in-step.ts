import { closedLoop, round } from './measure';

/**
 * Walk-ins counted at a gate (a free fair's main traffic): one zone read and one transaction a count (the
 * log record and the gate's minute), against the engine's raw puts. Counted only when the API answered
 * it with the zone and counted it. A door passes a few hundred people a minute and counts beyond that
 * are left out as implausible, so the loop sends each count as a phone back from offline would, stamped
 * over the morning's minutes (its own batch of one), never more than the door could pass in one.
 */
const MINUTES_SPREAD = 240;
export async function measureWalkIns(input: {
  call: <T = Record<string, unknown>>(route: string, body?: unknown) => Promise<T>;
  concurrency: number;
  seconds: number;
  rawPutsPerSecond: number;
  fairNow: () => string;
}) {
  let net = 0;
  const counting = await closedLoop(input.concurrency, input.seconds, async (_worker, i) => {
    const [inCount, outCount] = i % 2 === 0 ? [2, 0] : [0, 1];
    const countedAt = new Date(Date.parse(input.fairNow()) - (i % MINUTES_SPREAD) * 60_000).toISOString();
    const { results } = await input.call<{ results?: { countId?: string; zoneId?: string; flagged?: boolean }[] }>(
      '/v1/gates/main/counts/batch',
      {
        counts: [{ countId: crypto.randomUUID(), in: inCount, out: outCount, countedAt, deviceId: 'bench-steward' }],
      },
    );
    const answer = results?.[0];
    if (!answer?.countId || answer.zoneId !== 'venue' || answer.flagged) return false;
    net += inCount - outCount;
    return true;
  });
  return {
    countsPerSecond: round(counting.perSecond),
    errors: counting.errors,
    ratioToRaw: round(counting.perSecond / input.rawPutsPerSecond, 2),
    net,
  };
}
