import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fairInUse, stackNameFor } from '../shared/fair/fair-file';
import { LocalRuntime, type RuntimeOptions } from './runtime';
import { ROOT } from './template/cloud-assembly';

/** The sources whose change makes the synthesized Rawaq stack stale. */
export const RAWAQ_SOURCES = ['infra', 'functions', 'shared', 'web', 'cdk.json'].map((entry) => path.join(ROOT, entry));

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
        'clock' | 'siteDir' | 'attachTo' | 'lan' | 'checkIam' | 'transactionConflicts' | 'partitionLimits'
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
