import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import * as path from 'node:path';

/**
 * Where a bench run's figures go and how the README shows them: every run writes its own file, named
 * by its time, commit and mode, stamped with whether the tree was clean, the machine and the Node
 * version; the README's table is rendered from one such file (named above the table) by
 * `npm run bench -- --readme [file]`, never typed, and a unit test renders it again to compare.
 */
export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');
export const README = path.resolve(import.meta.dirname, '..', 'README.md');
const START = /<!-- bench results: (bench\/results\/[^ ]+\.json) -->\n/;
const END = '<!-- end of bench results -->';

export type RunMeta = {
  measuredAt: string;
  mode: 'quick' | 'full';
  commit: string;
  /** No uncommitted change to tracked files when the run started. */
  clean: boolean;
  machine: { cores: number; memoryGiB: number; cpu: string };
  node: string;
};

export function runMeta(mode: 'quick' | 'full'): RunMeta {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  return {
    measuredAt: new Date().toISOString(),
    mode,
    commit: git('rev-parse', '--short=12', 'HEAD'),
    clean: git('status', '--porcelain', '--untracked-files=no') === '',
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), cpu: cpus()[0]?.model ?? 'unknown' },
    node: process.version,
  };
}

export function resultsFileName(meta: RunMeta): string {
  return `${meta.measuredAt.slice(0, 19).replaceAll(':', '-')}Z-${meta.commit}-${meta.mode}.json`;
}

export type Results = { meta: RunMeta } & Record<string, Record<string, unknown> | undefined>;

const met = (ok: boolean | undefined) => (ok ? 'met' : 'missed');
const n = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-GB') : String(value));

type Row = [string, string, string];

/** The rows of what the stack does per second: the engine, the gates, counts, doors, footfall, alerts. */
function throughputRows(r: Results): Row[] {
  return [
    [
      `raw (SDK, concurrency ${n(r.raw?.concurrency)})`,
      `${n(r.raw?.transactWrite2PerSecond)} two-item transactions/s, ${n(r.raw?.putItemPerSecond)} puts/s`,
      '',
    ],
    [
      'checkin',
      `${n(r.checkin?.scansPerSecond)} correct scans/s through the API (${n(r.checkin?.errors)} errors), ratioToRaw ${n(r.checkin?.ratioToRaw)}; p50 ${n(r.checkin?.p50Ms)} ms, p99 ${n(r.checkin?.p99Ms)} ms at ${n(r.checkin?.offeredPerSecond)}/s; at a gate's real pace (${n(r.checkin?.realisticPerSecond)}/s) p99 ${n(r.checkin?.realisticP99Ms)} ms`,
      `ratio 0.8: ${met(Number(r.checkin?.ratioToRaw) >= 0.8)}; p99 300 ms: ${met(Number(r.checkin?.realisticP99Ms) < 300)}`,
    ],
    ...(r.checkin?.engineRequestsPerEntry === undefined
      ? []
      : [
          [
            'gate path',
            `${n(r.checkin?.engineRequestsPerEntry)} engine requests and ${n(r.checkin?.invocationsPerEntry)} invocation per common entry; the costliest refusal or replay ${n(r.checkin?.engineRequestsPerRefusal)} requests`,
            `2, 1, 3: ${met(Number(r.checkin?.engineRequestsPerEntry) <= 2 && Number(r.checkin?.invocationsPerEntry) <= 1 && Number(r.checkin?.engineRequestsPerRefusal) <= 3)}`,
          ] as [string, string, string],
        ]),
    [
      'walkIns',
      `${n(r.walkIns?.countsPerSecond)} correct counts/s through the API (${n(r.walkIns?.errors)} errors), ratioToRaw ${n(r.walkIns?.ratioToRaw)} of raw puts`,
      '',
    ],
    [
      'workshop',
      `${n(r.workshop?.admissionsPerSecond)} admissions/s, ${n(r.workshop?.admitted)} admitted for ${n(r.workshop?.seats)} seats of ${n(r.workshop?.scans)} scans`,
      '',
    ],
    [
      'footfall',
      `${n(r.footfall?.eventsPerSecond)} events/s API to counted, against ${n(r.footfall?.baselineEventsPerSecond)} events/s written one by one (ratio ${n(r.footfall?.ratioToRaw)}); both exact: ${n(r.footfall?.exact)}`,
      `ratio 10: ${met(Number(r.footfall?.ratioToRaw) >= 10)}`,
    ],
    [
      'alerts',
      `${n(r.alerts?.crossings)} threshold crossings, from sending the scan to the alert in the feed: p50 ${n(r.alerts?.p50Ms)} ms, p99 ${n(r.alerts?.p99Ms)} ms`,
      `p99 2,000 ms: ${met(Number(r.alerts?.p99Ms) <= 2000 && Number(r.alerts?.crossings) >= 100)}`,
    ],
  ];
}

/** The rows of what it costs and how it holds: write units, cold starts, pages, capacity, surge, checks. */
function costRows(r: Results): Row[] {
  const pages = r.pages as {
    pages?: Record<string, number>;
    decoderWasmKb?: number;
    gateOnline?: { p50Ms?: number };
    gateOffline?: { p50Ms?: number };
    dashboardShowsScanMs?: { p50?: number };
  };
  const cost = r.cost as Record<string, unknown> & { notMeasured?: string[] };
  // Older results files have no such split.
  const billedAs = (bill: unknown) => {
    const b = bill as Record<string, number> | undefined;
    return b
      ? `, billed as requests $${n(b.requests)} (footfall's $${n(b.footfallRequests)}), Lambda time $${n(b.lambdaTime)}, read units $${n(b.readUnits)}, write units $${n(b.writeUnits)}`
      : '';
  };
  const capacity = r.capacity as { sizes?: { name: string; firstLimit: string }[] } | undefined;
  return [
    [
      'cost',
      `${n(cost?.writeUnitsPerScan)} write units per gate scan at a gate's real pace, measured end to end through the API (the scan function, projection on the stack's batching, alerts; ${n(cost?.writeUnitsPerScanSaturated)} when the gates saturate), ${n(cost?.readUnitsPerScan)} read units; ${n(cost?.writeUnitsPerFootfallEvent)} per footfall event${cost?.writeUnitsPerBoothVisit === undefined ? '' : ` in bulk, ${n(cost?.writeUnitsPerBoothVisit)} per booth visit sent alone`}; $${n(cost?.usdPer10kVisitors)} per 10,000 visitors${billedAs(cost?.usdPer10kBilledAs)} (not measured: ${(cost?.notMeasured ?? []).join('; ')})`,
      `5 WU: ${met(Number(cost?.writeUnitsPerScan) <= 5)}; $0.50: ${met(Number(cost?.usdPer10kVisitors) <= 0.5)}`,
    ],
    [
      'coldStart',
      `largest bundle ${n(r.coldStart?.maxBundleKb)} KB, slowest import ${n(r.coldStart?.maxImportMs)} ms (median of ${n(r.coldStart?.runsPerFunction)})${r.coldStart?.firstAnswerMs === undefined ? '' : `; a cold scan's first answer ${n(r.coldStart?.firstAnswerMs)} ms (import, then ${n(r.coldStart?.firstRequestMs)} ms for its first request)`}`,
      `150 ms: ${met(Number(r.coldStart?.maxImportMs) <= 150)}${r.coldStart?.firstAnswerMs === undefined ? '' : `; first answer 250 ms: ${met(Number(r.coldStart?.firstAnswerMs) <= 250)}`}`,
    ],
    [
      'pages',
      `gate page ${n(pages?.pages?.gate)} KB gz (+${n(pages?.decoderWasmKb)} KB decoder); code to verdict p50 ${n(pages?.gateOnline?.p50Ms)} ms online, ${n(pages?.gateOffline?.p50Ms)} ms offline; dashboard shows a scan p50 ${n(pages?.dashboardShowsScanMs?.p50)} ms`,
      `2,000 ms: ${met(Number(pages?.dashboardShowsScanMs?.p50) <= 2000)}`,
    ],
    ['capacity', (capacity?.sizes ?? []).map((size) => `${size.name}: ${size.firstLimit}`).join('; '), ''],
    ...surgeRow(r.surge as Surge | undefined),
    [
      'correctness',
      Object.entries(r.correctness ?? {})
        .map(([key, value]) => `${key} ${value}`)
        .join(', '),
      `all true: ${met(Object.values(r.correctness ?? {}).every((value) => value === true))}`,
    ],
  ];
}

/** The README's table for a results file: each part, its figure, and the issue's target beside it. */
export function renderTable(file: string, r: Results): string {
  const m = r.meta;
  const rows = [...throughputRows(r), ...costRows(r)];
  return [
    `Run ${m.measuredAt.slice(0, 16).replace('T', ' ')} UTC (${m.mode}) at commit ${m.commit}${m.clean ? '' : ' with uncommitted changes'}, on ${m.machine.cores} cores and ${m.machine.memoryGiB} GiB (${m.machine.cpu}), Node ${m.node}; from \`${file}\`:`,
    '',
    '| part | result | target |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/**
 * A markdown table's content whatever its padding (the formatter aligns the README's columns): each
 * row's cells trimmed, separator rows as `---`.
 */
export function tableContent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .slice(1, -1)
            .split('|')
            .map((cell) => (/^\s*-+\s*$/.test(cell) ? '---' : cell.trim()))
            .join(' | ')
        : line.trim(),
    )
    .join('\n');
}

/** The results file the README names, and the table as it stands there. */
export function readmeTable(readme = readFileSync(README, 'utf8')): { file: string; table: string } | undefined {
  const start = START.exec(readme);
  if (!start) return undefined;
  const from = start.index + start[0].length;
  const to = readme.indexOf(END, from);
  return { file: start[1] as string, table: readme.slice(from, to).trim() };
}

export function readResults(file: string): Results {
  return JSON.parse(readFileSync(path.resolve(RESULTS_DIR, '..', '..', file), 'utf8')) as Results;
}

/** Puts the table rendered from `file` (a path from the repository's root) into the README. */
export function writeReadmeTable(file: string): void {
  const readme = readFileSync(README, 'utf8');
  const table = `<!-- bench results: ${file} -->\n${renderTable(file, readResults(file))}\n${END}`;
  const start = START.exec(readme);
  if (!start) throw new Error(`README.md has no "<!-- bench results: ... -->" marker to write under`);
  const to = readme.indexOf(END, start.index) + END.length;
  writeFileSync(README, readme.slice(0, start.index) + table + readme.slice(to));
}

type OperationFigures = { sent: number; p50Ms: number; p99Ms: number };
type Surge = {
  seconds: number;
  ratesPerSecond: Record<string, number>;
  gateScans: OperationFigures;
  walkInCounts: OperationFigures;
  doorScans: OperationFigures;
  boothVisits: OperationFigures;
  lost: number;
  double: number;
  failures: Record<string, number>;
  /** Exits the API could not take at once (503 BUSY), sent again under their own id (runs before: none). */
  exitsResent?: number;
  checks?: Record<string, boolean>;
  rehearsed: { transactionConflicts: number; throttledCalls: number };
};

/** The 10x surge's row, for a results file that has one (runs before it have none). */
function surgeRow(surge: Surge | undefined): [string, string, string][] {
  if (!surge) return [];
  const operation = (name: string, figures: OperationFigures) =>
    `${name} ${n(figures.sent)} (p50 ${n(figures.p50Ms)} ms, p99 ${n(figures.p99Ms)} ms)`;
  const failed = Object.values(surge.failures).reduce((sum, count) => sum + count, 0);
  const failing = Object.entries(surge.checks ?? {})
    .filter(([, held]) => !held)
    .map(([check]) => check);
  const statuses = Object.entries(surge.failures)
    .map(([what, count]) => `${n(count)} ${what}`)
    .join(', ');
  return [
    [
      'surge',
      `the 10x surge for ${n(surge.seconds)} s (${n(surge.ratesPerSecond.gateScans)} gate scans/s with counts, door scans and booth visits one a request), transaction conflicts, partition limits and IAM rehearsed (${n(surge.rehearsed.transactionConflicts)} conflicts and ${n(surge.rehearsed.throttledCalls)} throttles raised): ${[
        operation('gate scans', surge.gateScans),
        operation('walk-in counts', surge.walkInCounts),
        operation('door scans', surge.doorScans),
        operation('booth visits', surge.boothVisits),
      ].join(
        ', ',
      )}; ${n(failed)} answered with an error${failed > 0 ? ` (${statuses})` : ''}${surge.exitsResent ? `, ${n(surge.exitsResent)} exits sent again as the door page does` : ''}; ${n(surge.lost)} lost, ${n(surge.double)} double${failing.length > 0 ? `; checks that failed: ${failing.join(', ')}` : ''}`,
      `0 lost, 0 double, every check: ${met(surge.lost === 0 && surge.double === 0 && failing.length === 0)}`,
    ],
  ];
}
