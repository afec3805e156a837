/** Small measuring tools for the benchmark: closed-loop throughput, open-loop latency, percentiles. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Runs `task` from `concurrency` workers for `seconds` (or until `task` returns false); ops per second. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  task: (worker: number, i: number) => Promise<boolean | undefined>,
): Promise<{ ops: number; perSecond: number }> {
  const deadline = performance.now() + seconds * 1000;
  let ops = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i += 1) {
        if ((await task(worker, i)) === false) return;
        ops += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { ops, perSecond: ops / elapsed };
}

/** Offers `rate` operations a second for `seconds`, whatever the answers' pace; each one's latency. */
export async function openLoop(rate: number, seconds: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const total = Math.max(1, Math.floor(rate * seconds));
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const sent = performance.now();
        await task(i);
        latencies.push(performance.now() - sent);
      })(),
    );
  }
  await Promise.all(pending);
  return latencies;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
