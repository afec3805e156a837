import { closedLoop, round } from './measure';

/**
 * Walk-ins counted at a gate (a free fair's main traffic): one zone read and one conditional put a
 * count, against the engine's raw puts. Counted only when the API answered it with the zone.
 */
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
    const answer = await input.call<{ countId?: string; zoneId?: string }>('/v1/gates/main/counts', {
      countId: crypto.randomUUID(),
      in: inCount,
      out: outCount,
      countedAt: input.fairNow(),
      deviceId: 'bench-steward',
    });
    if (!answer.countId || answer.zoneId !== 'venue') return false;
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
