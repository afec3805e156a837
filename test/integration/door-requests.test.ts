import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { logKey } from '#shared/store/scans-store';
import { workshopDoor } from '#shared/store/workshop-door-store';
import { workshopKey } from '#shared/store/workshops-store';
import { type DoorDeps, doorScan } from '#shared/use-cases/workshop-door';
import { api, countingTables, fairNow, issueTicket, localFair } from '../support/api-client';

/**
 * A door scan's round trips, counted on DynamoDB Local: the scan id's earlier answer, the workshop
 * and the ticket are read in one request (the token is checked first, without a read), then the
 * seat's transaction and the seats left. A replay writes nothing.
 */
describe('a workshop door scan on the engine', () => {
  const { client, tables, calls } = countingTables();
  const commands = () => calls.map((call) => call.command);
  const deps = async (): Promise<DoorDeps> => {
    const { fair, verifier } = await localFair(client, tables.TablesFair as string);
    return {
      door: workshopDoor(client, {
        workshops: tables.TablesWorkshops as string,
        tickets: tables.TablesTickets as string,
        scans: tables.TablesScans as string,
      }),
      verifier,
      fair,
      now: () => new Date(fairNow()),
      evacuating: async () => false,
    };
  };

  /** A room of five seats whose doors open now, in a zone of the fair or in none. */
  const room = async (title: string, zoneId?: string) => {
    const startsAt = new Date(Date.parse(fairNow()) + 10 * 60_000).toISOString();
    const created = await api<{ workshopId: string }>('/v1/workshops', {
      body: {
        title,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        capacity: 5,
        registrationRequired: false,
        ...(zoneId ? { zoneId } : {}),
      },
    });
    return created.body;
  };

  it('reads once before it writes, and answers a replay from that read', async () => {
    const workshop = await room('Counting the door');
    const ticket = await issueTicket();
    const ready = await deps();
    const input = { scanId: crypto.randomUUID(), token: ticket.token };
    calls.length = 0;
    expect((await doorScan(ready, workshop.workshopId, input, 'admission')).verdict).toBe('ADMITTED');
    // One read and the seat's transaction: the seats left come from that read, counting this seat.
    expect(commands()).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    calls.length = 0;
    expect(await doorScan(ready, workshop.workshopId, input, 'admission')).toMatchObject({
      verdict: 'ADMITTED',
      replayed: true,
    });
    expect(commands()[0]).toBe('BatchGetItemCommand');
    expect(commands()).not.toContain('TransactWriteItemsCommand');
    // A code that is not a ticket reads no ticket: the refusal is recorded, nothing else.
    calls.length = 0;
    expect(
      (await doorScan(ready, workshop.workshopId, { scanId: crypto.randomUUID(), token: 'nope' }, 'admission')).verdict,
    ).toBe('INVALID_TOKEN');
    expect(commands()[0]).toBe('BatchGetItemCommand');
  });

  it("records a movement in a zone's room once, in the scan log, and answers its resend from that record", async () => {
    const workshop = await room('One record a scan', 'room-2');
    const ticket = await issueTicket();
    const ready = await deps();
    const door = ready.door;
    /** The scan's two possible records: its SCAN# item in the workshops table, its scan log record. */
    const records = async (scanId: string) => {
      const read = (TableName: string, Key: Record<string, string>) =>
        client.send(new GetCommand({ TableName, Key, ConsistentRead: true })).then((found) => found.Item);
      return {
        item: await read(tables.TablesWorkshops as string, workshopKey(workshop.workshopId, `SCAN#${scanId}`)),
        log: await read(tables.TablesScans as string, { scanId: logKey.door(workshop.workshopId, scanId) }),
      };
    };
    for (const kind of ['admission', 'exit'] as const) {
      const input = { scanId: crypto.randomUUID(), token: ticket.token };
      const verdict = kind === 'admission' ? 'ADMITTED' : 'EXITED';
      expect((await doorScan(ready, workshop.workshopId, input, kind)).verdict).toBe(verdict);
      const { item, log } = await records(input.scanId);
      expect(item).toBeUndefined();
      expect(log).toMatchObject({
        kind: 'door',
        door: { verdict },
        deltas: { 'room-2': kind === 'admission' ? 1 : -1 },
      });
      // A resend: answered from the log's record, nothing written; the store's own read says the same.
      calls.length = 0;
      expect(await doorScan(ready, workshop.workshopId, input, kind)).toMatchObject({ verdict, replayed: true });
      expect(commands()).toEqual(['BatchGetItemCommand']);
      expect(await door.scan(workshop.workshopId, input.scanId)).toEqual({
        scanId: input.scanId,
        kind,
        ticketId: ticket.ticketId,
        verdict,
      });
    }
    // A refusal moves no count: its one record is the SCAN# item.
    const refused = { scanId: crypto.randomUUID(), token: 'nope' };
    expect((await doorScan(ready, workshop.workshopId, refused, 'admission')).verdict).toBe('INVALID_TOKEN');
    const { item, log } = await records(refused.scanId);
    expect(item).toMatchObject({ verdict: 'INVALID_TOKEN' });
    expect(log).toBeUndefined();
  });

  it('judges a door scan again from a fresh read when its write lost every race the store retried', async () => {
    const workshop = await room('A rush at the door');
    const ticket = await issueTicket();
    const ready = await deps();
    // What DynamoDB answers a transaction that met another on an item: cancelled, TransactionConflict.
    // Thirteen in a row: one more than the store tries before the conflict is its caller's.
    let lost = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && lost < 13) {
          lost += 1;
          throw new TransactionCanceledException({
            message:
              'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
            $metadata: {},
            CancellationReasons: [{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'loseRaces' },
    );
    try {
      calls.length = 0;
      const answer = await doorScan(
        ready,
        workshop.workshopId,
        { scanId: crypto.randomUUID(), token: ticket.token },
        'admission',
      );
      expect(answer).toMatchObject({ verdict: 'ADMITTED', seatsLeft: 4 });
      expect(lost).toBe(13);
      // Judged twice, each from its own read: the second round's write went through.
      expect(commands().filter((command) => command === 'BatchGetItemCommand')).toHaveLength(2);
    } finally {
      client.middlewareStack.remove('loseRaces');
    }
    expect((await api<{ admitted: number }>(`/v1/workshops/${workshop.workshopId}`)).body.admitted).toBe(1);
  });
});
