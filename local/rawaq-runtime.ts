import * as path from 'node:path';
import { LocalRuntime, type RuntimeOptions } from './runtime';
import { ROOT } from './template/cloud-assembly';

/** The sources whose change makes the synthesized Rawaq stack stale. */
export const RAWAQ_SOURCES = ['infra', 'functions', 'shared', 'web', 'cdk.json'].map((entry) => path.join(ROOT, entry));

/**
 * The Rawaq stack (cdk.out/Rawaq.template.json) on the local engines: what `npm start`, `npm run
 * invoke`, the bench, the sample capture and the integration tests each run, with their own choices
 * of data folder, port, clock and logging.
 */
export function startRawaqRuntime(
  options: Pick<RuntimeOptions, 'dataDir' | 'port' | 'host' | 'serveApi' | 'startEventSources' | 'log'> &
    Partial<Pick<RuntimeOptions, 'clock' | 'siteDir' | 'attachTo' | 'lan'>>,
): Promise<LocalRuntime> {
  return LocalRuntime.start({
    ...options,
    assemblyDir: path.join(ROOT, 'cdk.out'),
    stackName: 'Rawaq',
    sources: RAWAQ_SOURCES,
  });
}
