import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators/dynamodb-local';
import { freePort } from '../../local/emulators/free-port';
import { LocalRuntime } from '../../local/runtime';
import { ROOT } from '../../local/template/cloud-assembly';
import { zonedIso } from '../../shared/domain/fair-time';
import { demoFair } from '../../shared/fair/demo-fair';
import { eventually } from '../support/eventually';

/**
 * The occupancy projector under injected faults, on a runtime of the real stack of its own (the
 * faults are set on its function pool): a batch that fails after its transaction committed is
 * retried, and a batch delivered twice, and neither moves a count twice.
 */
let runtime: LocalRuntime;
let documents: DynamoDBDocumentClient;
let credential: string;
const clockOffsetMs = Date.parse(zonedIso(demoFair.days[0] as string, '10:00', demoFair.timezone)) - Date.now();
const zonesTable = () => runtime.topology.tables.find((t) => t.logicalId.startsWith('TablesZones'))?.logicalId ?? '';

async function call(route: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${runtime.apiUrl}${route}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as Record<string, unknown>;
}

async function zoneCount(zoneId: string): Promise<number> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: zonesTable(), Key: { zoneId }, ConsistentRead: true }),
  );
  return Number(Item?.count);
}

async function enter(gateId: string): Promise<void> {
  const ticket = await call('/v1/tickets', { category: 'visitor' });
  const scannedAt = new Date(Date.now() + clockOffsetMs).toISOString();
  const answer = await call('/v1/scans', {
    scanId: crypto.randomUUID(),
    token: ticket.token,
    gateId,
    direction: 'in',
    scannedAt,
    deviceId: 'd',
  });
  expect(answer.verdict).toBe('ADMITTED');
}

beforeAll(async () => {
  runtime = await LocalRuntime.start({
    dataDir: undefined,
    port: await freePort(),
    host: '127.0.0.1',
    assemblyDir: path.join(ROOT, 'cdk.out'),
    stackName: 'Rawaq',
    sources: ['infra', 'functions', 'shared', 'cdk.json'].map((entry) => path.join(ROOT, entry)),
    serveApi: true,
    startEventSources: true,
    clockOffsetMs,
    log: process.env.RAWAQ_TEST_LOG ? (line) => console.log(line) : () => undefined,
  });
  credential = runtime.vault.get(runtime.output('FirstOrganiserSecretArn') ?? '') ?? '';
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: runtime.endpoints.dynamodb }),
  );
});

afterAll(() => runtime?.stop());

describe('occupancy projector, exactly once in effect', () => {
  it('moves no count twice when a batch fails after committing and is retried', async () => {
    let failures = 0;
    runtime.pool.setInterceptor(async (name) => {
      if (name === 'occupancy-projector' && failures < 2) {
        failures += 1;
        return { failAfter: 'injected: the function timed out after its transaction committed' };
      }
      return 'continue';
    });
    await enter('main');
    await eventually('the retries', async () => (failures === 2 ? true : undefined));
    await eventually('the count', async () => ((await zoneCount('foyer')) === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await zoneCount('foyer')).toBe(1);
    runtime.pool.setInterceptor(undefined);
  });

  it('moves no count twice when the same records are delivered again', async () => {
    const deliveries: unknown[] = [];
    runtime.pool.setInterceptor(async (name, event) => {
      if (name === 'occupancy-projector') deliveries.push(event);
      return 'continue';
    });
    await enter('east');
    await eventually('the entry in hall B', async () => ((await zoneCount('hall-b')) === 1 ? true : undefined));
    runtime.pool.setInterceptor(undefined);
    const projector = runtime.pool.find('occupancy-projector');
    for (const event of deliveries) await runtime.pool.invoke(projector?.logicalId ?? '', event);
    expect(await zoneCount('hall-b')).toBe(1);
  });
});
