import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';

/** Whether a process with this id is alive (one of another user's counts: it cannot be signalled). */
export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface ManagedProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Forks a TypeScript module on this Node, with an IPC channel so the child notices our death. */
export function forkTs(modulePath: string, args: string[], env: NodeJS.ProcessEnv, quiet = true): ManagedProcess {
  const child = fork(path.resolve(modulePath), args, {
    execArgv: ['--import', 'tsx', '--no-warnings'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    stdio: quiet ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until `probe` succeeds, or fails with the child's last words if it dies first. */
export async function waitUntilReady(
  what: string,
  managed: ManagedProcess,
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<void> {
  let stderr = '';
  managed.child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (managed.child.exitCode !== null) {
      throw new Error(`${what} stopped while starting (exit ${managed.child.exitCode})${stderr ? `:\n${stderr}` : ''}`);
    }
    try {
      await probe();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`${what} did not become ready in ${timeoutMs / 1000} s${stderr ? `:\n${stderr}` : ''}`);
}
