import { type ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fairMorningOffset } from '../../local/demo-clock';
import { freePort } from '../../local/emulators/free-port';
import { ROOT } from '../../local/template/cloud-assembly';
import { eventually } from '../support/eventually';
import { stretched } from '../support/machine-factor';
import { healthy, startLocal, stopLocal } from '../support/npm-start';
import { recordReliability } from '../support/reliability-log';

/**
 * `npm start` and its engines killed with SIGKILL in the middle of a stream of scans (a power cut),
 * then started again on the same data with no manual step, even though the dead start's pid now
 * belongs to another program: every scan that was answered is still there, the occupancy converges to
 * the tickets inside, and a second start on the same folder is still refused.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'rawaq-crash-'));
let child: ChildProcess | undefined;
let port = 0;

/** The pids of the engines running on this test's data folder. */
function enginesOnThisData(): number[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes(dataDir) && (line.includes('DynamoDBLocal') || line.includes('fauxqs')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

afterAll(async () => {
  await stopLocal(child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash under load', () => {
  it('loses no answered scan, leaves no engine behind, and converges after a restart', async () => {
    port = await freePort();
    child = startLocal(dataDir, port);
    await healthy(port, dataDir);
    const credential = readFileSync(path.join(dataDir, 'organiser.credential'), 'utf8').trim();
    const call = async (route: string, body?: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}${route}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const { body } = await call('/v1/tickets/batch', {
      tickets: Array.from({ length: 200 }, () => ({ category: 'visitor' })),
    });
    const tickets = body.tickets as { ticketId: string; token: string }[];
    const answered = new Map<string, string>();
    let killed = false;
    const load = Promise.all(
      [0, 1, 2, 3].map(async (worker) => {
        for (let i = worker; i < tickets.length && !killed; i += 4) {
          const ticket = tickets[i] as { ticketId: string; token: string };
          const scannedAt = new Date(Date.now() + fairMorningOffset()).toISOString();
          try {
            const answer = await call('/v1/scans', {
              scanId: crypto.randomUUID(),
              token: ticket.token,
              gateId: 'east',
              direction: 'in',
              scannedAt,
              deviceId: 'd',
            });
            if (answer.status === 200) answered.set(ticket.ticketId, String(answer.body.verdict));
          } catch {
            return; // the connection died with the process: not answered, so not promised
          }
        }
      }),
    );
    await eventually('some scans answered', async () => (answered.size >= 40 ? true : undefined), 60_000, 50);
    killed = true;
    // A power cut: every process at once, the engines too, nothing stopped gracefully.
    const engines = enginesOnThisData();
    expect(engines.length).toBeGreaterThanOrEqual(2);
    for (const pid of [child.pid as number, ...engines]) process.kill(pid, 'SIGKILL');
    await load;
    await eventually(
      'every process to be gone',
      async () => (enginesOnThisData().length === 0 ? true : undefined),
      20_000,
      250,
    );
    // After the cut, the dead start's pid has been given to another program (here: this test runner).
    const record = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8'));
    writeFileSync(path.join(dataDir, 'runtime.json'), JSON.stringify({ ...record, pid: process.pid }));

    child = startLocal(dataDir, port);
    await healthy(port, dataDir);
    // A second real start on the same folder is still refused, and leaves the first running.
    const second = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir, HOST: '127.0.0.1' },
      encoding: 'utf8',
      timeout: stretched(60_000),
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/another Rawaq \(pid \d+\) is running/);
    await healthy(port, dataDir);
    const states = new Map<string, Record<string, unknown>>();
    for (const ticket of tickets) states.set(ticket.ticketId, (await call(`/v1/tickets/${ticket.ticketId}`)).body);
    const venue = async () =>
      ((await call('/v1/occupancy')).body.zones as { zoneId: string; count: number }[]).find(
        (zone) => zone.zoneId === 'venue',
      )?.count ?? 0;
    const insideNow = [...states.values()].filter((state) => state.inside).length;
    await eventually(
      'the projection to settle',
      async () => ((await venue()) >= insideNow ? true : undefined),
      30_000,
      250,
    ).catch(() => undefined);
    recordReliability({
      test: 'SIGKILL under load, then restart',
      load: `${answered.size} scans answered before the kill, 4 clients`,
      faults: [
        'npm start and both engines killed with SIGKILL mid-load (a power cut)',
        "the dead start's pid reused by another program",
        'restart on the same data',
      ],
      acknowledgedLost: [...answered.keys()].filter((id) => states.get(id)?.inside !== true).length,
      doubleCounts:
        [...states.values()].filter((state) => Number(state.entries) > 1).length +
        Math.max(0, (await venue()) - insideNow),
    });
    for (const [ticketId, verdict] of answered) {
      expect(verdict).toBe('ADMITTED');
      expect((await call(`/v1/tickets/${ticketId}`)).body, ticketId).toMatchObject({
        inside: true,
        zoneId: 'venue',
        entries: 1,
      });
    }
    let inside = 0;
    for (const ticket of tickets) if ((await call(`/v1/tickets/${ticket.ticketId}`)).body.inside) inside += 1;
    expect(inside).toBeGreaterThanOrEqual(answered.size);
    await eventually(
      'the venue to count everyone inside',
      async () => {
        const occupancy = await call('/v1/occupancy');
        const venue = (occupancy.body.zones as { zoneId: string; count: number }[]).find(
          (zone) => zone.zoneId === 'venue',
        );
        return venue?.count === inside ? true : undefined;
      },
      30_000,
      250,
    );
  });
});
