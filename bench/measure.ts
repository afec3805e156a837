/** Small measuring tools for the benchmark: closed-loop throughput, open-loop latency, percentiles. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Every throughput loop warms up the same way before it counts (DynamoDB Local varies ~2x cold to warm). */
export const WARMUP_SECONDS = 3;

/**
 * Runs `task` from `concurrency` workers for `seconds`, after the same warm-up for every loop. Only
 * correct answers count (`task` returns true); anything else (a wrong verdict, an error status, a
 * thrown error) is counted apart as an error, never as throughput.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  task: (worker: number, i: number) => Promise<boolean>,
  warmupSeconds = WARMUP_SECONDS,
): Promise<{ ops: number; errors: number; perSecond: number }> {
  const run = async (length: number, offset: number) => {
    const deadline = performance.now() + length * 1000;
    let ops = 0;
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        for (let i = offset; performance.now() < deadline; i += 1) {
          const correct = await task(worker, i).catch(() => false);
          if (correct) ops += 1;
          else errors += 1;
        }
      }),
    );
    return { ops, errors, perSecond: ops / ((performance.now() - started) / 1000) };
  };
  if (warmupSeconds > 0) await run(warmupSeconds, 1_000_000);
  return run(seconds, 0);
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
