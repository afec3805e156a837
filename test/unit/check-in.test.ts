import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gate } from '#shared/domain/fair';
import { zonedIso, zoneOf } from '#shared/domain/fair-time';
import { ZoneTree } from '#shared/domain/zone-tree';
import { demoFair } from '#shared/fair/demo-fair';
import { fairMetaOf } from '#shared/store/fair-store';
import { type CheckInDeps, checkIn, type ScanInput } from '#shared/use-cases/check-in';
import { FakeStores, fakeVerifier } from '../support/fake-stores';

/**
 * The gate scan's orchestration on in-memory stores: what it reads, what it writes and what it does
 * when a write is refused, in milliseconds. `test/integration/check-in.test.ts` holds the real stores
 * on DynamoDB Local to the same path (its request counts, its races).
 */
const day = '2027-03-27';
const at = new Date(zonedIso(day, '11:00', zoneOf(demoFair)));
const main = demoFair.gates.find((gate) => gate.gateId === 'main') as Gate;

function setUp(live: { venueCount?: number } = {}) {
  const fake = new FakeStores();
  fake.addZones(demoFair.zones);
  if (live.venueCount !== undefined) {
    const venue = fake.zones.get('venue');
    if (venue) Object.assign(venue, { day, ticketed: live.venueCount, count: live.venueCount });
  }
  // Each request gets its own deps, as the handler builds them (the zones read are kept per request).
  const deps = (): CheckInDeps => ({
    stores: fake.stores(),
    verifier: fakeVerifier,
    fair: fairMetaOf(demoFair),
    tree: new ZoneTree(demoFair.zones),
    now: () => at,
  });
  const ticket = fake.addTicket({ ticketId: 'T1', validDays: [day] });
  const token = `ticket:${ticket.ticketId}:visitor:${demoFair.fairId}`;
  const scan = (direction: 'in' | 'out', overrides: Partial<ScanInput> = {}): ScanInput => ({
    scanId: crypto.randomUUID(),
    token,
    gateId: 'main',
    direction,
    scannedAt: at.toISOString(),
    deviceId: 'gate-phone-1',
    ...overrides,
  });
  const run = async (input: ScanInput) => {
    fake.calls.length = 0;
    return checkIn(deps(), main, input, false);
  };
  return { fake, run, scan, token };
}

describe('a gate scan, orchestrated (in-memory stores)', () => {
  it('admits a ticket that is outside with one write and no read of the ticket', async () => {
    const { fake, run, scan } = setUp();
    const answer = await run(scan('in'));
    expect(answer).toMatchObject({ verdict: 'ADMITTED', ticketId: 'T1', zoneId: 'venue' });
    expect(fake.calls).toEqual(['zones.read', 'scans.record']);
    expect(fake.tickets.get('T1')).toMatchObject({ inside: true, zoneId: 'venue', entries: 1, version: 1 });
  });

  it('lets a ticket out with one write and no read at all', async () => {
    const { fake, run, scan } = setUp();
    await run(scan('in'));
    const answer = await run(scan('out'));
    expect(answer.verdict).toBe('EXITED');
    expect(fake.calls).toEqual(['scans.record']);
    expect(fake.tickets.get('T1')).toMatchObject({ inside: false, entries: 1, version: 2 });
  });

  it('answers a scan sent again with its first answer, marked replayed, and moves nothing', async () => {
    const { fake, run, scan } = setUp();
    const entry = scan('in');
    const first = await run(entry);
    const again = await run(entry);
    expect(again).toEqual({ ...first, replayed: true });
    expect(fake.scans.size).toBe(1);
    expect(fake.tickets.get('T1')).toMatchObject({ entries: 1, version: 1 });
  });

  it('judges a refused unread entry on the ticket the write returned, without reading it', async () => {
    const { fake, run, scan } = setUp();
    await run(scan('in'));
    const twice = await run(scan('in'));
    expect(twice.verdict).toBe('ALREADY_INSIDE');
    // The second write logs the refusal; the zones read once for both judgements.
    expect(fake.calls).toEqual(['zones.read', 'scans.record', 'scans.record']);
    const revoked = fake.tickets.get('T1');
    if (revoked) Object.assign(revoked, { revoked: true, inside: false });
    const refused = await run(scan('in'));
    expect(refused.verdict).toBe('REVOKED');
    expect(fake.calls).not.toContain('tickets.get');
  });

  it('shows a named ticket’s holder: the unread write does not hold, the ticket is written on its version', async () => {
    const { fake, run, scan } = setUp();
    Object.assign(fake.tickets.get('T1') ?? {}, { holderName: 'Amina B.' });
    const answer = await run(scan('in'));
    expect(answer).toMatchObject({ verdict: 'ADMITTED', holderName: 'Amina B.' });
    expect(fake.calls).toEqual(['zones.read', 'scans.record', 'scans.record']);
    expect(fake.tickets.get('T1')).toMatchObject({ inside: true, version: 1, entries: 1 });
  });

  it('refuses a token it cannot trust, and a signed ticket the fair never stored, logging each', async () => {
    const { fake, run, scan } = setUp();
    const forged = await run(scan('in', { token: 'not-a-ticket' }));
    expect(forged.verdict).toBe('INVALID_TOKEN');
    expect(fake.calls).toEqual(['scans.record']);
    const unknown = await run(scan('in', { token: `ticket:T404:visitor:${demoFair.fairId}` }));
    expect(unknown).toMatchObject({ verdict: 'INVALID_TOKEN' });
    expect(fake.calls).not.toContain('tickets.get');
    expect([...fake.scans.values()].map((record) => record.verdict)).toEqual(['INVALID_TOKEN', 'INVALID_TOKEN']);
    const wrongFair = await run(scan('in', { token: 'ticket:T1:visitor:another-fair' }));
    expect(wrongFair.verdict).toBe('WRONG_FAIR');
  });

  it('refuses an entry into a full zone and leaves the ticket outside', async () => {
    const capacity = demoFair.zones.find((zone) => zone.zoneId === 'venue')?.capacity ?? 0;
    const { fake, run, scan } = setUp({ venueCount: capacity });
    const answer = await run(scan('in'));
    expect(answer.verdict).toBe('ZONE_FULL');
    expect(fake.tickets.get('T1')).toMatchObject({ inside: false, version: 0 });
  });

  it('after a lost race reads the ticket and judges again; another gate’s entry first makes it ALREADY_INSIDE', async () => {
    const { fake, run, scan } = setUp();
    fake.conflicts = 1;
    const admitted = await run(scan('in'));
    expect(admitted.verdict).toBe('ADMITTED');
    expect(fake.calls).toEqual(['zones.read', 'scans.record', 'tickets.get', 'scans.record']);
    const exited = await run(scan('out'));
    expect(exited.verdict).toBe('EXITED');
    fake.race((ticket) => Object.assign(ticket, { inside: true, zoneId: 'venue', insideDay: day, version: 9 }));
    const beaten = await run(scan('in'));
    expect(beaten.verdict).toBe('ALREADY_INSIDE');
    expect(fake.tickets.get('T1')?.version).toBe(9);
  });

  it('gives up, writing nothing, when the ticket keeps changing under every attempt', async () => {
    const { fake, run, scan } = setUp();
    fake.conflicts = 100;
    await expect(run(scan('in'))).rejects.toThrow(/kept changing/);
    expect(fake.scans.size).toBe(0);
    expect(fake.tickets.get('T1')).toMatchObject({ inside: false, version: 0 });
  });

  it('whatever the order of entries, exits, resends and lost races: one move per answer, counted once', async () => {
    type Step = { kind: 'in' | 'out' | 'again'; conflicts: number };
    const step = fc.record({
      kind: fc.constantFrom<Step['kind']>('in', 'out', 'again'),
      conflicts: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const { fake, run, scan } = setUp();
        const sent: ScanInput[] = [];
        const answers = new Map<string, string>();
        let inside = false;
        let entries = 0;
        for (const { kind, conflicts } of steps) {
          const input =
            kind === 'again' && sent.length > 0 ? (sent.at(-1) as ScanInput) : scan(kind === 'out' ? 'out' : 'in');
          fake.conflicts = conflicts;
          const answer = await run(input);
          const first = answers.get(input.scanId);
          if (first) {
            // A resend answers as the first time and moves nothing.
            expect(answer.replayed).toBe(true);
            expect(answer.verdict).toBe(first);
            continue;
          }
          answers.set(input.scanId, answer.verdict);
          sent.push(input);
          if (answer.verdict === 'ADMITTED') {
            expect(inside).toBe(false);
            inside = true;
            entries += 1;
          } else if (answer.verdict === 'EXITED') {
            expect(inside).toBe(true);
            inside = false;
          } else expect(answer.verdict).toBe(input.direction === 'in' ? 'ALREADY_INSIDE' : 'NOT_INSIDE');
        }
        expect(fake.tickets.get('T1')).toMatchObject({ inside, entries });
        expect(fake.scans.size).toBe(answers.size);
      }),
      { numRuns: 200 },
    );
  });
});
