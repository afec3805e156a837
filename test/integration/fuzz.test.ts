import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { api, projectionCaughtUp } from '../support/api-client';
import { recordReliability } from '../support/reliability-log';

/**
 * Every route, fed arbitrary bodies, path segments and queries (Arabic and other Unicode, huge and
 * deeply nested values, wrong types): always a 4xx or a 2xx answer in the contract's shape, never a
 * 5xx, and never a changed count. Routes that change things get ids that do not exist, so the fuzz
 * cannot move a real zone or workshop.
 */
const routes: { method: string; path: (segment: string) => string }[] = [
  { method: 'POST', path: () => '/v1/credentials' },
  { method: 'DELETE', path: (s) => `/v1/credentials/${s}` },
  { method: 'POST', path: () => '/v1/tickets' },
  { method: 'POST', path: () => '/v1/tickets/batch' },
  { method: 'GET', path: (s) => `/v1/tickets/${s}` },
  { method: 'GET', path: (s) => `/v1/tickets/${s}/qr.svg` },
  { method: 'POST', path: (s) => `/v1/tickets/${s}/revoke` },
  { method: 'GET', path: (s) => `/v1/revocations?since=${s}` },
  { method: 'POST', path: () => '/v1/scans' },
  { method: 'POST', path: () => '/v1/scans/batch' },
  { method: 'GET', path: (s) => `/v1/gates/stats?day=${s}` },
  { method: 'PATCH', path: (s) => `/v1/zones/fuzz-${s}` },
  { method: 'GET', path: (s) => `/v1/alerts?since=${s}` },
  { method: 'POST', path: (s) => `/v1/alerts/${s}/ack` },
  { method: 'POST', path: () => '/v1/alert-subscriptions' },
  { method: 'POST', path: () => '/v1/workshops' },
  { method: 'PATCH', path: (s) => `/v1/workshops/fuzz-${s}` },
  { method: 'GET', path: (s) => `/v1/workshops/${s}` },
  { method: 'POST', path: (s) => `/v1/workshops/fuzz-${s}/registrations` },
  { method: 'POST', path: (s) => `/v1/workshops/ws-0326-am/admissions?x=${s}` },
  { method: 'POST', path: (s) => `/v1/workshops/ws-0326-pm/exits?x=${s}` },
  { method: 'POST', path: (s) => `/v1/booths/${s}/footfall` },
  { method: 'POST', path: () => '/v1/booths/A100/footfall' },
  { method: 'GET', path: (s) => `/v1/booths/${s}/stats?day=${s}` },
  { method: 'GET', path: (s) => `/v1/booths/stats?day=${s}` },
  { method: 'GET', path: (s) => `/v1/booths/A001/leads?day=${s}&period=${s}` },
  { method: 'GET', path: (s) => `/v1/booths/${s}/leads.csv?lang=${s}` },
  { method: 'PUT', path: (s) => `/v1/booths/A001/leads/${s}` },
  { method: 'GET', path: (s) => `/v1/tickets/${s}/privacy` },
  { method: 'POST', path: (s) => `/v1/tickets/${s}/privacy/withdraw` },
  { method: 'POST', path: (s) => `/v1/tickets/${s}/privacy/erase` },
  { method: 'GET', path: (s) => `/v1/tickets?q=${s}` },
  { method: 'GET', path: () => '/v1/credentials' },
  { method: 'POST', path: () => '/v1/credentials/batch' },
  { method: 'GET', path: () => '/v1/alert-subscriptions' },
  { method: 'DELETE', path: (s) => `/v1/alert-subscriptions/${s}` },
  { method: 'POST', path: (s) => `/v1/alert-subscriptions/${s}/test` },
  { method: 'POST', path: (s) => `/v1/workshops/fuzz-${s}/cancel` },
  { method: 'POST', path: (s) => `/v1/gates/fuzz-${s}/counts` },
  { method: 'GET', path: (s) => `/v1/gates/${s}/counts` },
];

const segment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'مرحبا',
    'الدار-البيضاء',
    '../../etc/passwd',
    '%00',
    '%F0%9F%98%80',
    'A001',
    '2027-03-26',
    ' ',
    "' OR 1=1",
  ),
);
const body = fc.oneof(
  fc.anything({ maxDepth: 4 }),
  fc.json({ maxDepth: 6 }),
  fc.record({
    scanId: fc.uuid(),
    token: fc.string({ unit: 'grapheme' }),
    gateId: segment,
    direction: fc.constantFrom('in', 'out', 'up'),
    scannedAt: fc.string(),
    deviceId: segment,
  }),
  fc.record({
    events: fc.array(
      fc.record({ eventId: fc.uuid(), at: fc.string(), kind: fc.constantFrom('badge', 'count'), in: fc.integer() }),
      { maxLength: 5 },
    ),
  }),
  fc.record({
    category: fc.string(),
    holderName: fc.string({ unit: 'grapheme', maxLength: 3000 }),
    validDays: fc.array(fc.string()),
  }),
  fc.constant('{"unclosed": '),
  fc.constant('x'.repeat(300 * 1024)),
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
);

async function venueCount(): Promise<number> {
  // Everything sent so far projected (a marker scan counted), then read.
  await projectionCaughtUp();
  return (await api<{ venue: { count: number } }>('/v1/occupancy')).body.venue.count;
}

describe('fuzzing every endpoint', () => {
  it('never answers 5xx, always answers errors in the contract shape, and moves no count', async () => {
    const before = await venueCount();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(routes.length - 1),
        segment,
        body,
        fc.boolean(),
        async (index, part, payload, withCredential) => {
          const route = routes[index] as (typeof routes)[number];
          const response = await fetch(`${inject('apiUrl')}${route.path(encodeURIComponent(part))}`, {
            method: route.method,
            headers: {
              'content-type': 'application/json',
              ...(withCredential ? { authorization: `Bearer ${inject('organiserCredential')}` } : {}),
            },
            body:
              route.method === 'GET' || route.method === 'DELETE'
                ? undefined
                : typeof payload === 'string'
                  ? payload
                  : (JSON.stringify(payload) ?? 'null'),
          });
          seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
          expect(response.status, `${route.method} ${route.path(part)}`).toBeLessThan(500);
          if (response.status >= 400) {
            const error = (await response.json()) as {
              error?: { code?: string; message?: string; details?: unknown[] };
            };
            expect(typeof error.error?.code).toBe('string');
            expect(Array.isArray(error.error?.details)).toBe(true);
          } else {
            await response.arrayBuffer();
          }
        },
      ),
      { numRuns: 400 },
    );
    const after = await venueCount();
    const answered = (low: number, high: number) =>
      [...seen].filter(([status]) => status >= low && status < high).reduce((sum, [, n]) => sum + n, 0);
    recordReliability({
      test: 'fuzzing every endpoint',
      // Generated requests that happened to be valid are load, not bad inputs.
      load: `${answered(200, 300)} generated requests that were valid, answered 2xx`,
      faults: [],
      badInputs: answered(400, 500),
      doubleCounts: Math.abs(after - before),
    });
    expect([...seen.keys()].some((status) => status === 400)).toBe(true);
    expect(after).toBe(before);
  });
});
