import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { forkTs, type ManagedProcess, waitUntilReady } from './child-process';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { freePort } from './free-port';

export interface RunningFauxqs {
  endpoint: string;
  process: ManagedProcess;
}

/** The SQS/SNS emulator, persisting to SQLite under `dataDir` when given. */
export async function startFauxqs(dataDir: string | undefined, fixedPort?: number): Promise<RunningFauxqs> {
  const port = fixedPort ?? (await freePort());
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const managed = forkTs(path.join(import.meta.dirname, 'fauxqs-child.ts'), [], {
    FAUXQS_PORT: String(port),
    ...(dataDir ? { FAUXQS_DATA_DIR: dataDir } : {}),
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await waitUntilReady(
      'the SQS/SNS emulator (fauxqs)',
      managed,
      () => client.send(new ListQueuesCommand({})),
      30_000,
    );
  } catch (error) {
    await managed.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, process: managed };
}
