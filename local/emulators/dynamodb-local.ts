import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { forkTs, isRunning, type ManagedProcess, waitUntilReady } from './child-process';
import { freePort } from './free-port';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

export class SetupError extends Error {
  override readonly name = 'SetupError';
}

function emulatorFolder(): string {
  const require = createRequire(import.meta.url);
  const folder = path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  if (!existsSync(path.join(folder, 'DynamoDBLocal.jar'))) {
    throw new SetupError('DynamoDB Local is missing: run `npm install` (it comes with amplify-dynamodb-simulator)');
  }
  return folder;
}

function checkJava(): void {
  // `java -version` writes to stderr.
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new SetupError('Java 17 or newer is needed for DynamoDB Local: `apt-get install -y openjdk-17-jre-headless`');
  }
  const major = Number(/version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1] ?? 0);
  if (major < 17) throw new SetupError(`Java ${major || '?'} found; DynamoDB Local here needs Java 17 or newer`);
}

const SCRATCH_PREFIX = 'rawaq-dynamodb-';

/**
 * A temp folder for one JVM: DynamoDB Local copies its SQLite library (900 KB) into the JVM's temp
 * folder at each start and removes it only when the JVM exits cleanly, so every engine killed (a crash
 * drill, a test's hard stop) left one in /tmp for good. Each JVM gets a folder named after the process
 * that started it; a folder whose process is gone is removed at the next start.
 */
function jvmTempFolder(): string {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(SCRATCH_PREFIX.length).split('-')[0]);
    if (name.startsWith(SCRATCH_PREFIX) && pid > 0 && pid !== process.pid && !isRunning(pid))
      rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
  return mkdtempSync(path.join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
}

export interface RunningDynamo {
  endpoint: string;
  process: ManagedProcess;
}

/**
 * DynamoDB Local, AWS's own engine (transactions, streams), data under `dataDir` (or in memory), on
 * loopback only: it has no authentication, so nothing but this machine may reach it.
 */
export async function startDynamoDbLocal(dataDir: string | undefined, fixedPort?: number): Promise<RunningDynamo> {
  checkJava();
  const folder = emulatorFolder();
  const port = fixedPort ?? (await freePort());
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const scratch = jvmTempFolder();
  const forked = forkTs(
    path.join(import.meta.dirname, 'supervised-child.ts'),
    [
      'java',
      // C1 only: starts faster, and ran single writes faster on two cores (TOOLCHAIN-NOTES).
      '-XX:TieredStopAtLevel=1',
      '-Xmx1g',
      `-Djava.io.tmpdir=${scratch}`,
      `-Djava.library.path=${path.join(folder, 'DynamoDBLocal_lib')}`,
      '-cp',
      [path.join(folder, 'DynamoDBLocal.jar'), path.join(folder, 'DynamoDBLocal_lib', '*')].join(path.delimiter),
      // DynamoDB Local's own launcher binds every interface: this one binds loopback only (see the file).
      path.join(import.meta.dirname, 'java', 'LoopbackDynamoDbLocal.java'),
      '-sharedDb',
      '-disableTelemetry',
      // No web page open on this machine may call it either: no origin is allowed (the default is *).
      '-cors',
      'https://no-origin.invalid',
      '-port',
      String(port),
      ...storage,
    ],
    {},
  );
  const managed: ManagedProcess = {
    child: forked.child,
    stop: () => forked.stop().finally(() => rmSync(scratch, { recursive: true, force: true })),
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await waitUntilReady('DynamoDB Local', managed, () => client.send(new ListTablesCommand({ Limit: 1 })), 60_000);
  } catch (error) {
    await managed.stop();
    const message = (error as Error).message;
    if (dataDir && /sqlite|database|corrupt|malformed/i.test(message)) {
      throw new SetupError(`the data folder ${dataDir} looks corrupt: move it away (or delete it) and start again`);
    }
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, process: managed };
}
