import { describe, expect, it } from 'vitest';
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
      client,
      tables: {
        workshops: tables.TablesWorkshops as string,
        tickets: tables.TablesTickets as string,
        scans: tables.TablesScans as string,
      },
      verifier,
      fair,
      now: () => new Date(fairNow()),
      evacuating: async () => false,
    };
  };

  it('reads once before it writes, and answers a replay from that read', async () => {
    const startsAt = new Date(Date.parse(fairNow()) + 10 * 60_000).toISOString();
    const { body: workshop } = await api<{ workshopId: string }>('/v1/workshops', {
      body: {
        title: 'Counting the door',
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        capacity: 5,
        registrationRequired: false,
      },
    });
    const ticket = await issueTicket();
    const ready = await deps();
    const input = { scanId: crypto.randomUUID(), token: ticket.token };
    calls.length = 0;
    expect((await doorScan(ready, workshop.workshopId, input, 'admission')).verdict).toBe('ADMITTED');
    // One read, the seat's transaction, and the seats left read for the host's answer.
    expect(commands()).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand', 'GetItemCommand']);
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
});
