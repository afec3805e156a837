import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FunctionSpec } from '../local/template/topology';
import { median, round } from './measure';

const run = promisify(execFile);

/**
 * Each function's bundle size and the time a fresh Node process takes to import it (its cold start's
 * share). The processes are awaited, never waited for synchronously: the bench's own process also
 * serves the stack's API, and a loop blocked for half a minute let its keep-alive sockets expire under
 * the next request (ECONNRESET on the step after this one).
 */
export async function measureColdStarts(assemblyDir: string, functions: FunctionSpec[], runs: number) {
  const perFunction = [];
  for (const fn of functions) {
    const file = path.join(assemblyDir, fn.assetPath, 'index.mjs');
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      times.push(Number(stdout));
    }
    perFunction.push({ name: fn.name, bundleKb: round(statSync(file).size / 1024), importMs: round(median(times)) });
  }
  return {
    maxBundleKb: Math.max(...perFunction.map((f) => f.bundleKb)),
    maxImportMs: Math.max(...perFunction.map((f) => f.importMs)),
    runsPerFunction: runs,
    functions: perFunction.sort((a, b) => b.importMs - a.importMs),
  };
}
