import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec } from '../template/topology';

export class FunctionError extends Error {
  override readonly name = 'FunctionError';
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A hook tests use to inject faults around a function: a throw instead of running it, a delay, or a
 * failure reported after it ran (its writes are done, the caller sees an error: what a timeout after
 * a commit looks like).
 */
export type FaultDecision =
  | 'continue'
  | { error: string }
  | { delayMs: number }
  | { failAfter: string }
  | { timeout: true };
export type InvokeInterceptor = (functionName: string, event: unknown) => Promise<FaultDecision>;

/** Hears of every invocation that ran, with the handler's own duration (Lambda's REPORT line). */
export type InvocationReport = (functionName: string, durationMs: number) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface LocalFunction {
  spec: FunctionSpec;
  worker: Worker;
  ready: Promise<void>;
  pending: Map<string, Pending>;
  /** Invocations running in the thread now, and those waiting for a turn (see SHARED_THREAD_TURNS). */
  running: number;
  turns: (() => void)[];
}

/**
 * How many invocations of one function share its thread at once. On Lambda each concurrent invocation
 * has a sandbox, and its timeout clock, of its own; here they share one thread, so under 300
 * simultaneous door scans on a loaded machine every one of them waited for the others and outlived
 * the template's 10 s (CI's busy pass: 264 timeouts). The rest wait their turn with their clock not
 * yet started, as an invocation's clock starts when a sandbox takes it. The bench's 16 workers stay
 * well under it.
 */
export const SHARED_THREAD_TURNS = 32;

export interface FunctionPoolOptions {
  assemblyDir: string;
  /** The demo clock's shared memory (local/demo-clock.ts), read by every function's sandbox. */
  clock?: SharedArrayBuffer;
  environmentFor: (spec: FunctionSpec) => Record<string, string>;
  log: (functionName: string, line: string) => void;
}

/**
 * Each function runs in its own worker thread with its own environment, like a Lambda sandbox: the
 * same bundle that deploys, imported once (its cold start), then invoked many times. As on Lambda, a
 * sandbox starts at its function's first invocation; `warmUp` starts the others one at a time
 * meanwhile, so a bundle that cannot be imported is reported within seconds of the start, not at its
 * first request. An invocation that outlives the function's timeout fails with Lambda's "Task timed
 * out" error.
 */
export class FunctionPool {
  private readonly specs = new Map<string, FunctionSpec>();
  private readonly functions = new Map<string, LocalFunction>();
  private interceptor: InvokeInterceptor | undefined;
  private report: InvocationReport | undefined;
  private stopped = false;

  constructor(
    specs: FunctionSpec[],
    private readonly options: FunctionPoolOptions,
  ) {
    for (const spec of specs) this.specs.set(spec.logicalId, spec);
  }

  /** The function's sandbox, started now if this is its first invocation (its cold start). */
  private sandbox(logicalId: string): LocalFunction {
    const running = this.functions.get(logicalId);
    if (running) return running;
    const spec = this.specs.get(logicalId);
    if (!spec) throw new Error(`no function ${logicalId} in the template`);
    const started = this.start(spec);
    this.functions.set(logicalId, started);
    return started;
  }

  /**
   * Starts every sandbox not started yet, one at a time (the first requests keep the other core);
   * each one that cannot import its bundle is reported through `failed`, and the rest go on.
   */
  async warmUp(failed: (name: string, error: Error) => void): Promise<void> {
    for (const logicalId of this.specs.keys()) {
      if (this.stopped) return;
      const sandbox = this.sandbox(logicalId);
      await sandbox.ready.catch((error: Error) => failed(sandbox.spec.name, error));
    }
  }

  setInterceptor(interceptor: InvokeInterceptor | undefined): void {
    this.interceptor = interceptor;
  }

  /** The bench's meter: each invocation's duration, per function. */
  onReport(report: InvocationReport | undefined): void {
    this.report = report;
  }

  private start(spec: FunctionSpec): LocalFunction {
    const [moduleName, exportName] = spec.handler.split('.');
    const modulePath = path.join(this.options.assemblyDir, spec.assetPath, `${moduleName}.mjs`);
    const worker = new Worker(path.join(import.meta.dirname, 'function-worker.mjs'), {
      workerData: {
        modulePath,
        exportName,
        functionName: spec.name,
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${spec.name}`,
        memoryMb: spec.memoryMb,
        clock: this.options.clock,
      },
      env: this.options.environmentFor(spec),
      execArgv: ['--enable-source-maps'],
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.options.log(spec.name, line));
    }
    const pending = new Map<string, Pending>();
    const ready = new Promise<void>((resolve, reject) => {
      worker.on(
        'message',
        (message: {
          type: string;
          id?: string;
          ok?: boolean;
          value?: unknown;
          error?: { name: string; message: string };
          durationMs?: number;
        }) => {
          if (message.type === 'ready') return resolve();
          if (message.type === 'init-error') {
            return reject(
              new FunctionError(spec.name, 'Runtime.ImportModuleError', message.error?.message ?? 'import failed'),
            );
          }
          const waiting = message.id ? pending.get(message.id) : undefined;
          if (!waiting) return;
          pending.delete(message.id as string);
          clearTimeout(waiting.timer);
          if (message.durationMs !== undefined) this.report?.(spec.name, message.durationMs);
          if (message.ok) waiting.resolve(message.value);
          else
            waiting.reject(new FunctionError(spec.name, message.error?.name ?? 'Error', message.error?.message ?? ''));
        },
      );
      worker.on('error', reject);
    });
    ready.catch(() => undefined);
    return { spec, worker, ready, pending, running: 0, turns: [] };
  }

  /**
   * Replaces a function's sandbox with a fresh one, as Lambda does when it recycles a container: the
   * next invocation is a cold start, with nothing cached (a secret, a key) from before.
   */
  async recycle(name: string): Promise<void> {
    const spec = this.find(name);
    if (!spec) throw new Error(`no function ${name} in the template`);
    await this.functions.get(spec.logicalId)?.worker.terminate();
    const fresh = this.start(spec);
    this.functions.set(spec.logicalId, fresh);
    await fresh.ready;
  }

  has(logicalId: string): boolean {
    return this.specs.has(logicalId);
  }

  spec(logicalId: string): FunctionSpec {
    const spec = this.specs.get(logicalId);
    if (!spec) throw new Error(`no function ${logicalId} in the template`);
    return spec;
  }

  find(name: string): FunctionSpec | undefined {
    for (const spec of this.specs.values()) {
      if (spec.name === name || spec.logicalId === name) return spec;
    }
    return undefined;
  }

  async invoke(logicalId: string, event: unknown): Promise<unknown> {
    const fn = this.sandbox(logicalId);
    const decision = this.interceptor ? await this.interceptor(fn.spec.name, event) : 'continue';
    if (typeof decision === 'object' && 'error' in decision)
      throw new FunctionError(fn.spec.name, 'InjectedFault', decision.error);
    if (typeof decision === 'object' && 'timeout' in decision) {
      throw new FunctionError(
        fn.spec.name,
        'Sandbox.Timedout',
        `Task timed out after ${fn.spec.timeoutSeconds.toFixed(2)} seconds`,
      );
    }
    if (typeof decision === 'object' && 'delayMs' in decision) {
      // A delay past the function's timeout is a timeout: Lambda ends the invocation and reports it.
      const timeoutMs = fn.spec.timeoutSeconds * 1000;
      await new Promise((r) => setTimeout(r, Math.min(decision.delayMs, timeoutMs)));
      if (decision.delayMs >= timeoutMs) {
        throw new FunctionError(
          fn.spec.name,
          'Sandbox.Timedout',
          `Task timed out after ${fn.spec.timeoutSeconds.toFixed(2)} seconds`,
        );
      }
    }
    const result = await this.run(fn, event);
    if (typeof decision === 'object' && 'failAfter' in decision)
      throw new FunctionError(fn.spec.name, 'InjectedFault', decision.failAfter);
    return result;
  }

  private async run(fn: LocalFunction, event: unknown): Promise<unknown> {
    await fn.ready;
    // A turn is handed from one invocation to the next waiting, so none can slip in between.
    if (fn.running < SHARED_THREAD_TURNS) fn.running += 1;
    else await new Promise<void>((resolve) => fn.turns.push(resolve));
    try {
      return await this.runNow(fn, event);
    } finally {
      const next = fn.turns.shift();
      if (next) next();
      else fn.running -= 1;
    }
  }

  private runNow(fn: LocalFunction, event: unknown): Promise<unknown> {
    const id = randomUUID();
    const timeoutMs = fn.spec.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        fn.pending.delete(id);
        reject(
          new FunctionError(
            fn.spec.name,
            'Sandbox.Timedout',
            `Task timed out after ${fn.spec.timeoutSeconds.toFixed(2)} seconds`,
          ),
        );
      }, timeoutMs);
      fn.pending.set(id, { resolve, reject, timer });
      fn.worker.postMessage({ type: 'invoke', id, requestId: id, event, deadline: Date.now() + timeoutMs });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.functions.values()].map(async (fn) => {
        for (const waiting of fn.pending.values()) clearTimeout(waiting.timer);
        await fn.worker.terminate();
      }),
    );
  }
}
