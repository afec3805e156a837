import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { OPERATIONS, routeKeyOf } from '../../shared/contract/operations';
import { api, projectionCaughtUp } from '../support/api-client';
import { recordReliability } from '../support/reliability-log';

/**
 * Every operation of the contract (shared/contract/operations.ts, the table the stack routes from),
 * fed arbitrary bodies, path segments and queries (Arabic and other Unicode, huge and deeply nested
 * values, wrong types): always a 4xx or a 2xx answer in the contract's shape, never a 5xx, and never
 * a changed count. A route that changes things gets ids that do not exist (`fuzz-…`), so the fuzz
 * cannot close a real day, cancel a real workshop or move a real zone; the few below take a real one
 * on purpose, where no body the fuzz can make would be accepted (a door scan needs a signed ticket,
 * footfall and a lead answer their own schemas).
 */
const REAL_TARGETS: Record<string, Record<string, string>> = {
  'POST /v1/workshops/{workshopId}/admissions': { workshopId: 'ws-0326-am' },
  'POST /v1/workshops/{workshopId}/exits': { workshopId: 'ws-0326-pm' },
  'POST /v1/booths/{boothId}/footfall': { boothId: 'A100' },
  'PUT /v1/booths/{boothId}/leads/{ticketId}': { boothId: 'A001' },
};

const routes: { method: string; path: (segment: string) => string }[] = OPERATIONS.map((operation) => {
  const method = operation.method.toUpperCase();
  const real = REAL_TARGETS[routeKeyOf(operation)] ?? {};
  // A read may name anything; a write names nothing that exists, unless listed above.
  const fill = (name: string, segment: string) => real[name] ?? (method === 'GET' ? segment : `fuzz-${segment}`);
  const firstQuery = operation.query ? Object.keys(operation.query.shape)[0] : undefined;
  return {
    method,
    path: (segment) =>
      operation.path.replace(/\{(\w+)\}/g, (_, name: string) => fill(name, segment)) +
      (firstQuery ? `?${firstQuery}=${segment}` : ''),
  };
});

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
    // Every real target named is an operation of the contract (a renamed route would be fuzzed blind).
    const operations = OPERATIONS.map(routeKeyOf);
    expect(Object.keys(REAL_TARGETS).filter((key) => !operations.includes(key))).toEqual([]);
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
      { numRuns: 800 },
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
