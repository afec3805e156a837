import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gate } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { judgeScan, type TicketState } from '#shared/domain/scan-rules';
import { ZoneTree } from '#shared/domain/zone-tree';
import { listGates } from '#shared/store/fair-store';
import { getLogRecord, type ScanRecord, scanLog } from '#shared/store/scans-store';
import {
  getTicket,
  hasSeen,
  SEEN_REFUSALS_CAP,
  seenAttribute,
  type TicketRecord,
  ticketReader,
} from '#shared/store/tickets-store';
import { listZones, zoneStore } from '#shared/store/zones-store';
import { type CheckInDeps, checkIn, type ScanInput } from '#shared/use-cases/check-in';
import { api, countingTables, fairNow, issueTicket, localFair } from '../support/api-client';
import { machineFactor } from '../support/machine-factor';

/**
 * The gate scan's round trips, counted on DynamoDB Local: an online entry by a ticket that is outside
 * is written without reading the ticket (one update, conditioned on what the entry assumes); a
 * ticket that is not as assumed is read and judged as before, and however many gates scan it at once,
 * it is let in once.
 */
function countingDeps() {
  const { client, tables, calls } = countingTables();
  const deps = async (): Promise<CheckInDeps> => {
    const { fair, verifier } = await localFair(client, tables.TablesFair as string);
    const zones = await listZones(client, tables.TablesZones as string);
    return {
      stores: {
        scans: scanLog(client, { scans: tables.TablesScans as string, tickets: tables.TablesTickets as string }),
        tickets: ticketReader(client, tables.TablesTickets as string),
        zones: zoneStore(client, tables.TablesZones as string),
      },
      verifier,
      fair,
      tree: new ZoneTree(zones),
      now: () => new Date(fairNow()),
    };
  };
  return { deps, calls, client, tables };
}

const { deps, calls, client, tables } = countingDeps();
const names = {
  scans: tables.TablesScans as string,
  tickets: tables.TablesTickets as string,
  zones: tables.TablesZones as string,
};

/**
 * A scan's record in the log: at once for a transaction's or a refusal's, after the tickets stream's
 * log writer's hop for one a ticket carried.
 */
async function loggedScan(scanId: string): Promise<ScanRecord | undefined> {
  const deadline = Date.now() + 15_000 * machineFactor();
  for (;;) {
    const logged = await getLogRecord<ScanRecord>(client, names.scans, scanId);
    if (logged || Date.now() > deadline) return logged;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function gate(gateId: string): Promise<Gate> {
  const gates = await listGates(client, tables.TablesFair as string);
  const found = gates.find((candidate) => candidate.gateId === gateId);
  if (!found) throw new Error(`no gate ${gateId}`);
  return found;
}

const entry = (token: string, deviceId = 'gate-phone-1'): ScanInput => ({
  scanId: crypto.randomUUID(),
  token,
  gateId: 'main',
  direction: 'in',
  scannedAt: fairNow(),
  deviceId,
});

describe('a gate scan on the engine', () => {
  it('admits a ticket that is outside with one update of the ticket, carrying its scan, and no read of it', async () => {
    const ready = await deps();
    const main = await gate('main');
    const ticket = await issueTicket();
    calls.length = 0;
    const answer = await checkIn(ready, main, entry(ticket.token), false);
    expect(answer).toMatchObject({ verdict: 'ADMITTED', ticketId: ticket.ticketId, category: 'visitor' });
    expect(calls.filter((call) => call.table === names.tickets).map((call) => call.command)).toEqual([
      'UpdateItemCommand',
    ]);
    // No transaction and no write to the log: the tickets stream's log writer puts the record there.
    expect(calls.filter((call) => call.command === 'TransactWriteItemsCommand' || call.table === names.scans)).toEqual(
      [],
    );
    // The rest are the reads of the zones the entry raises, sent at once: ZONE_FULL is judged fresh.
    const rest = calls.filter((call) => call.table !== names.tickets);
    expect(rest.map((call) => call.table)).toEqual(rest.map(() => names.zones));
    const stored = await getTicket(client, names.tickets, ticket.ticketId);
    expect(stored).toMatchObject({ inside: true, zoneId: main.zoneId, entries: 1, lastDeviceId: 'gate-phone-1' });
    expect(stored?.version).toBe(1);
    expect(stored?.carriedScan).toMatchObject({ scanId: answer.scanId, verdict: 'ADMITTED', deltas: { venue: 1 } });
    expect(await loggedScan(answer.scanId)).toMatchObject({ verdict: 'ADMITTED', ticketId: ticket.ticketId });
  });

  it('reads and judges a ticket that is not as an unread entry assumes', async () => {
    const ready = await deps();
    const main = await gate('main');
    const noted = await issueTicket({ category: 'vip', attentionNote: 'wheelchair: use the ramp door' });
    calls.length = 0;
    expect(await checkIn(ready, main, entry(noted.token), false)).toMatchObject({
      verdict: 'ADMITTED',
      attention: 'wheelchair: use the ramp door',
    });
    // The unread entry's update refused, returning the ticket as it stands: judged on that, no read,
    // and moved with its record in one transaction.
    expect(calls.filter((call) => call.table === names.tickets).map((call) => call.command)).toEqual([
      'UpdateItemCommand',
    ]);
    expect(calls.filter((call) => call.command === 'TransactWriteItemsCommand')).toHaveLength(1);
    calls.length = 0;
    expect((await checkIn(ready, main, entry(noted.token), false)).verdict).toBe('ALREADY_INSIDE');
    // A refusal: the zones, the refused update, the refusal's record with its id marked on the ticket.
    // Three requests.
    expect(calls.map((call) => call.command)).toEqual([
      'BatchGetItemCommand',
      'UpdateItemCommand',
      'TransactWriteItemsCommand',
    ]);

    const revoked = await issueTicket();
    expect((await api(`/v1/tickets/${revoked.ticketId}/revoke`, { method: 'POST' })).status).toBe(200);
    expect((await checkIn(ready, main, entry(revoked.token), false)).verdict).toBe('REVOKED');

    const otherDay = await issueTicket({ category: 'visitor', validDays: [ready.fair.days.at(-1) as string] });
    expect((await checkIn(ready, main, entry(otherDay.token), false)).verdict).toBe('NOT_VALID_TODAY');
    for (const id of [noted.ticketId, revoked.ticketId, otherDay.ticketId]) {
      const stored = await getTicket(client, names.tickets, id);
      expect(stored?.entries).toBe(id === noted.ticketId ? 1 : 0);
    }
  });

  it('answers a resent scan as the first time, without moving the ticket again', async () => {
    const ready = await deps();
    const main = await gate('main');
    const ticket = await issueTicket();
    const input = entry(ticket.token);
    expect((await checkIn(ready, main, input, false)).verdict).toBe('ADMITTED');
    expect(await checkIn(ready, main, input, false)).toMatchObject({ verdict: 'ADMITTED', replayed: true });
    expect((await getTicket(client, names.tickets, ticket.ticketId))?.entries).toBe(1);
  });

  it('answers a scan sent again after the ticket moved on, online or in a batch, without moving it', async () => {
    const ready = await deps();
    const main = await gate('main');
    const ticket = await issueTicket();
    const first = entry(ticket.token);
    const out: ScanInput = { ...entry(ticket.token), direction: 'out' };
    expect((await checkIn(ready, main, first, false)).verdict).toBe('ADMITTED');
    // A second entry while inside: refused on the ticket read, and marked on it as seen.
    const twice = entry(ticket.token);
    expect((await checkIn(ready, main, twice, false)).verdict).toBe('ALREADY_INSIDE');
    expect((await checkIn(ready, main, out, false)).verdict).toBe('EXITED');
    // Sent again once the ticket is outside, as an unread entry assumes: still the refusal it was.
    expect(await checkIn(ready, main, twice, false)).toMatchObject({ verdict: 'ALREADY_INSIDE', replayed: true });
    // Outside again, as the entry assumes: its id, seen on the ticket, keeps it from moving it twice.
    expect(await checkIn(ready, main, first, false)).toMatchObject({ verdict: 'ADMITTED', replayed: true });
    // The exit, sent again at once from a device's offline queue: carried on the ticket, perhaps not
    // yet in the log, and answered as it was rather than judged NOT_INSIDE and logged a second time.
    expect(await checkIn(ready, main, out, true)).toMatchObject({ verdict: 'EXITED', replayed: true });
    expect(await getTicket(client, names.tickets, ticket.ticketId)).toMatchObject({ inside: false, entries: 1 });
    expect(await loggedScan(first.scanId)).toMatchObject({ verdict: 'ADMITTED', direction: 'in' });
    expect(await loggedScan(out.scanId)).toMatchObject({ verdict: 'EXITED', direction: 'out' });
  });

  it("stops marking refusals on a ticket whose day's set is full, and logs them alone", async () => {
    const ready = await deps();
    const main = await gate('main');
    const ticket = await issueTicket();
    const first = entry(ticket.token);
    expect((await checkIn(ready, main, first, false)).verdict).toBe('ADMITTED');
    const day = (await loggedScan(first.scanId))?.day as string;
    // The set one short of the cap, as a credential resending refusals with new ids would leave it.
    const filler = Array.from({ length: SEEN_REFUSALS_CAP - 2 }, (_, index) => `filler-${index}`);
    await client.send(
      new UpdateCommand({
        TableName: names.tickets,
        Key: { ticketId: ticket.ticketId },
        UpdateExpression: 'ADD #seen :hashes',
        ExpressionAttributeNames: { '#seen': seenAttribute(day) },
        ExpressionAttributeValues: { ':hashes': new Set(filler) },
      }),
    );
    const last = entry(ticket.token);
    const past = entry(ticket.token);
    expect((await checkIn(ready, main, last, false)).verdict).toBe('ALREADY_INSIDE');
    expect((await checkIn(ready, main, past, false)).verdict).toBe('ALREADY_INSIDE');
    const stored = (await getTicket(client, names.tickets, ticket.ticketId)) as TicketRecord;
    expect((stored as unknown as Record<string, Set<string>>)[seenAttribute(day)]?.size).toBe(SEEN_REFUSALS_CAP);
    expect(hasSeen(stored, last.scanId, day)).toBe(true);
    expect(hasSeen(stored, past.scanId, day)).toBe(false);
    // Both refusals are in the log, the one past the cap too, and the ticket still moves.
    expect(await loggedScan(last.scanId)).toMatchObject({ verdict: 'ALREADY_INSIDE' });
    expect(await loggedScan(past.scanId)).toMatchObject({ verdict: 'ALREADY_INSIDE' });
    expect((await checkIn(ready, main, { ...entry(ticket.token), direction: 'out' }, false)).verdict).toBe('EXITED');
  });

  it('lets a ticket in once however many gate phones scan it at the same moment', async () => {
    const ready = await deps();
    const gates = await Promise.all(['main', 'east'].map(gate));
    for (let round = 0; round < 5; round += 1) {
      const ticket = await issueTicket();
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          checkIn(
            ready,
            gates[index % 2] as Gate,
            { ...entry(ticket.token, `phone-${index}`), gateId: (gates[index % 2] as Gate).gateId },
            false,
          ),
        ),
      );
      const verdicts = answers.map((answer) => answer.verdict).sort();
      expect(verdicts.filter((verdict) => verdict === 'ADMITTED')).toHaveLength(1);
      expect(verdicts.filter((verdict) => verdict !== 'ADMITTED')).toEqual(Array(7).fill('ALREADY_INSIDE'));
      const stored = await getTicket(client, names.tickets, ticket.ticketId);
      expect(stored).toMatchObject({ inside: true, entries: 1 });
    }
  });

  it('lets out a ticket that came in by an entrance with one update, and judges one that moved on what its refusal returns', async () => {
    const ready = await deps();
    const [main, east, seminar] = (await Promise.all(['main', 'east', 'seminar'].map(gate))) as [Gate, Gate, Gate];
    const exit = (token: string, at: Gate): ScanInput => ({ ...entry(token), gateId: at.gateId, direction: 'out' });

    const ticket = await issueTicket();
    expect((await checkIn(ready, main, entry(ticket.token), false)).verdict).toBe('ADMITTED');
    calls.length = 0;
    expect(await checkIn(ready, east, exit(ticket.token, east), false)).toMatchObject({ verdict: 'EXITED' });
    expect(calls.map((call) => call.command)).toEqual(['UpdateItemCommand']);
    expect(await getTicket(client, names.tickets, ticket.ticketId)).toMatchObject({
      inside: false,
      entries: 1,
      counted: [],
    });

    // Into the seminar hall and out by the main entrance: not as assumed, so read, and let out of both.
    const mover = await issueTicket();
    expect((await checkIn(ready, main, entry(mover.token), false)).verdict).toBe('ADMITTED');
    expect((await checkIn(ready, seminar, { ...entry(mover.token), gateId: 'seminar' }, false)).verdict).toBe(
      'ADMITTED',
    );
    calls.length = 0;
    expect(await checkIn(ready, main, exit(mover.token, main), false)).toMatchObject({ verdict: 'EXITED' });
    expect(calls.map((call) => call.command)).toEqual(['UpdateItemCommand', 'TransactWriteItemsCommand']);
    expect((await getTicket(client, names.tickets, mover.ticketId))?.inside).toBe(false);

    // Revoked while inside: let out all the same, and told why it would not come back in.
    const revoked = await issueTicket();
    expect((await checkIn(ready, main, entry(revoked.token), false)).verdict).toBe('ADMITTED');
    expect((await api(`/v1/tickets/${revoked.ticketId}/revoke`, { method: 'POST' })).status).toBe(200);
    expect(await checkIn(ready, main, exit(revoked.token, main), false)).toMatchObject({
      verdict: 'EXITED',
      reason: 'REVOKED',
    });
    expect((await checkIn(ready, main, exit(ticket.token, main), false)).verdict).toBe('NOT_INSIDE');
  });

  it('lets a ticket out once however many gate phones scan it leaving at the same moment', async () => {
    const ready = await deps();
    const main = await gate('main');
    const ticket = await issueTicket();
    expect((await checkIn(ready, main, entry(ticket.token), false)).verdict).toBe('ADMITTED');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        checkIn(ready, main, { ...entry(ticket.token, `phone-${index}`), direction: 'out' }, false),
      ),
    );
    const verdicts = answers.map((answer) => answer.verdict).sort();
    expect(verdicts).toEqual(['EXITED', ...Array(7).fill('NOT_INSIDE')]);
    expect(await getTicket(client, names.tickets, ticket.ticketId)).toMatchObject({
      inside: false,
      entries: 1,
    });
  });

  it('gives the verdicts and presence the gate rules give, read or unread, over random walks', async () => {
    const ready = await deps();
    const gates = new Map((await Promise.all(['main', 'east', 'seminar'].map(gate))).map((g) => [g.gateId, g]));
    const zoneIds = ['venue', 'hall-a', 'seminar-hall'];
    const before = new Map<string, number>();
    for (const zone of (await api<{ zones: { zoneId: string; capacity: number }[] }>('/v1/occupancy')).body.zones)
      if (zoneIds.includes(zone.zoneId)) before.set(zone.zoneId, zone.capacity);
    // Room enough that ZONE_FULL never decides (it has its own tests): the walk is about presence.
    for (const zoneId of zoneIds) await api(`/v1/zones/${zoneId}`, { method: 'PATCH', body: { capacity: 100_000 } });
    try {
      const step = fc.record({
        gateId: fc.constantFrom('main', 'east', 'seminar'),
        direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
        // Any scan sent before, again, online or from an offline queue, often before the log has it.
        resend: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 2 },
          { arbitrary: fc.record({ pick: fc.nat(), offline: fc.boolean() }), weight: 1 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 8 }), async (noted, steps) => {
          const ticket = await issueTicket({
            category: 'visitor',
            ...(noted ? { attentionNote: 'see the desk' } : {}),
          });
          const day = fairDay(ready.now(), zoneOf(ready.fair));
          let model: TicketState = {
            revoked: false,
            validDays: ready.fair.days,
            presence: { inside: false, entries: 0 },
          };
          const sent: { input: ScanInput; verdict: string; deltas: Record<string, number> }[] = [];
          for (const { gateId, direction, resend } of steps) {
            const again = resend ? sent[resend.pick % Math.max(1, sent.length)] : undefined;
            if (resend && again) {
              const at = gates.get(again.input.gateId) as Gate;
              expect(await checkIn(ready, at, again.input, resend.offline)).toMatchObject({
                verdict: again.verdict,
                replayed: true,
              });
              continue;
            }
            const at = gates.get(gateId) as Gate;
            const input: ScanInput = { ...entry(ticket.token), gateId, direction };
            const judged = judgeScan(model, {
              gate: at,
              direction,
              day,
              tree: ready.tree,
              access: { open: true, gateAllowed: true, oncePerDay: false },
              isFull: () => false,
              deviceId: input.deviceId,
              offline: false,
            });
            const answer = await checkIn(ready, at, input, false);
            expect(answer.verdict).toBe(judged.verdict);
            expect(answer.attention).toBe(noted ? 'see the desk' : undefined);
            if (judged.next) model = { ...model, presence: judged.next };
            sent.push({ input, verdict: answer.verdict, deltas: judged.deltas });
          }
          // And the counts each scan moves, which the projection adds up: logged once, as judged.
          for (const { input, deltas } of sent) expect((await loggedScan(input.scanId))?.deltas).toEqual(deltas);
          const stored = await getTicket(client, names.tickets, ticket.ticketId);
          expect({ inside: stored?.inside, entries: stored?.entries }).toEqual({
            inside: model.presence.inside,
            entries: model.presence.entries,
          });
          if (model.presence.inside)
            expect({ zoneId: stored?.zoneId, counted: stored?.counted }).toEqual({
              zoneId: model.presence.zoneId,
              counted: model.presence.counted,
            });
        }),
        { numRuns: 25 },
      );
    } finally {
      for (const [zoneId, capacity] of before)
        await api(`/v1/zones/${zoneId}`, { method: 'PATCH', body: { capacity } });
    }
  });
});
