import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoClock, fairMorningOffset } from '../../local/demo-clock';
import { freePort } from '../../local/emulators/free-port';
import { startRawaqRuntime } from '../../local/rawaq-runtime';
import type { LocalRuntime } from '../../local/runtime';
import { ensureLocalTls, type LocalTls } from '../../local/tls/local-authority';
import { CHROMIUM } from '../support/browser';
import { recordReliability } from '../support/reliability-log';

/**
 * `npm start` on the venue's network, as a stranger on the Wi-Fi and as a steward's phone would find it:
 * the engines (no authentication of their own) cannot be reached through any address of this machine
 * but loopback; the API and the pages are served over HTTPS with a certificate from the data folder's
 * local authority; plain HTTP on the network offers only the authority's install page and sends the
 * rest to HTTPS. In Chromium, with the authority trusted (an NSS database, as a phone that installed it)
 * and the page opened under a name that is not localhost, the page is a secure context: the camera is
 * offered and the service worker registers. Without the authority the browser refuses the page.
 */
const work = mkdtempSync(path.join(tmpdir(), 'rawaq-lan-'));
let runtime: LocalRuntime;
let tls: LocalTls;
let port = 0;
let httpsPort = 0;
const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address?.family === 'IPv4' && !address.internal)
  .map((address) => address?.address ?? '');

/** Whether a TCP connection to host:port opens (true), or is refused or times out (false). */
function opens(host: string, targetPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port: targetPort, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** The local addresses the kernel's listening TCP sockets on `targetPort` are bound to (Linux). */
function listeningOn(targetPort: number): string[] {
  const hex = targetPort.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hex}`)) addresses.push(local.split(':')[0] ?? '');
    }
  }
  return addresses;
}
const LOOPBACK_HEX = ['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000'];

function httpsGet(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ...(ca ? { ca } : {}), servername: new URL(url).hostname }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  port = await freePort();
  httpsPort = await freePort();
  tls = await ensureLocalTls(
    path.join(work, 'tls'),
    { dns: ['localhost', 'rawaq.test'], ips: ['127.0.0.1', ...lanAddresses] },
    'test machine',
  );
  runtime = await startRawaqRuntime({
    dataDir: undefined,
    port,
    host: '0.0.0.0',
    serveApi: true,
    startEventSources: false,
    clock: DemoClock.offset(fairMorningOffset('11:00')),
    lan: { tls, httpsPort },
    log: () => undefined,
  });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('npm start on the venue network', () => {
  it('lets nobody on the network reach the engines, only the API over HTTPS', async () => {
    expect(lanAddresses.length, 'this machine needs a network address to prove it').toBeGreaterThan(0);
    const engines = [runtime.endpoints.dynamodb, runtime.endpoints.sqs].map((endpoint) =>
      Number(new URL(endpoint).port),
    );
    const reached: string[] = [];
    for (const address of lanAddresses) {
      for (const enginePort of engines) if (await opens(address, enginePort)) reached.push(`${address}:${enginePort}`);
      // The API is meant to be reached from the network.
      expect(await opens(address, httpsPort)).toBe(true);
    }
    for (const enginePort of engines) {
      // Reachable here, and bound to loopback only, whatever addresses this machine may get later.
      expect(await opens('127.0.0.1', enginePort)).toBe(true);
      const bound = listeningOn(enginePort);
      expect(bound.length).toBeGreaterThan(0);
      for (const address of bound) expect(LOOPBACK_HEX).toContain(address);
    }
    recordReliability({
      test: 'engines on the venue network',
      load: `${lanAddresses.length} network address(es) of this machine tried`,
      faults: ['a stranger on the Wi-Fi connecting to DynamoDB Local and the SQS/SNS emulator'],
      acknowledgedLost: 0,
      doubleCounts: 0,
      exposed: reached.length,
    });
    expect(reached).toEqual([]);
    const address = lanAddresses[0] as string;
    expect(await httpsGet(`https://${address}:${httpsPort}/v1/health`, tls.authorityPem)).toMatchObject({
      status: 200,
    });
  });

  it('offers only the install page on plain HTTP from the network, and sends the rest to HTTPS', async () => {
    const address = lanAddresses[0] as string;
    const page = await fetch(`http://${address}:${port}/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(tls.fingerprint);
    expect(html).toContain('lang="ar"');
    const authority = await fetch(`http://${address}:${port}/rawaq-authority.crt`);
    expect(authority.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    const gate = await fetch(`http://${address}:${port}/gate`, { redirect: 'manual' });
    expect(gate.status).toBe(308);
    expect(gate.headers.get('location')).toBe(`https://${address}:${httpsPort}/gate`);
    const api = await fetch(`http://${address}:${port}/v1/fair`, { redirect: 'manual' });
    expect(api.status).toBe(308);
    // This machine itself still gets everything on plain HTTP (localhost is a secure context).
    expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).status).toBe(200);
  });

  it('is a secure context in Chromium once the authority is trusted: camera offered, service worker registered', async () => {
    const home = path.join(work, 'phone-home');
    const nss = path.join(home, '.pki', 'nssdb');
    mkdirSync(nss, { recursive: true });
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', [
      '-A',
      '-d',
      `sql:${nss}`,
      '-n',
      'Rawaq local authority',
      '-t',
      'C,,',
      '-i',
      tls.authorityFile,
    ]);
    const launch = (withHome: string) =>
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        env: { ...process.env, HOME: withHome },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
          '--host-resolver-rules=MAP rawaq.test 127.0.0.1',
          '--use-fake-device-for-media-stream',
        ],
      });
    const url = `https://rawaq.test:${httpsPort}/gate`;
    const untrusting = await launch(path.join(work, 'stranger-home'));
    try {
      const page = await (await untrusting.newContext()).newPage();
      await expect(page.goto(url)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
    }
    const browser = await launch(home);
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      const secure = await page.evaluate(async () => ({
        secureContext: window.isSecureContext,
        camera: typeof navigator.mediaDevices?.getUserMedia === 'function',
        cameraPermission: (await navigator.permissions.query({ name: 'camera' as PermissionName })).state,
        worker: Boolean(
          await Promise.race([
            navigator.serviceWorker.ready.then((registration) => registration.active),
            new Promise((resolve) => setTimeout(() => resolve(undefined), 10_000)),
          ]),
        ),
      }));
      expect(secure).toEqual({ secureContext: true, camera: true, cameraPermission: 'prompt', worker: true });
    } finally {
      await browser.close();
    }
  });
});
