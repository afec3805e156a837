import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SetupError } from './emulators/dynamodb-local';

export interface RuntimeRecord {
  pid: number;
  apiUrl: string;
  dynamodb: string;
  sqs: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
    return alive(record.pid) ? record : undefined;
  } catch {
    return undefined;
  }
}

export function claimDataFolder(dataDir: string): void {
  const running = runningRecord(dataDir);
  if (running && running.pid !== process.pid) {
    throw new SetupError(
      `another Rawaq (pid ${running.pid}) is running on ${dataDir}: stop it first, or use another DATA_DIR`,
    );
  }
}

export function writeRecord(dataDir: string, record: RuntimeRecord): void {
  writeFileSync(recordFile(dataDir), JSON.stringify(record, null, 2));
}

export function releaseDataFolder(dataDir: string): void {
  const running = runningRecord(dataDir);
  if (!running || running.pid === process.pid) rmSync(recordFile(dataDir), { force: true });
}
