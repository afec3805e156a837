/**
 * `npm run bench` (about 13 minutes) and `npm run bench -- --quick` (under 6): starts its own local
 * stack on in-memory engines and measures, in one run, the engine's limits and each part of Rawaq
 * against them. Writes bench/results/latest.json (and a dated copy) and prints a markdown table.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SingleBar } from 'cli-progress';
import { DemoClock, fairMorningOffset } from '../local/demo-clock';
import { startInMemoryRuntime } from '../local/rawaq-runtime';
import type { LocalRuntime } from '../local/runtime';
import { ROOT } from '../local/template/cloud-assembly';
import { fairInUse } from '../shared/fair/fair-file';
import { measureAlerts } from './alerts-step';
import { capacityModel } from './capacity-model';
import { measureCheckIn } from './checkin-step';
import { measureColdStarts } from './cold-start';
import { estimateCost } from './cost-model';
import { measureFootfall } from './footfall-step';
import { measureGatePath } from './gate-path-step';
import { round } from './measure';
import { measurePages } from './pages';
import { measureProjector, type PublicKeys } from './projector-step';
import { engineClient, measureRaw } from './raw-engine';
import { RESULTS_DIR, renderTable, resultsFileName, runMeta, writeReadmeTable } from './results-file';
import { perOperation, StackMeter, type Usage } from './stack-meter';
import { measureSurge } from './surge-step';
import { issueVisitorTickets } from './tickets';
import { measureWalkIns } from './walk-in-step';
import { measureWorkshopDoors } from './workshop-step';

process.env.TZ = 'UTC';
const quick = process.argv.includes('--quick');
const seconds = quick ? 6 : 15;
const CONCURRENCY = 16;
const ALERT_CROSSINGS = 100;
/** Booth visits sent one a request at the booths' real pace (a minute's worth). */
const BOOTH_VISITS = 150;
const BOOTH_VISITS_PER_SECOND = 2.5;
const clockOffsetMs = fairMorningOffset();
const fairNow = () => new Date(Date.now() + clockOffsetMs).toISOString();
const steps = [
  'start',
  'raw',
  'checkin',
  'walkIns',
  'workshop',
  'footfall',
  'alerts',
  'correctness',
  'cost',
  'coldStart',
  'pages',
  'surge',
];
const bar = new SingleBar({ format: 'bench {bar} {value}/{total} {step}', hideCursor: true });

let runtime: LocalRuntime | undefined;
let credential = '';
async function call<T = Record<string, unknown>>(route: string, body?: unknown, method?: string): Promise<T> {
  const response = await fetch(`${runtime?.apiUrl}${route}`, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}
const issue = (count: number) => issueVisitorTickets((route, body) => call(route, body), count);
const scanBody = (token: string, gateId: string, direction: 'in' | 'out') => ({
  scanId: crypto.randomUUID(),
  token,
  gateId,
  direction,
  scannedAt: fairNow(),
  deviceId: 'bench',
});
const settle = async (probe: () => Promise<string>) => {
  let previous = await probe();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 800));
    const current = await probe();
    if (current === previous) return;
    previous = current;
  }
};

/** The venue's figures against what the steps sent: every zone exact, no room over capacity, no visit lost. */
async function checkCorrectness(input: {
  endpoint: string;
  table: (prefix: string) => string;
  walkInsNet: number;
  room: { admitted: number; capacity: number };
  doorAdmitted: number;
  visitsExact: boolean;
  gatePathWrong: number;
}) {
  const reader = engineClient(input.endpoint).client;
  const zones = async () =>
    JSON.stringify(
      (await call<{ zones: { zoneId: string; count: number }[] }>('/v1/occupancy')).zones.map((z) => [
        z.zoneId,
        z.count,
      ]),
    );
  await settle(zones);
  const occupancy = await call<{ zones: { zoneId: string; ticketed: number; counted: number }[] }>('/v1/occupancy');
  // Ticket holders: every zone a ticket inside is counted in, and the workshops' seats taken in a room.
  const inside = new Map<string, number>();
  const add = (zoneId: string, n: number) => inside.set(zoneId, (inside.get(zoneId) ?? 0) + n);
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await reader.send(new ScanCommand({ TableName: input.table('TablesTickets'), ExclusiveStartKey }));
    for (const item of page.Items ?? [])
      if (item.inside) for (const zoneId of item.counted ?? []) add(String(zoneId), 1);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const workshop of (await call<{ workshops: { zoneId: string; admitted: number }[] }>('/v1/workshops')).workshops)
    add(workshop.zoneId, workshop.admitted);
  const { room } = input;
  return {
    occupancyExact: occupancy.zones.every(
      (zone) =>
        zone.ticketed === (inside.get(zone.zoneId) ?? 0) &&
        zone.counted === (zone.zoneId === 'venue' ? input.walkInsNet : 0),
    ),
    noOverCapacity:
      room.admitted <= room.capacity &&
      input.doorAdmitted === Math.min(room.capacity, 300) &&
      room.admitted === input.doorAdmitted,
    noLostOrDoubleCounted: input.visitsExact,
    gatePathVerdictsRight: input.gatePathWrong === 0,
  };
}

/**
 * A cold scan's first answer: the scan function's import (measured with every function's), then its
 * first request on a fresh sandbox (its clients made, the fair, its keys and the credential read, the
 * transaction). One cold start: the gate path runs no authorizer before it.
 */
async function measureColdScan(stack: LocalRuntime) {
  const coldStart = await measureColdStarts(path.join(ROOT, 'cdk.out'), stack.topology.functions, quick ? 3 : 5);
  const [coldTicket] = await issue(1);
  await stack.pool.recycle('scan');
  const firstRequestStarted = performance.now();
  await call('/v1/scans', scanBody((coldTicket as { token: string }).token, 'main', 'in'));
  const firstRequestMs = performance.now() - firstRequestStarted;
  const scanImportMs = coldStart.functions.find((fn) => fn.name === 'scan')?.importMs ?? 0;
  return Object.assign(coldStart, {
    firstAnswerMs: round(scanImportMs + firstRequestMs),
    firstRequestMs: round(firstRequestMs),
  });
}

/** The pages in Chromium, a gate phone of their own signed in. */
async function measurePagesStep(stack: LocalRuntime) {
  const gatePhone = await call<{ credential: string }>('/v1/credentials', {
    role: 'gate',
    scope: { gates: ['main'] },
    label: 'bench phone',
  });
  return measurePages({
    siteDir: stack.pagesDir() ?? '',
    baseUrl: stack.apiUrl,
    organiser: credential,
    gateCredential: gatePhone.credential,
    issue,
    scanIn: async (token) => {
      await call('/v1/scans', scanBody(token, 'main', 'in'));
    },
    scans: quick ? 15 : 40,
  });
}

/** The results file (dated, and latest.json), and the README's table printed. */
function writeResults(results: Record<string, unknown>): void {
  const meta = runMeta(quick ? 'quick' : 'full');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join('bench', 'results', resultsFileName(meta));
  const text = `${JSON.stringify({ meta, ...results }, null, 2)}\n`;
  writeFileSync(path.join(ROOT, file), text);
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), text);
  console.log(renderTable(file, { meta, ...results } as unknown as Parameters<typeof renderTable>[1]));
  console.log(
    `\nWritten to ${file} (and bench/results/latest.json); \`npm run bench -- --readme ${file}\` puts it in the README.`,
  );
}

/** The gates, the counts, the doors, footfall and alerts, each measured on the running stack. */
async function measureOperations(
  meter: StackMeter,
  endpoint: string,
  rawFigures: Awaited<ReturnType<typeof measureRaw>>,
) {
  const { checkin, gateTickets, saturated, pace, issued } = await measureCheckIn({
    call,
    issue,
    scanBody,
    meter,
    concurrency: CONCURRENCY,
    seconds,
    rawTransactionsPerSecond: rawFigures.transactWrite2PerSecond,
  });
  const gatePath = await measureGatePath({ call, issue, scanBody, meter, perKind: quick ? 20 : 40 });
  const { byKind: gatePathByKind, wrongVerdicts: gatePathWrong, ...gatePathFigures } = gatePath;
  Object.assign(checkin, gatePathFigures, { gatePath: gatePathByKind });
  bar.update(3, { step: 'walk-in counts' });
  const walkIns = await measureWalkIns({
    call,
    concurrency: CONCURRENCY,
    seconds,
    rawPutsPerSecond: rawFigures.putItemPerSecond,
    fairNow,
  });
  bar.update(4, { step: 'workshop doors' });
  const doors = await measureWorkshopDoors({ call, issue, meter, fairNow });
  bar.update(5, { step: 'footfall' });
  const footfallRun = await meter.measure(() =>
    measureFootfall({
      call,
      endpoint,
      badgeTickets: gateTickets.slice(0, 200),
      events: quick ? 10_000 : 30_000,
      concurrency: CONCURRENCY,
      fairNow,
    }),
  );
  bar.update(6, { step: 'alerts' });
  const alerts = await measureAlerts({ call, issue, scanBody, crossings: ALERT_CROSSINGS });
  return { checkin, saturated, pace, issued, gatePathWrong, walkIns, doors, footfallRun, alerts };
}

/** What a write costs and where the stack breaks first, from the figures measured. */
async function measureCostAndCapacity(
  stack: LocalRuntime,
  endpoint: string,
  table: (prefix: string) => string,
  ops: Awaited<ReturnType<typeof measureOperations>>,
  meter: StackMeter,
) {
  const { pace, saturated, issued, doors, footfallRun } = ops;
  const projector = await measureProjector({
    endpoint,
    table,
    keys: (await call<{ keys: PublicKeys }>('/v1/keys')).keys,
    tickets: await issue(100),
    scanBody,
    day: footfallRun.result.day,
    now: () => new Date(Date.now() + clockOffsetMs),
    settle: async () => {
      await meter.measure(async () => undefined);
    },
  });
  // The booth page's real shape at Oujda: each visit its own request, 2.5 a second over the fair's 140
  // booths in turn (so a booth's visits are a minute apart: nothing to coalesce in a batch).
  const booths = fairInUse().fair.booths.map((booth) => booth.boothId);
  const visitRun = await meter.measure(async () => {
    for (let visit = 0; visit < BOOTH_VISITS; visit += 1) {
      const paced = new Promise((resolve) => setTimeout(resolve, 1000 / BOOTH_VISITS_PER_SECOND));
      await call(`/v1/booths/${booths[visit % booths.length]}/footfall`, {
        events: [{ eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 1 }],
      });
      await paced;
    }
  });
  // The footfall step also reads the booths' figures until they are complete: that is not the events' cost.
  const { authorizer: _polls, 'booth-stats': _stats, ...footfallUsage } = footfallRun.usage as Usage;
  const cost = estimateCost({
    gateScan: perOperation(pace.usage, pace.scans),
    saturatedScan: perOperation(saturated.usage, saturated.requests),
    doorScan: perOperation(doors.doorUsage, doors.doorScans),
    ticket: perOperation(issued.usage, issued.tickets),
    footfallEvent: perOperation(footfallUsage, footfallRun.result.eventsSent),
    boothVisit: perOperation(visitRun.usage, BOOTH_VISITS),
    memoryMb: Object.fromEntries(stack.topology.functions.map((fn) => [fn.name, fn.memoryMb])),
  });
  const capacity = capacityModel({
    writeUnitsPerScan: cost.writeUnitsPerScan,
    writeUnitsPerFootfallEvent: cost.writeUnitsPerFootfallEvent,
    projectorRecordsPerSecond: round(projector.recordsPerSecond),
    logWriterRecordsPerSecond: round(projector.logWriterRecordsPerSecond),
    // The scan function's own time per invocation at the gates' pace (its share of Lambda concurrency).
    checkinMs: round((pace.usage.scan?.ms ?? 0) / Math.max(1, pace.usage.scan?.invocations ?? 0), 1),
  });
  return { cost, capacity };
}

async function main() {
  bar.start(steps.length, 0, { step: 'starting the local stack' });
  // Every function's DynamoDB requests, read at the gate in front of the engine (local/dynamodb-gate/meter.ts).
  const meter = new StackMeter();
  ({ runtime, credential } = await startInMemoryRuntime({
    startEventSources: true,
    clock: DemoClock.offset(clockOffsetMs),
    meterDynamo: meter.units,
  }));
  const stack = runtime;
  meter.attach(stack.pool);
  meter.waitOutBatchingWindows(Math.max(0, ...stack.topology.mappings.map((m) => m.maxBatchingWindowSeconds)));
  const endpoint = stack.endpoints.dynamodb;
  const table = (prefix: string) => stack.topology.tables.find((t) => t.logicalId.startsWith(prefix))?.logicalId ?? '';
  bar.update(1, { step: 'raw engine limits' });
  const raw = await measureRaw(endpoint, CONCURRENCY, seconds);
  bar.update(2, { step: 'check-in' });
  const ops = await measureOperations(meter, endpoint, raw);
  // Checked before the cost step, whose directly measured projection adds to the venue on purpose.
  const correctness = await checkCorrectness({
    endpoint,
    table,
    walkInsNet: ops.walkIns.net,
    room: ops.doors.after,
    doorAdmitted: ops.doors.result.admitted,
    visitsExact: ops.footfallRun.result.visitsExact,
    gatePathWrong: ops.gatePathWrong,
  });
  bar.update(7, { step: 'write units' });
  const { cost, capacity } = await measureCostAndCapacity(stack, endpoint, table, ops, meter);
  bar.update(9, { step: 'cold starts' });
  const coldStart = await measureColdScan(stack);
  bar.update(10, { step: 'pages in Chromium' });
  const pages = await measurePagesStep(stack);
  // The 10x surge on a stack of its own, AWS's refusals rehearsed: this one is stopped first.
  bar.update(11, { step: 'the 10x surge' });
  await stack.stop();
  runtime = undefined;
  const surge = await measureSurge({ seconds: quick ? 20 : 180, clockOffsetMs });
  bar.update(12, { step: 'done' });
  bar.stop();
  writeResults({
    raw: roundAll(raw),
    checkin: ops.checkin,
    walkIns: ops.walkIns,
    workshop: ops.doors.result,
    footfall: ops.footfallRun.result.footfall,
    alerts: ops.alerts,
    cost,
    capacity,
    coldStart,
    correctness,
    pages,
    surge,
  });
}

function roundAll(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)]));
}

if (process.argv.includes('--readme')) {
  const named = process.argv[process.argv.indexOf('--readme') + 1];
  const file = named && !named.startsWith('--') ? named : 'bench/results/latest.json';
  writeReadmeTable(file);
  console.log(`README.md: the bench table now shows ${file}`);
} else
  main()
    .catch((error) => {
      bar.stop();
      console.error('bench failed:', error);
      process.exitCode = 1;
    })
    .finally(() => runtime?.stop());
