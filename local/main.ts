/**
 * `npm start`: the whole of Rawaq on this machine, on the demo fair. See README.md.
 * Environment: PORT (3000), DATA_DIR (.data), HOST (0.0.0.0, so phones on the venue's network can
 * reach the pages, over HTTPS on HTTPS_PORT, PORT + 443 by default), RAWAQ_TLS_NAMES (more names for
 * the certificate), LOG_LEVEL (WARN: the functions' own log level).
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import * as path from 'node:path';
import { DEMO_FAIR_FILE, FairFileError, fairInUse } from '../shared/fair/fair-file';
import { claimDataFolder, releaseDataFolder, writeRecord } from './data-folder-lock';
import { followClockFile, loadDemoClock } from './demo-clock';
import { SetupError } from './emulators/dynamodb-local';
import { startRawaqRuntime } from './rawaq-runtime';
import type { LocalRuntime } from './runtime';
import { ensureLocalTls, type LocalTls } from './tls/local-authority';

process.env.TZ = 'UTC'; // as on Lambda: the fair's time zone is always explicit in the code

const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const host = process.env.HOST ?? '0.0.0.0';
const started = Date.now();
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);

const httpsPort = Number(process.env.HTTPS_PORT ?? port + 443);
const servesLan = !['127.0.0.1', 'localhost', '::1'].includes(host);

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => address?.address ?? '');
}

/** The names and addresses phones reach this machine by, for its certificate. */
function tlsNames(): { dns: string[]; ips: string[] } {
  const extra = (process.env.RAWAQ_TLS_NAMES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    dns: [...new Set(['localhost', hostname(), `${hostname()}.local`, ...extra])],
    ips: ['127.0.0.1', ...lanAddresses()],
  };
}

function lanSummary(tls: LocalTls | undefined): string {
  if (!tls) return `not served (HOST=${host}); HOST=0.0.0.0 serves phones on the venue's network`;
  const addresses = lanAddresses();
  if (addresses.length === 0) return '(no network interface)';
  return [
    addresses.map((address) => `https://${address}:${httpsPort}`).join('  '),
    '',
    `    Phones       install the local authority once (the camera and offline need HTTPS):`,
    `                 http://${addresses[0]}:${port}/install   fingerprint SHA-256 ${tls.fingerprint}`,
  ].join('\n');
}

let runtime: LocalRuntime | undefined;
let stopping: Promise<void> | undefined;
let signals = 0;

async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    log('stopping: functions, pollers, DynamoDB Local, the SQS/SNS emulator...');
    await runtime?.stop();
    releaseDataFolder(dataDir);
    log('stopped; nothing left running');
  })();
  await stopping;
  process.exit(code);
}

// Ctrl-C reaches npm, tsx and this process at once, and npm may follow with SIGTERM: the first signal
// starts a clean stop and later ones wait for it, unless someone insists (a third), which exits at once
// (the emulators still end: they watch their IPC channel to this process).
function onSignal(): void {
  signals += 1;
  if (signals >= 3) process.exit(130);
  void shutdown(0);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  // The fair's file checked before anything starts: a bad file stops here with every problem listed.
  const { file, fair } = fairInUse();
  claimDataFolder(dataDir);
  // Owner-only: it holds the tables, the organiser's credential and this machine's TLS key.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const lastDay = fair.days.at(-1) ?? new Date().toISOString().slice(0, 10);
  const tls = servesLan
    ? await ensureLocalTls(path.join(dataDir, 'tls'), tlsNames(), hostname(), {
        fairEnds: new Date(`${lastDay}T23:59:59Z`),
        ...(process.env.RAWAQ_AUTHORITY_KEY_DIR ? { keyDir: process.env.RAWAQ_AUTHORITY_KEY_DIR } : {}),
      })
    : undefined;
  const clockFile = path.join(dataDir, 'demo-clock.json');
  const clock = loadDemoClock(clockFile);
  followClockFile(clock, clockFile);
  runtime = await startRawaqRuntime({
    clock,
    dataDir,
    port,
    host,
    serveApi: true,
    startEventSources: true,
    // Each function's DynamoDB calls judged by its role's policy, as on AWS (RAWAQ_CHECK_IAM=0: off).
    checkIam: process.env.RAWAQ_CHECK_IAM !== '0',
    ...(tls ? { lan: { tls, httpsPort } } : {}),
    log,
  });
  writeRecord(dataDir, {
    pid: process.pid,
    apiUrl: runtime.apiUrl,
    dynamodb: runtime.endpoints.dynamodb,
    sqs: runtime.endpoints.sqs,
  });
  const secretArn = runtime.output('FirstOrganiserSecretArn');
  const credential = secretArn ? runtime.vault.get(secretArn) : undefined;
  const credentialFile = path.join(dataDir, 'organiser.credential');
  const base = `http://localhost:${port}`;
  // The first credential may have been revoked since (a screenshot of this terminal went round):
  // then it is neither printed nor left in its file as if it worked.
  const works =
    credential !== undefined &&
    (await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${credential}` } })
      .then((response) => response.status !== 401)
      .catch(() => true));
  if (credential && works) writeFileSync(credentialFile, `${credential}\n`, { mode: 0o600 });
  else rmSync(credentialFile, { force: true });
  const credentialLines = !credential
    ? '(not found)'
    : works
      ? credential
      : 'revoked: sign in with the organiser credential you made to replace it (DELETE /v1/credentials revoked this one)';
  console.log(`
  Rawaq is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

    Fair         ${fair.localNames.en} (${fair.fairId})
                 from ${file}${file === DEMO_FAIR_FILE ? ' (the demo fair; RAWAQ_FAIR=path/to/fair.json for yours)' : ''}

    API          ${base}/v1   (health: ${base}/v1/health)
    Pages        ${base}/   gate ${base}/gate   door ${base}/door   booth ${base}/booth   dashboard ${base}/dashboard
    On the LAN   ${lanSummary(tls)}
    Data         ${dataDir}
    Fair clock   ${clock.isReal ? 'the real date' : `playing the fair's days: it is ${new Date(clock.now()).toISOString()} for the functions${clock.speed === 1 ? '' : `, ${clock.speed} times faster`} (${clockFile}; RAWAQ_DEMO_CLOCK=off for the real date)`}

    Organiser credential (also in ${credentialFile}):
      ${credentialLines}

    Try:  curl -H "Authorization: Bearer $(cat ${credentialFile})" ${base}/v1/occupancy

  Ctrl-C stops everything it started.
`);
} catch (error) {
  if (error instanceof SetupError || error instanceof FairFileError)
    console.error(`\nRawaq could not start: ${error.message}\n`);
  else console.error('\nRawaq could not start:', error);
  await shutdown(1);
}
