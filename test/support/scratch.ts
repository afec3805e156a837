import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';

/**
 * Folders a test file writes under the system's temp folder, and CDK apps that synthesize into one:
 * an `App` given no `outdir` makes a `cdk.out…` folder there (24 MB with the pages) and never removes
 * it, so each run of the stack tests left about 240 MB behind. A file that uses these calls
 * `afterAll(removeScratch)`.
 */
const made: string[] = [];

export function scratchFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

/** A CDK app whose assembly goes to a scratch folder. */
export const scratchApp = (props: Omit<AppProps, 'outdir'> = {}): App =>
  new App({ ...props, outdir: scratchFolder('rawaq-cdk-') });

export function removeScratch(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}
