import type { ConsumedUnits } from '../local/dynamodb-gate/meter';
import type { FunctionPool } from '../local/lambda/function-pool';

/** What one function consumed in a window: DynamoDB units, invocations and their handlers' time. */
export interface FunctionUsage {
  read: number;
  write: number;
  /** Requests sent to DynamoDB. */
  requests: number;
  invocations: number;
  ms: number;
}

export type Usage = Record<string, FunctionUsage>;

/** Functions run by schedules: a fixed cost per day, whatever the crowd, kept out of per-visitor figures. */
const SCHEDULED = new Set(['reconcile', 'escalate', 'fair-days-schedule']);

/**
 * The whole stack's consumption as it runs, measured end to end: every function's consumed DynamoDB
 * units (read at the DynamoDB gate, by the function that signed each request: pass `units` to the
 * runtime as `meterDynamo`) and every invocation's duration (the local Lambda pool's report, once
 * `attach`ed to it). Nothing of it is in the functions' code.
 */
export class StackMeter {
  private readonly usage: Usage = {};
  /** When the last report arrived: a window closes once the stack has gone quiet. */
  private lastReportAt = 0;
  /**
   * How long the stack must be silent before a window closes: longer than the longest batching window
   * of its event sources (a batched consumer runs that long after the last record it waited for).
   */
  private quietMs = 2500;

  /** The event sources' longest batching window, in seconds: waited out before a window closes. */
  waitOutBatchingWindows(seconds: number): void {
    this.quietMs = 2500 + seconds * 1000;
  }

  /** What one request of a function consumed. */
  readonly units = (functionName: string, { read, write, requests }: ConsumedUnits): void => {
    const usage = this.of(functionName);
    usage.read += read;
    usage.write += write;
    usage.requests += requests;
    this.lastReportAt = performance.now();
  };

  /** Counts the pool's invocations and their handlers' time. */
  attach(pool: FunctionPool): void {
    pool.onReport((functionName, durationMs) => {
      const usage = this.of(functionName);
      usage.invocations += 1;
      usage.ms += durationMs;
      this.lastReportAt = performance.now();
    });
  }

  private of(functionName: string): FunctionUsage {
    this.usage[functionName] ??= { read: 0, write: 0, requests: 0, invocations: 0, ms: 0 };
    return this.usage[functionName];
  }

  /**
   * Measures what `work` makes the stack consume, including what it sets off behind the API (stream
   * and queue consumers), which is waited for: the window closes once no function has reported
   * anything for `quietMs` (see waitOutBatchingWindows). Scheduled functions are left out.
   */
  async measure<T>(work: () => Promise<T>, quietMs = this.quietMs): Promise<{ result: T; usage: Usage }> {
    const before = structuredClone(this.usage);
    const result = await work();
    while (performance.now() - this.lastReportAt < quietMs)
      await new Promise((resolve) => setTimeout(resolve, quietMs / 5));
    const usage: Usage = {};
    for (const [name, now] of Object.entries(this.usage)) {
      if (SCHEDULED.has(name)) continue;
      const then = before[name] ?? { read: 0, write: 0, requests: 0, invocations: 0, ms: 0 };
      const diff = {
        read: now.read - then.read,
        write: now.write - then.write,
        requests: now.requests - then.requests,
        invocations: now.invocations - then.invocations,
        ms: now.ms - then.ms,
      };
      if (diff.invocations > 0 || diff.read > 0 || diff.write > 0) usage[name] = diff;
    }
    return { result, usage };
  }
}

/** A window's consumption divided by how many operations it served, function by function and in total. */
export function perOperation(usage: Usage, operations: number) {
  const total = { read: 0, write: 0, requests: 0, invocations: 0, ms: 0 };
  for (const used of Object.values(usage)) {
    total.read += used.read;
    total.write += used.write;
    total.requests += used.requests;
    total.invocations += used.invocations;
    total.ms += used.ms;
  }
  const each = (value: number) => value / operations;
  return {
    read: each(total.read),
    write: each(total.write),
    requests: each(total.requests),
    invocations: each(total.invocations),
    ms: each(total.ms),
    byFunction: Object.fromEntries(
      Object.entries(usage).map(([name, used]) => [
        name,
        {
          read: each(used.read),
          write: each(used.write),
          requests: each(used.requests),
          invocations: each(used.invocations),
          ms: each(used.ms),
        },
      ]),
    ),
  };
}
