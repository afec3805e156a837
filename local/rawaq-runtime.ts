import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fairInUse, stackNameFor } from '../shared/fair/fair-file';
import { freePort } from './emulators/free-port';
import { LocalRuntime, type RuntimeOptions } from './runtime';
import { ROOT } from './template/cloud-assembly';

/**
 * The sources whose change makes the synthesized Rawaq stack stale, the files functions bundle from
 * outside them included (the OpenAPI document the openapi function serves).
 */
export const RAWAQ_SOURCES = ['infra', 'functions', 'shared', 'web', 'cdk.json', 'docs/openapi.json'].map((entry) =>
  path.join(ROOT, entry),
);

/**
 * The Rawaq stack of the fair in use (cdk.out/Rawaq-<fairId>.template.json) on the local engines:
 * what `npm start`, `npm run invoke`, the bench, the sample capture and the integration tests each run,
 * with their own choices of data folder, port, clock and logging.
 */
export function startRawaqRuntime(
  options: Pick<RuntimeOptions, 'dataDir' | 'port' | 'host' | 'serveApi' | 'startEventSources' | 'log'> &
    Partial<
      Pick<
        RuntimeOptions,
        | 'clock'
        | 'siteDir'
        | 'attachTo'
        | 'lan'
        | 'checkIam'
        | 'transactionConflicts'
        | 'partitionLimits'
        | 'meterDynamo'
        | 'functionTimeoutScale'
        | 'credentialBudget'
      >
    >,
): Promise<LocalRuntime> {
  const { file, fair } = fairInUse();
  return LocalRuntime.start({
    ...options,
    assemblyDir: path.join(ROOT, 'cdk.out'),
    stackName: stackNameFor(fair.fairId),
    sources: RAWAQ_SOURCES,
    // A change of file, or of its content, synthesizes again (the seed bundles the file).
    fingerprint: `${file}\n${createHash('sha256').update(readFileSync(file)).digest('hex')}`,
  });
}

type RawaqRuntimeOptions = Parameters<typeof startRawaqRuntime>[0];

/**
 * A runtime of its own (a test file's, the bench's, the sample capture's): in memory, on loopback, on a
 * free port, serving the API and the pages, quiet unless told otherwise. What differs is passed; the
 * first organiser credential comes back with it.
 */
export async function startInMemoryRuntime(
  options: Partial<RawaqRuntimeOptions> & Pick<RawaqRuntimeOptions, 'startEventSources'>,
): Promise<{ runtime: LocalRuntime; credential: string }> {
  const runtime = await startRawaqRuntime({
    dataDir: undefined,
    port: await freePort(),
    host: '127.0.0.1',
    serveApi: true,
    log: () => undefined,
    ...options,
  });
  return { runtime, credential: runtime.vault.get(runtime.output('FirstOrganiserSecretArn') ?? '') ?? '' };
}
