/**
 * `npm run bench` (about 10 minutes) and `npm run bench -- --quick` (under 5): starts its own local
 * stack on in-memory engines and measures, in one run, the engine's limits and each part of Rawaq
 * against them. Writes bench/results/latest.json (and a dated copy) and prints a markdown table.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SingleBar } from 'cli-progress';
import { DemoClock, fairMorningOffset } from '../local/demo-clock';
import { freePort } from '../local/emulators/free-port';
import { startRawaqRuntime } from '../local/rawaq-runtime';
import type { LocalRuntime } from '../local/runtime';
import { ROOT } from '../local/template/cloud-assembly';
import { measureAlerts } from './alerts-step';
import { capacityModel } from './capacity-model';
import { measureColdStarts } from './cold-start';
import { meteredClient } from './consumed-capacity';
import { estimateCost } from './cost-model';
import { measureFootfall } from './footfall-step';
import { closedLoop, openLoop, percentile, round } from './measure';
import { measurePages } from './pages';
import { measureRaw } from './raw-engine';
import { RESULTS_DIR, renderTable, resultsFileName, runMeta, writeReadmeTable } from './results-file';
import { perOperation, StackMeter, type Usage } from './stack-meter';
import { measureProjector, type PublicKeys } from './units';

process.env.TZ = 'UTC';
const quick = process.argv.includes('--quick');
const seconds = quick ? 6 : 15;
const CONCURRENCY = 16;
const ALERT_CROSSINGS = 100;
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
const issue = async (count: number) => {
  const tickets: { ticketId: string; token: string }[] = [];
  for (let done = 0; done < count; done += 500) {
    const batch = await call<{ tickets: { ticketId: string; token: string }[] }>('/v1/tickets/batch', {
      tickets: Array.from({ length: Math.min(500, count - done) }, () => ({ category: 'visitor' })),
    });
    tickets.push(...batch.tickets);
  }
  return tickets;
};
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

async function main() {
  bar.start(steps.length, 0, { step: 'starting the local stack' });
  // Every function reports the DynamoDB units it consumes on this channel (shared/store/clients.ts).
  process.env.RAWAQ_UNITS_CHANNEL = StackMeter.channelName;
  runtime = await startRawaqRuntime({
    dataDir: undefined,
    port: await freePort(),
    host: '127.0.0.1',
    serveApi: true,
    startEventSources: true,
    clock: DemoClock.offset(clockOffsetMs),
    log: () => undefined,
  });
  credential = runtime.vault.get(runtime.output('FirstOrganiserSecretArn') ?? '') ?? '';
  const meter = new StackMeter(runtime.pool);
  const endpoint = runtime.endpoints.dynamodb;
  const table = (prefix: string) =>
    runtime?.topology.tables.find((t) => t.logicalId.startsWith(prefix))?.logicalId ?? '';
  bar.update(1, { step: 'raw engine limits' });

  const raw = await measureRaw(endpoint, CONCURRENCY, seconds);
  bar.update(2, { step: 'check-in' });

  for (const zoneId of ['venue', 'hall-a', 'hall-b'])
    await call(`/v1/zones/${zoneId}`, { capacity: 1_000_000 }, 'PATCH');
  // Each worker walks its own 40 tickets in and out; the warm-up (i from 1,000,000) uses another 40.
  const gateTickets = await issue(CONCURRENCY * 40 * 2);
  let peakRequests = 0;
  const saturated = await meter.measure(() =>
    closedLoop(CONCURRENCY, seconds, async (worker, i) => {
      peakRequests += 1;
      const set = i >= 1_000_000 ? CONCURRENCY * 40 : 0;
      const step = i % 1_000_000;
      const ticket = gateTickets[set + worker * 40 + (Math.floor(step / 2) % 40)] as { token: string };
      const direction = step % 2 === 0 ? 'in' : 'out';
      const answer = await call<{ verdict?: string }>('/v1/scans', scanBody(ticket.token, 'main', direction));
      return answer.verdict === (direction === 'in' ? 'ADMITTED' : 'EXITED');
    }),
  );
  const peak = saturated.result;
  const offered = Math.max(1, peak.perSecond / 2);
  const latencyTickets = await issue(Math.ceil(offered * seconds) + 10);
  const latencies = await openLoop(offered, seconds, async (i) => {
    await call('/v1/scans', scanBody((latencyTickets[i] as { token: string }).token, 'east', 'in'));
  });
  // A gate's real pace: 20 lanes at 5 to 8 scans a minute, with the morning peak (three times that).
  const realisticRate = (20 * 8 * 3) / 60;
  const issued = await meter.measure(() => issue(Math.ceil(realisticRate * seconds) + 10));
  const paceTickets = issued.result;
  // What a scan costs end to end at that pace, with the projector on the stack's own batching settings.
  const pace = await meter.measure(() =>
    openLoop(realisticRate, seconds, async (i) => {
      await call('/v1/scans', scanBody((paceTickets[i] as { token: string }).token, 'east', 'in'));
    }),
  );
  const paced = pace.result;
  const checkin = {
    scansPerSecond: round(peak.perSecond),
    errors: peak.errors,
    ratioToRaw: round(peak.perSecond / raw.transactWrite2PerSecond, 2),
    realisticPerSecond: round(realisticRate),
    realisticP99Ms: round(percentile(paced, 99)),
    offeredPerSecond: round(offered),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
  bar.update(3, { step: 'walk-in counts' });

  // Walk-ins counted at a gate (a free fair's main traffic): one zone read and one conditional put a
  // count, against the engine's raw puts. Counted only when the API answered it with the zone.
  let walkInNet = 0;
  const counting = await closedLoop(CONCURRENCY, seconds, async (_worker, i) => {
    const [inCount, outCount] = i % 2 === 0 ? [2, 0] : [0, 1];
    const answer = await call<{ countId?: string; zoneId?: string }>('/v1/gates/main/counts', {
      countId: crypto.randomUUID(),
      in: inCount,
      out: outCount,
      countedAt: fairNow(),
      deviceId: 'bench-steward',
    });
    if (!answer.countId || answer.zoneId !== 'venue') return false;
    walkInNet += inCount - outCount;
    return true;
  });
  const walkIns = {
    countsPerSecond: round(counting.perSecond),
    errors: counting.errors,
    ratioToRaw: round(counting.perSecond / raw.putItemPerSecond, 2),
    net: walkInNet,
  };
  bar.update(4, { step: 'workshop doors' });

  const start = new Date(Date.parse(fairNow()) + 10 * 60_000).toISOString();
  const createWorkshop = (title: string, capacity: number) =>
    call<{ workshopId: string }>('/v1/workshops', {
      title,
      startsAt: start,
      endsAt: new Date(Date.parse(start) + 3_600_000).toISOString(),
      capacity,
      registrationRequired: false,
    });
  const workshop = await createWorkshop('bench', 20);
  const seatTickets = await issue(300);
  const admissionStart = performance.now();
  const verdicts = await Promise.all(
    seatTickets.map((ticket) =>
      call<{ verdict: string }>(`/v1/workshops/${workshop.workshopId}/admissions`, {
        scanId: crypto.randomUUID(),
        token: ticket.token,
      }),
    ),
  );
  const admissionSeconds = (performance.now() - admissionStart) / 1000;
  const after = await call<{ admitted: number; capacity: number }>(`/v1/workshops/${workshop.workshopId}`);
  const workshopResult = {
    admissionsPerSecond: round(300 / admissionSeconds),
    seats: 20,
    scans: 300,
    admitted: verdicts.filter((v) => v.verdict === 'ADMITTED').length,
  };
  // What a door scan costs: a workshop with seats for all, each ticket admitted and let out.
  const room = await createWorkshop('bench door', 50);
  const doorTickets = seatTickets.slice(0, 50);
  // One scan after another, as at a real door (a stampede's handler times would include the queue).
  const door = await meter.measure(async () => {
    for (const route of ['admissions', 'exits'])
      for (const ticket of doorTickets)
        await call(`/v1/workshops/${room.workshopId}/${route}`, { scanId: crypto.randomUUID(), token: ticket.token });
  });
  bar.update(5, { step: 'footfall' });

  const footfallEvents = quick ? 10_000 : 30_000;
  const footfallRun = await meter.measure(() =>
    measureFootfall({
      call,
      endpoint,
      badgeTickets: gateTickets.slice(0, 200),
      events: footfallEvents,
      concurrency: CONCURRENCY,
      fairNow,
    }),
  );
  const { footfall, day, visitsExact } = footfallRun.result;
  bar.update(6, { step: 'alerts' });

  const alerts = await measureAlerts({ call, issue, scanBody, crossings: ALERT_CROSSINGS });
  // Checked before the cost step, whose directly measured projection adds to the venue on purpose.
  const reader = meteredClient(endpoint).client;
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
    const page = await reader.send(new ScanCommand({ TableName: table('TablesTickets'), ExclusiveStartKey }));
    for (const item of page.Items ?? [])
      if (item.inside) for (const zoneId of item.counted ?? []) add(String(zoneId), 1);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const workshop of (await call<{ workshops: { zoneId: string; admitted: number }[] }>('/v1/workshops')).workshops)
    add(workshop.zoneId, workshop.admitted);
  const correctness = {
    occupancyExact: occupancy.zones.every(
      (zone) =>
        zone.ticketed === (inside.get(zone.zoneId) ?? 0) && zone.counted === (zone.zoneId === 'venue' ? walkInNet : 0),
    ),
    noOverCapacity:
      after.admitted <= after.capacity &&
      workshopResult.admitted === Math.min(after.capacity, 300) &&
      after.admitted === workshopResult.admitted,
    noLostOrDoubleCounted: visitsExact,
  };
  bar.update(7, { step: 'write units' });

  const projector = await measureProjector({
    endpoint,
    table,
    keys: (await call<{ keys: PublicKeys }>('/v1/keys')).keys,
    tickets: await issue(100),
    scanBody,
    day,
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  const authorizer = pace.usage.authorizer ?? { read: 0, write: 0, invocations: 1, ms: 0 };
  // The footfall step also reads the booths' figures until they are complete: that is not the events' cost.
  const { authorizer: _polls, 'booth-stats': _stats, ...footfallUsage } = footfallRun.usage as Usage;
  const cost = estimateCost({
    gateScan: perOperation(pace.usage, paced.length),
    saturatedScan: perOperation(saturated.usage, peakRequests),
    doorScan: perOperation(door.usage, doorTickets.length * 2),
    ticket: perOperation(issued.usage, paceTickets.length),
    footfallEvent: perOperation(footfallUsage, footfallEvents),
    authorizer: {
      read: authorizer.read / authorizer.invocations,
      write: authorizer.write / authorizer.invocations,
      ms: authorizer.ms / authorizer.invocations,
    },
    memoryMb: Object.fromEntries(runtime.topology.functions.map((fn) => [fn.name, fn.memoryMb])),
  });
  meter.close();
  const capacity = capacityModel({
    writeUnitsPerScan: cost.writeUnitsPerScan,
    writeUnitsPerFootfallEvent: cost.writeUnitsPerFootfallEvent,
    projectorRecordsPerSecond: round(projector.recordsPerSecond),
    // The scan function's own time per invocation at the gates' pace (its share of Lambda concurrency).
    checkinMs: round((pace.usage.scan?.ms ?? 0) / Math.max(1, pace.usage.scan?.invocations ?? 0), 1),
  });
  bar.update(9, { step: 'cold starts' });

  const coldStart = await measureColdStarts(path.join(ROOT, 'cdk.out'), runtime.topology.functions, quick ? 3 : 5);

  bar.update(10, { step: 'pages in Chromium' });
  const gatePhone = await call<{ credential: string }>('/v1/credentials', {
    role: 'gate',
    scope: { gates: ['main'] },
    label: 'bench phone',
  });
  const pages = await measurePages({
    siteDir: runtime.pagesDir() ?? '',
    baseUrl: runtime.apiUrl,
    organiser: credential,
    gateCredential: gatePhone.credential,
    issue,
    scanIn: async (token) => {
      await call('/v1/scans', scanBody(token, 'main', 'in'));
    },
    scans: quick ? 15 : 40,
  });

  bar.update(11, { step: 'done' });
  bar.stop();

  const results = {
    raw: roundAll(raw),
    checkin,
    walkIns,
    workshop: workshopResult,
    footfall,
    alerts,
    cost,
    capacity,
    coldStart,
    correctness,
    pages,
  };
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
