import * as path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../local/emulators/free-port';
import { LocalRuntime } from '../../local/runtime';
import { ROOT } from '../../local/template/cloud-assembly';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    organiserCredential: string;
    dynamodbEndpoint: string;
    sqsEndpoint: string;
  }
}

/**
 * One runtime of the real stack for every API test file: the same synthesized template and bundles
 * as `npm start`, on in-memory engines, on a free port. A runtime-per-file would cost each file the
 * engines' start-up.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  const runtime = await LocalRuntime.start({
    dataDir: undefined,
    port,
    host: '127.0.0.1',
    assemblyDir: path.join(ROOT, 'cdk.out'),
    stackName: 'Rawaq',
    sources: ['infra', 'functions', 'shared', 'cdk.json'].map((entry) => path.join(ROOT, entry)),
    serveApi: true,
    startEventSources: true,
    log: process.env.RAWAQ_TEST_LOG ? (line) => console.log(line) : () => undefined,
  });
  const secretArn = runtime.output('FirstOrganiserSecretArn');
  const credential = secretArn ? runtime.vault.get(secretArn) : undefined;
  if (!credential) throw new Error('the runtime made no organiser credential');
  project.provide('apiUrl', runtime.apiUrl);
  project.provide('organiserCredential', credential);
  project.provide('dynamodbEndpoint', runtime.endpoints.dynamodb);
  project.provide('sqsEndpoint', runtime.endpoints.sqs);
  return () => runtime.stop();
}
