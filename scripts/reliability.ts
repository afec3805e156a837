/**
 * `npm run reliability`: runs the tests that try to break Rawaq (crash under load, faults around the
 * counting functions, poison messages and records, fuzzed input) and prints what they held up to.
 * Fails when anything answered was lost or counted twice, or when a test failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RELIABILITY_DIR, type ReliabilityEntry } from '../test/support/reliability-log';

const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'bench', 'results');
rmSync(RELIABILITY_DIR, { recursive: true, force: true });
const files = [
  'test/local/crash-restart.test.ts',
  'test/local/durable-writes.test.ts',
  'test/local/exactly-once-under-faults.test.ts',
  'test/local/event-sources.test.ts',
  'test/integration/fuzz.test.ts',
  'test/local/lan.test.ts',
];
const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration', '--project', 'local', ...files], {
  stdio: 'inherit',
});
// Faults the engines cannot raise (DynamoDB Local has no TransactionConflict), injected in the real error shape.
const injected = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'test/unit/store-faults.test.ts'], {
  stdio: 'inherit',
});
const entries: ReliabilityEntry[] = existsSync(RELIABILITY_DIR)
  ? readdirSync(RELIABILITY_DIR).map(
      (file) => JSON.parse(readFileSync(path.join(RELIABILITY_DIR, file), 'utf8')) as ReliabilityEntry,
    )
  : [];
const lost = entries.reduce((sum, entry) => sum + (entry.acknowledgedLost ?? 0), 0);
const doubled = entries.reduce((sum, entry) => sum + entry.doubleCounts, 0);
const exposed = entries.reduce((sum, entry) => sum + (entry.exposed ?? 0), 0);
const table = [
  '| test | load held | faults injected and survived | bad inputs | lost | double counts | exposed | how it held |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...entries.map(
    (entry) =>
      `| ${entry.test} | ${entry.load ?? ''} | ${entry.faults.join('; ')} | ${entry.badInputs ?? ''} | ${entry.acknowledgedLost ?? ''} | ${entry.doubleCounts} | ${entry.exposed ?? ''} | ${entry.held ?? ''} |`,
  ),
  `| **total** | | ${entries.reduce((sum, entry) => sum + entry.faults.length, 0)} kinds of fault | ${entries.reduce((sum, e) => sum + (e.badInputs ?? 0), 0)} | **${lost}** | **${doubled}** | **${exposed}** | |`,
].join('\n');
console.log(`\n${table}`);
console.log(
  '\nAlso exercised by the event-source tests: a failing record, a poison message to the DLQ, a poison stream record bisected out, a restart resuming from the checkpoint.',
);
// The README's table is copied from this file, which names the commit that produced it.
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--', '.', ':!bench/results'], {
  encoding: 'utf8',
}).stdout.trim();
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  path.join(RESULTS_DIR, 'reliability.md'),
  `Run ${new Date().toISOString().slice(0, 10)} at ${commit}${dirty ? ' with uncommitted changes' : ''}, ${run.status === 0 && injected.status === 0 ? 'every test passed' : 'SOME TESTS FAILED'}.\n\n${table}\n`,
);
if (run.status !== 0 || injected.status !== 0 || lost > 0 || doubled > 0 || exposed > 0) process.exitCode = 1;
