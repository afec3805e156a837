import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../local/template/cloud-assembly';
import { eventually } from './eventually';

/** Where a start's own output goes when a test keeps it: beside the screenshots, kept out of git. */
export const START_LOGS_DIR = path.join(ROOT, 'test', 'artifacts', 'npm-start');

/**
 * `npm start` (local/main.ts) as a person runs it, in a child process on its own data folder and port,
 * for the tests that need the whole program: killed, restarted, driven by a command-line tool. With
 * `logName`, what it prints (one line a request and a batch) is appended to
 * `test/artifacts/npm-start/<logName>.log`, for the failure a loaded machine shows once in many runs.
 */
export function startLocal(dataDir: string, port: number, logName?: string): ChildProcess {
  let output: 'ignore' | number = 'ignore';
  if (logName) {
    mkdirSync(START_LOGS_DIR, { recursive: true });
    output = openSync(path.join(START_LOGS_DIR, `${logName}.log`), 'a');
  }
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' },
    stdio: ['ignore', output, output],
  });
}

/**
 * Until the start answers its health check and has written its organiser credential (it writes it only
 * once the API has said the credential still works, a moment after the API is up).
 */
export async function healthy(port: number, dataDir: string): Promise<void> {
  await eventually(
    'npm start to be healthy and its organiser credential written',
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/v1/health`).catch(() => undefined);
      return response?.status === 200 && existsSync(path.join(dataDir, 'organiser.credential')) ? true : undefined;
    },
    120_000,
    250,
  );
}

/** Stops a start as Ctrl-C does, and waits until it has exited (its engines with it). */
export async function stopLocal(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  await exited;
}
