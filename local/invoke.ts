/**
 * `npm run invoke -- <function> <event.json>`: runs one handler on one event against the local
 * engines, like `sam local invoke`. It uses the engines of a running `npm start` on the same DATA_DIR
 * when there is one, and starts its own (on that data) otherwise.
 *   npm run invoke -- get-fair events/samples/get-fair.http.json
 *   npm run invoke -- --list
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runningRecord } from './data-folder-lock';
import { loadDemoClock } from './demo-clock';
import { SetupError } from './emulators/dynamodb-local';
import { startRawaqRuntime } from './rawaq-runtime';
import type { LocalRuntime } from './runtime';

process.env.TZ = 'UTC';
const [name, eventFile] = process.argv.slice(2);
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const running = runningRecord(dataDir);
const log = (line: string) => console.error(line);

let runtime: LocalRuntime | undefined;
try {
  if (running && !running.dynamodb)
    throw new SetupError('npm start on this data folder is still starting: try again in a moment');
  runtime = await startRawaqRuntime({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    serveApi: false,
    startEventSources: false,
    clock: loadDemoClock(path.join(dataDir, 'demo-clock.json')),
    ...(running ? { attachTo: { dynamodb: running.dynamodb, sqs: running.sqs } } : {}),
    log,
  });
  const names = runtime.topology.functions.map((fn) => fn.name);
  if (!name || name === '--list' || !eventFile) {
    console.log(`functions: ${names.join(', ')}\nusage: npm run invoke -- <function> <event.json>`);
  } else {
    const spec = runtime.pool.find(name);
    if (!spec) throw new SetupError(`no function "${name}"; the stack has: ${names.join(', ')}`);
    const event = JSON.parse(readFileSync(path.resolve(eventFile), 'utf8'));
    const started = performance.now();
    const result = await runtime.pool.invoke(spec.logicalId, event);
    log(
      `${spec.name} answered in ${(performance.now() - started).toFixed(0)} ms${running ? ' (engines of the running npm start)' : ''}`,
    );
    console.log(JSON.stringify(result, null, 2));
  }
} catch (error) {
  console.error(error instanceof SetupError ? `invoke: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await runtime?.stop();
}
