/**
 * `npm run first-hour`: a newcomer's first hour, measured rather than guessed. Clones this commit into
 * a fresh folder, then times `npm ci` (from npm's cache on this machine: a machine without it also
 * downloads), the first `npm start` to its "ready" line (synthesis, bundles, engines, the fair loaded)
 * and a second one (what is cached by then), each stopped with Ctrl-C. With `--test`, `npm test` in
 * the clone too (and each vitest run's own duration, read from its report: unit, then each lane); with
 * `--ci`, what `.ci/run` runs after it as well, the integration project under busy loops. Writes
 * `bench/results/<time>-<commit>-first-hour.json`, which the README cites.
 * Ports: PORT (3000 by default) must be free, as for `npm start`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RESULTS_DIR, runMeta } from '../bench/results-file';
import { vitestDurations } from './vitest-durations';

const ROOT = path.resolve(import.meta.dirname, '..');
const withBusy = process.argv.includes('--ci');
const withTests = withBusy || process.argv.includes('--test');
if (process.argv.includes('--help')) {
  console.log(
    "npm run first-hour [-- --test | --ci]: times npm ci and two npm starts (and npm test, and CI's busy pass) on a fresh clone",
  );
  process.exit(0);
}

/** Where the clone's `npm test` printed its report (the clone itself is removed at the end). */
const TEST_LOG = path.join(ROOT, 'test', 'artifacts', 'first-hour-npm-test.log');
/** Where the clone's busy pass (`.ci/run`'s second step) printed its report. */
const BUSY_LOG = path.join(ROOT, 'test', 'artifacts', 'first-hour-test-busy.log');

/** Runs a command in the clone to its end: seconds taken. Its output goes to `log`, or nowhere. */
function timed(command: string, args: string[], cwd: string, log?: string): number {
  const started = Date.now();
  let output: 'ignore' | number = 'ignore';
  if (log) {
    mkdirSync(path.dirname(log), { recursive: true });
    output = openSync(log, 'w');
  }
  try {
    const errors = log ? output : 'inherit';
    execFileSync(command, args, { cwd, stdio: ['ignore', output, errors], env: { ...process.env, CI: '1' } });
  } catch (error) {
    if (log) throw new Error(`${command} ${args.join(' ')} failed: its report is in ${path.relative(ROOT, log)}`);
    throw error;
  }
  return (Date.now() - started) / 1000;
}

/** `npm start` in the clone until its ready line: seconds from launch; then Ctrl-C and its exit. */
function timedStart(cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('npm', ['start'], {
      cwd,
      detached: true,
      env: { ...process.env, HOST: '127.0.0.1', DATA_DIR: path.join(cwd, '.data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready === undefined && output.includes('Rawaq is running')) {
        ready = (Date.now() - started) / 1000;
        process.kill(-(child.pid as number), 'SIGINT');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => {
      clearTimeout(timer);
      if (ready === undefined) reject(new Error(`npm start never became ready:\n${output.slice(-3000)}`));
      else resolve(ready);
    });
  });
}

async function main(): Promise<void> {
  const meta = runMeta('quick');
  const folder = mkdtempSync(path.join(tmpdir(), 'rawaq-first-hour-'));
  const clone = path.join(folder, 'rawaq');
  try {
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
    execFileSync('git', ['checkout', '--quiet', meta.commit], { cwd: clone });
    console.log(`first hour at ${meta.commit}, in ${clone}`);
    const install = timed('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], clone);
    console.log(`  npm ci                 ${install.toFixed(1)} s`);
    const firstStart = await timedStart(clone);
    console.log(`  first npm start        ${firstStart.toFixed(1)} s to ready`);
    const laterStart = await timedStart(clone);
    console.log(`  later npm start        ${laterStart.toFixed(1)} s to ready`);
    const test = withTests ? timed('npm', ['test'], clone, TEST_LOG) : undefined;
    if (test !== undefined) console.log(`  npm test               ${test.toFixed(1)} s`);
    const busy = withBusy
      ? timed('npm', ['run', 'test:busy', '--', '--project', 'integration'], clone, BUSY_LOG)
      : undefined;
    if (busy !== undefined) console.log(`  busy integration pass  ${busy.toFixed(1)} s`);
    const results = {
      ...meta,
      mode: 'first-hour',
      seconds: {
        npmCi: install,
        firstStart,
        laterStart,
        ...(test !== undefined ? { npmTest: test } : {}),
        ...(busy !== undefined ? { busyIntegration: busy } : {}),
      },
      ...(test !== undefined ? { vitestSeconds: vitestDurations(readFileSync(TEST_LOG, 'utf8')) } : {}),
      ...(busy !== undefined
        ? { busyVitestSeconds: vitestDurations(readFileSync(BUSY_LOG, 'utf8'), 'integration') }
        : {}),
      notes: [
        "npm ci from npm's cache on this machine (--prefer-offline): a machine without one also downloads",
        'npm start with HOST=127.0.0.1 (no certificate for the venue network): the LAN listener adds well under a second',
      ],
    };
    const file = path.join(
      RESULTS_DIR,
      `${meta.measuredAt.slice(0, 19).replaceAll(':', '-')}Z-${meta.commit}-first-hour.json`,
    );
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${path.relative(ROOT, file)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
