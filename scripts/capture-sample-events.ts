/**
 * `npm run samples`: regenerates events/samples/*.json for the stream, queue and schedule triggers
 * from a real run of the local stack (each the first event its function received), so the samples
 * are what the functions really get. HTTP samples are written by hand (they carry no credentials).
 */

import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DemoClock, fairMorningOffset } from '../local/demo-clock';
import { startInMemoryRuntime } from '../local/rawaq-runtime';
import { ROOT } from '../local/template/cloud-assembly';

const wanted: Record<string, string> = {
  'occupancy-projector': 'occupancy-projector.stream.json',
  'alert-evaluator': 'alert-evaluator.stream.json',
  'waitlist-promoter': 'waitlist-promoter.stream.json',
  'alert-webhook': 'alert-webhook.sqs.json',
  'footfall-aggregator': 'footfall-aggregator.sqs.json',
  reconcile: 'reconcile.schedule.json',
};
process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS = '1';
const offset = fairMorningOffset();
const { runtime } = await startInMemoryRuntime({ startEventSources: true, clock: DemoClock.offset(offset) });
const captured = new Map<string, unknown>();
runtime.pool.setInterceptor(async (name, event) => {
  if (wanted[name] && !captured.has(name)) captured.set(name, event);
  return 'continue';
});
const credential = runtime.vault.get(runtime.output('FirstOrganiserSecretArn') ?? '') ?? '';
const call = async (route: string, body?: unknown, method?: string) =>
  (
    await fetch(`${runtime.apiUrl}${route}`, {
      method: method ?? (body ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    })
  ).json() as Promise<Record<string, string>>;
try {
  const now = new Date(Date.now() + offset).toISOString();
  await call('/v1/alert-subscriptions', { kind: 'webhook', url: 'http://127.0.0.1:9/alerts' });
  await call('/v1/zones/room-1', { capacity: 1 }, 'PATCH');
  const ticket = await call('/v1/tickets', { category: 'visitor' });
  await call('/v1/scans', {
    scanId: crypto.randomUUID(),
    token: ticket.token,
    gateId: 'room-1',
    direction: 'in',
    scannedAt: now,
    deviceId: 'gate-phone-1',
  });
  await call('/v1/booths/A001/footfall', {
    events: [
      { eventId: crypto.randomUUID(), at: now, kind: 'badge', token: ticket.token },
      { eventId: crypto.randomUUID(), at: now, kind: 'count', in: 3 },
    ],
  });
  await call('/v1/workshops/ws-0326-am/registrations', { token: ticket.token });
  await runtime.runSchedule(runtime.topology.functions.find((fn) => fn.name === 'reconcile')?.logicalId ?? '');
  for (let waited = 0; captured.size < Object.keys(wanted).length && waited < 20_000; waited += 250)
    await new Promise((r) => setTimeout(r, 250));
  for (const [name, event] of captured)
    writeFileSync(path.join(ROOT, 'events', 'samples', wanted[name] as string), `${JSON.stringify(event, null, 2)}\n`);
  console.log(
    `captured: ${[...captured.keys()].join(', ')}; missing: ${
      Object.keys(wanted)
        .filter((n) => !captured.has(n))
        .join(', ') || 'none'
    }`,
  );
} finally {
  await runtime.stop();
}
