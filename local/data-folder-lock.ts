import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SetupError } from './emulators/dynamodb-local';

export interface RuntimeRecord {
  pid: number;
  /** Which process that pid was: its start time since boot, and the boot (Linux; absent elsewhere). */
  identity?: string;
  apiUrl: string;
  dynamodb: string;
  sqs: string;
}

/**
 * A process's identity on Linux: the boot and the process's start time (field 22 of /proc/<pid>/stat),
 * so a pid reused by another program after a power cut or a `kill -9` is not mistaken for Rawaq. A
 * zombie (state Z: dead, not yet reaped) has none. Elsewhere, undefined: the pid alone decides.
 */
export function processIdentity(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'dead';
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}:${fields[19]}`;
  } catch {
    return undefined;
  }
}

function alive(record: RuntimeRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch {
    return false;
  }
  const identity = processIdentity(record.pid);
  if (identity === 'dead') return false;
  return identity === undefined || record.identity === undefined || identity === record.identity;
}

/**
 * One runtime per data folder: two DynamoDB Local processes on one database file would corrupt it.
 * The record also tells `npm run invoke` where the running engines are.
 */
export function recordFile(dataDir: string): string {
  return path.join(dataDir, 'runtime.json');
}

export function runningRecord(dataDir: string): RuntimeRecord | undefined {
  const file = recordFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as RuntimeRecord;
    return alive(record) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims the folder by creating the record exclusively (two starts at once cannot both succeed); a
 * record left by a process that is gone (killed, a power cut, its pid since reused) is taken over.
 */
export function claimDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const identity = processIdentity(process.pid);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(recordFile(dataDir), JSON.stringify({ pid: process.pid, ...(identity ? { identity } : {}) }), {
        flag: 'wx',
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const running = runningRecord(dataDir);
    if (running && running.pid !== process.pid) {
      throw new SetupError(
        `another Rawaq (pid ${running.pid}) is running on ${dataDir}: stop it first, or use another DATA_DIR`,
      );
    }
    rmSync(recordFile(dataDir), { force: true });
  }
  throw new SetupError(`could not claim ${dataDir}: another start is claiming it at the same moment`);
}

export function writeRecord(dataDir: string, record: Omit<RuntimeRecord, 'identity'>): void {
  const identity = processIdentity(record.pid);
  writeFileSync(recordFile(dataDir), JSON.stringify({ ...record, ...(identity ? { identity } : {}) }, null, 2));
}

export function releaseDataFolder(dataDir: string): void {
  const running = runningRecord(dataDir);
  if (!running || running.pid === process.pid) rmSync(recordFile(dataDir), { force: true });
}
