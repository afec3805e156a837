// The local Lambda "sandbox" bootstrap, one worker thread per function: it imports the bundled handler
// exactly as Lambda's Node runtime would (the asset's index.mjs, export `handler`) and runs invocations
// sent by the parent. Plain JavaScript on purpose: like Lambda's own runtime, it is not project code,
// and no TypeScript loader should sit between it and the bundle it measures.

import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { modulePath, exportName, functionName, functionArn, memoryMb, clock } = workerData;
let handlerPromise;

// The demo clock (local/demo-clock.ts), shared by every sandbox: fair time at one real instant, and its
// speed. shared/commons/clock.ts asks for it; on Lambda nothing sets it and the real time is used.
if (clock) {
  const view = new Float64Array(clock);
  globalThis.rawaqFairClock = () => view[0] + (Date.now() - view[1]) * view[2];
}

function loadHandler() {
  handlerPromise ??= import(pathToFileURL(modulePath).href).then((module) => {
    const handler = module[exportName];
    if (typeof handler !== 'function') throw new Error(`${modulePath} does not export ${exportName}`);
    return handler;
  });
  return handlerPromise;
}

function contextFor(message) {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function serializeError(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  // The handler's own time, as Lambda's REPORT line gives it (what an invocation is billed for).
  const started = performance.now();
  const reply = (outcome) =>
    parentPort.postMessage({ type: 'result', id: message.id, durationMs: performance.now() - started, ...outcome });
  try {
    const handler = await loadHandler();
    reply({ ok: true, value: await handler(message.event, contextFor(message)) });
  } catch (error) {
    reply({ ok: false, error: serializeError(error) });
  }
});

loadHandler().then(
  () => parentPort.postMessage({ type: 'ready' }),
  (error) => parentPort.postMessage({ type: 'init-error', error: serializeError(error) }),
);
