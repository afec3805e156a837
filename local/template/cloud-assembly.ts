import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isRunning } from '../emulators/child-process';
import type { CloudFormationTemplate } from './topology';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

function newestChange(paths: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry)) if (child !== 'node_modules') visit(path.join(entry, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of paths) visit(entry);
  return newest;
}

export interface AssemblyOptions {
  outdir: string;
  stackName: string;
  /** The CDK app to synthesize (cdk.json's by default). */
  app?: string;
  /** Sources whose change makes the assembly stale. */
  sources: string[];
  /** What else the assembly was built from (the fair's file, by path and content): a change makes it stale. */
  fingerprint?: string;
  log: (line: string) => void;
}

/**
 * Reuses the cloud assembly when it is newer than every source it was built from, else runs `cdk
 * synth` (which bundles each function with the local esbuild). Stale code after a rebuild is what
 * users of other local tools complain of most; this check is what prevents it.
 */
export async function ensureAssembly(options: AssemblyOptions): Promise<CloudFormationTemplate> {
  const templatePath = path.join(options.outdir, `${options.stackName}.template.json`);
  const fingerprintPath = path.join(options.outdir, `${options.stackName}.fingerprint`);
  const fresh = () =>
    existsSync(templatePath) &&
    statSync(templatePath).mtimeMs > newestChange([...options.sources, path.join(ROOT, 'package-lock.json')]) &&
    (options.fingerprint === undefined ||
      (existsSync(fingerprintPath) && readFileSync(fingerprintPath, 'utf8') === options.fingerprint));
  if (!fresh())
    await oneSynthAtATime(options.outdir, async () => {
      // Another process may have synthesized it while this one waited.
      if (fresh()) return;
      options.log(`synthesizing the stack (cdk synth; the functions bundled by one esbuild run)...`);
      const started = Date.now();
      await runSynth(options);
      if (options.fingerprint !== undefined) writeFileSync(fingerprintPath, options.fingerprint);
      options.log(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  return JSON.parse(readFileSync(templatePath, 'utf8')) as CloudFormationTemplate;
}

/** The process id a lock file holds: 0 while it is being written, NaN when it is gone. */
function lockHolder(lock: string): number {
  try {
    return Number(readFileSync(lock, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Number.NaN;
    throw error;
  }
}

/**
 * One synthesis into a folder at a time, across processes (two test lanes, a test beside `npm start`):
 * the CDK CLI refuses a second one into the same folder ("Another CLI is currently synthing"). A lock
 * file beside the folder holds the synthesizing process's id; a lock whose process is gone is taken over.
 */
export async function oneSynthAtATime(outdir: string, work: () => Promise<void>): Promise<void> {
  const lock = `${outdir}.synth-lock`;
  // A fresh clone has no folder for the test stacks' assemblies yet.
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Gone meanwhile (read again), being written (wait), or held by a process that ended (take it).
      const holder = lockHolder(lock);
      if (holder > 0 && !isRunning(holder)) rmSync(lock, { force: true });
      else if (!Number.isNaN(holder)) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function runSynth(options: AssemblyOptions): Promise<void> {
  const args = ['cdk', 'synth', '--no-notices', '--quiet', '--output', options.outdir];
  if (options.app) args.push('--app', options.app);
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, {
      cwd: ROOT,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`cdk synth failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}
