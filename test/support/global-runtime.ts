import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { DemoClock, fairMorningOffset } from '../../local/demo-clock';
import { freePort } from '../../local/emulators/free-port';
import { startRawaqRuntime } from '../../local/rawaq-runtime';
import type { LocalRuntime } from '../../local/runtime';
import { stretch } from './machine-factor';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    organiserCredential: string;
    dynamodbEndpoint: string;
    sqsEndpoint: string;
    /** The SNS topic organisers subscribe to by e-mail or SMS. */
    alertTopicArn: string;
    /** The fair clock's offset: tests scan "now" on the fair's first day, like the demo clock. */
    clockOffsetMs: number;
    /** The local signing secret, to forge tokens that are validly signed but wrong in another way. */
    signingSecret: string;
    /** Each table's name, by the start of its logical id (TablesFair, TablesTickets...). */
    tableNames: Record<string, string>;
    /** Where a test asks whether stream consumers have finished what was written (see streamsServer). */
    streamsUrl: string;
  }
}

/**
 * One runtime of the real stack for every API test file: the same synthesized template and bundles
 * as `npm start`, on in-memory engines, on a free port. A runtime-per-file would cost each file the
 * engines' start-up.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  // The webhook test's receiver listens on loopback, which only this setting allows.
  process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS = '1';
  // 11:00 on the fair's first day, whatever today is: an hour open, for offline scans from the past.
  const clockOffsetMs = fairMorningOffset('11:00');
  const runtime = await startRawaqRuntime({
    dataDir: undefined,
    port,
    host: '127.0.0.1',
    serveApi: true,
    clock: DemoClock.offset(clockOffsetMs),
    startEventSources: true,
    // Every function's DynamoDB calls judged against its role's policy, as AWS would; two transactions
    // overlapping on an item conflict (DynamoDB Local does neither). Partition limits are on in the
    // fair-days runtime only: here two stress tests meet hot keys the design has yet to spread (README).
    checkIam: true,
    transactionConflicts: true,
    // As each test's time budget stretches: beside the other test lane (scripts/test-lanes.sh), and on a
    // machine slower now than the quiet one (under CI's busy loops, 300 door scans share one sandbox's
    // thread here, where Lambda would give each its own).
    functionTimeoutScale: stretch(),
    log: process.env.RAWAQ_TEST_LOG ? (line) => console.log(line) : () => undefined,
  });
  const secretArn = runtime.output('FirstOrganiserSecretArn');
  const credential = secretArn ? runtime.vault.get(secretArn) : undefined;
  if (!credential) throw new Error('the runtime made no organiser credential');
  project.provide('apiUrl', runtime.apiUrl);
  project.provide('organiserCredential', credential);
  project.provide('dynamodbEndpoint', runtime.endpoints.dynamodb);
  project.provide('sqsEndpoint', runtime.endpoints.sqs);
  project.provide('alertTopicArn', runtime.output('AlertTopicArn') ?? '');
  project.provide('clockOffsetMs', clockOffsetMs);
  const signingArn = runtime.resources.secretArn(
    runtime.topology.secrets.find((secret) => secret.logicalId.includes('TicketSigningKey'))?.logicalId ?? '',
  );
  project.provide('signingSecret', runtime.vault.get(signingArn) ?? '');
  project.provide(
    'tableNames',
    Object.fromEntries(
      runtime.topology.tables.map((table) => [
        table.logicalId.replace(/[0-9A-F]{8}$/, ''),
        runtime.resources.tableName(table.logicalId),
      ]),
    ),
  );
  const streams = await streamsServer(runtime);
  const address = streams.address();
  project.provide('streamsUrl', `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  return async () => {
    await new Promise((resolve) => streams.close(resolve));
    const refused = [...(runtime.dynamoGate?.denials ?? [])];
    // How much the conflicts rehearsed: each was retried by the code, or the tests would have failed.
    console.log(
      `raised by the DynamoDB gate: ${runtime.dynamoGate?.conflicts?.raised ?? 0} transaction conflicts, ${runtime.dynamoGate?.throttles?.raised ?? 0} throttled calls`,
    );
    await runtime.stop();
    // A call IAM would refuse on AWS fails the run, even where a retry or a dead letter hid it here.
    if (refused.length > 0) {
      throw new Error(
        `IAM would have refused ${refused.length} call(s): ${refused
          .slice(0, 5)
          .map((denial) => `${denial.functionName} ${denial.action} on ${denial.resource}`)
          .join('; ')}`,
      );
    }
  };
}

/**
 * Loopback, for the test files (which run in workers, away from the runtime): `GET /caught-up?fn=a,b&since=ms`
 * answers whether each named stream consumer has finished everything written before `since`, so a test
 * waits for "everything so far projected" exactly as long as there is something to wait for.
 */
async function streamsServer(runtime: LocalRuntime): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const since = Number(url.searchParams.get('since'));
    const consumers = (url.searchParams.get('fn') ?? '').split(',').filter(Boolean);
    if (url.pathname !== '/caught-up' || !Number.isFinite(since) || consumers.length === 0) {
      response.writeHead(400).end();
      return;
    }
    const caughtUp = consumers.every((name) => runtime.streamCaughtUpSince(name, since));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ caughtUp }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}
