import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { recordScan, type ScanRecord } from '#shared/store/scans-store';
import { addOnce, sortableSequence } from '#shared/store/shard-counters';
import { revokeTicket, SEEN_REFUSALS_CAP, scanHash, seenAttribute } from '#shared/store/tickets-store';
import { admit, exit } from '#shared/store/workshop-door-store';
import { cancelRegistration, promote, register } from '#shared/store/workshop-registrations-store';
import { putZoneLive, type ZoneRecord } from '#shared/store/zones-store';
import { logCarriedScans, newlyCarried } from '#shared/use-cases/log-carried-scans';
import { recordReliability } from '../support/reliability-log';

/**
 * Faults DynamoDB Local never raises (it has no TransactionConflictException), injected with
 * aws-sdk-client-mock: a lost race must mean "read again and retry", never a verdict or an error.
 */
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mocked = mockClient(documents);
afterEach(() => mocked.reset());

const record: ScanRecord = {
  scanId: 's1',
  ticketId: 't1',
  gateId: 'main',
  zoneId: 'venue',
  direction: 'in',
  deviceId: 'd',
  scannedAt: '2027-03-26T10:00:00Z',
  receivedAt: '2027-03-26T10:00:00Z',
  day: '2027-03-26',
  verdict: 'ADMITTED',
  deltas: { venue: 1 },
  offline: false,
};
const change = { ticketId: 't1', expected: { version: 3 }, next: { inside: true, zoneId: 'venue', entries: 1 } };

/** What DynamoDB answers when two transactions touch one item at once: cancelled, reason TransactionConflict. */
function conflict(items: number, at = items - 1): TransactionCanceledException {
  const reasons = Array.from({ length: items }, (_, index) =>
    index === at ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
  );
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    $metadata: {},
    CancellationReasons: reasons,
  });
}

describe('transactions that lose a race with another (TransactionConflict)', () => {
  const scan = { scanId: 's2', kind: 'admission' as const, ticketId: 't1', verdict: 'ADMITTED' as const };

  /** The room's counter as read between tries: seats left, or none. */
  const room = (admitted: number, capacity = 50) =>
    mocked.on(GetCommand, { Key: { pk: 'WS#ws-1', sk: 'META' } }).resolves({ Item: { admitted, capacity } });

  it('admits at a workshop door once the conflicting transaction is done, rather than answering 500 or FULL', async () => {
    room(10);
    mocked.on(TransactWriteCommand).rejectsOnce(conflict(3, 0)).rejectsOnce(conflict(3, 1)).resolves({});
    expect(await admit(documents, 'w', 'ws-1', scan, false)).toBe('ADMITTED');
    expect(mocked.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('stops trying once the room it waits for is full, and says FULL (or why else) without a transaction', async () => {
    room(50);
    mocked.on(GetCommand, { Key: { pk: 'WS#ws-1', sk: 'ADM#t1' } }).resolves({});
    mocked.on(TransactWriteCommand).rejects(conflict(3, 0));
    expect(await admit(documents, 'w', 'ws-1', scan, false)).toBe('FULL');
    // One try, then the room was read full: no second transaction contending for its seats.
    expect(mocked.commandCalls(TransactWriteCommand)).toHaveLength(1);
    // A ticket already inside a full room is told so, as the transaction would have.
    mocked.on(GetCommand, { Key: { pk: 'WS#ws-1', sk: 'ADM#t1' } }).resolves({ Item: { inside: true } });
    expect(await admit(documents, 'w', 'ws-1', scan, false)).toBe('ALREADY_ADMITTED');
  });

  it('lets a conflict that lasts through every retry through as an error, never as a verdict', async () => {
    room(10);
    mocked.on(TransactWriteCommand).rejects(conflict(3, 0));
    await expect(admit(documents, 'w', 'ws-1', scan, false)).rejects.toThrow(/TransactionConflict/);
    expect(mocked.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
    await expect(exit(documents, 'w', 'ws-1', { ...scan, kind: 'exit', verdict: 'EXITED' })).rejects.toThrow(
      /TransactionConflict/,
    );
  });

  it('registers, cancels and promotes through a conflict instead of answering 500, 404 or "no seat"', async () => {
    mocked.on(TransactWriteCommand).rejectsOnce(conflict(2)).resolves({});
    expect(await register(documents, 'w', 'ws-1', 't1', '2027#t1')).toBe('REGISTERED');
    mocked.reset();
    mocked.on(TransactWriteCommand).rejectsOnce(conflict(2)).resolves({});
    expect(
      await cancelRegistration(documents, 'w', 'ws-1', { ticketId: 't1', status: 'registered', position: 'p' }),
    ).toBe(true);
    mocked.reset();
    mocked.on(TransactWriteCommand).rejectsOnce(conflict(2)).resolves({});
    expect(await promote(documents, 'w', 'ws-1', 't1')).toBe(true);
    mocked.reset();
    mocked.on(TransactWriteCommand).rejects(conflict(2));
    await expect(promote(documents, 'w', 'ws-1', 't1')).rejects.toThrow(/TransactionConflict/);
    await expect(
      cancelRegistration(documents, 'w', 'ws-1', { ticketId: 't1', status: 'registered', position: 'p' }),
    ).rejects.toThrow(/TransactionConflict/);
  });

  it('revokes a ticket through a conflict, rather than reporting it already revoked', async () => {
    mocked.on(TransactWriteCommand).rejectsOnce(conflict(2, 0)).resolves({});
    mocked.on(GetCommand).resolves({ Item: { last: 41 } }); // the revocation log's head
    const answer = await revokeTicket(documents, { tickets: 't', fair: 'f' }, 't1', '2027-03-26T10:00:00Z');
    expect(answer).toBe('revoked');
    // Acknowledged but lost: answered "revoked" without a write the service accepted after the
    // conflict (the first try was refused, so an acknowledgement needs a second).
    const writes = mocked.commandCalls(TransactWriteCommand).length;
    const acknowledgedLost = answer === 'revoked' && writes < 2 ? 1 : 0;
    expect(acknowledgedLost).toBe(0);
    recordReliability({
      test: 'transaction conflicts (TransactionConflict, the service error shape)',
      load: 'workshop admit, exit, register, cancel and promote; ticket revocation; scans; projection',
      faults: ['conflicts injected once, twice, and on every try, on each transactional path'],
      acknowledgedLost,
      doubleCounts: 0,
    });
  });
});

describe('stores under injected faults', () => {
  it('treats a transaction conflict on a scan as a lost race to re-judge, once retries are spent', async () => {
    mocked.on(TransactWriteCommand).rejects(conflict(2, 0));
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).toEqual({
      kind: 'stale',
    });
  });

  it('tells a replayed scan id from a moved ticket by the cancellation reasons', async () => {
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    mocked.on(GetCommand).resolves({ Item: { ...record, verdict: 'ALREADY_INSIDE' } });
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).toEqual({
      kind: 'replay',
      existing: { ...record, verdict: 'ALREADY_INSIDE' },
    });
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          {
            Code: 'ConditionalCheckFailed',
            Item: { ticketId: { S: 'T1' }, inside: { BOOL: true }, version: { N: '4' } },
          },
          { Code: 'None' },
        ],
      }),
    );
    // The ticket as it stands comes with the refusal (ALL_OLD): judged again without a read.
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).toEqual({
      kind: 'stale',
      ticket: { ticketId: 'T1', inside: true, version: 4 },
    });
    // No item with the refusal: there is no such ticket.
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).toEqual({
      kind: 'stale',
      ticket: null,
    });
    // A replay whose first record came back with the refusal needs no read.
    mocked.reset();
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: { scanId: { S: record.scanId }, verdict: { S: 'ADMITTED' } } },
        ],
      }),
    );
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).toEqual({
      kind: 'replay',
      existing: { scanId: record.scanId, verdict: 'ADMITTED' },
    });
    expect(mocked.commandCalls(GetCommand)).toHaveLength(0);
  });

  it("answers an unread move's refusal from the ticket it returns: a scan it has seen is a replay", async () => {
    const unread = { ...change, expected: { outsideOn: record.day } };
    const refused = (ticket: Record<string, unknown>) =>
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: marshall(ticket),
      });
    const seen = { [seenAttribute(record.day)]: new Set([scanHash(record.scanId)]) };
    // The last scan that moved it: carried on the ticket, answered with no read.
    mocked.on(UpdateCommand).rejects(refused({ ticketId: 't1', version: 4, carriedScan: record, ...seen }));
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, unread)).toMatchObject({
      kind: 'replay',
      existing: record,
      ticket: { ticketId: 't1', version: 4 },
    });
    expect(mocked.commandCalls(GetCommand)).toHaveLength(0);
    // An earlier one: from the log.
    mocked.on(UpdateCommand).rejects(refused({ ticketId: 't1', version: 5, carriedScan: { scanId: 's9' }, ...seen }));
    mocked.on(GetCommand).resolves({ Item: record });
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, unread)).toMatchObject({
      kind: 'replay',
      existing: record,
    });
    // Not seen: the ticket moved otherwise, judged again on what came back.
    mocked.on(UpdateCommand).rejects(refused({ ticketId: 't1', version: 6, inside: true }));
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, unread)).toEqual({
      kind: 'stale',
      ticket: { ticketId: 't1', version: 6, inside: true },
    });
    // The update sent carries the record and marks the id, on condition it is new.
    const sent = mocked.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(sent?.ConditionExpression).toContain('NOT contains(#seen, :hash)');
    expect(sent?.ExpressionAttributeValues?.[':carried']).toEqual(record);
  });

  it("logs a refusal alone when the ticket's seen set is full, and answers a used id from its first record", async () => {
    const refusal: ScanRecord = { ...record, verdict: 'ALREADY_INSIDE', deltas: {} };
    const tables = { scans: 'scans', tickets: 'tickets' };
    // The mark refused (the day's set holds the cap), the log's put not: the refusal is put alone.
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    mocked.on(PutCommand).resolves({});
    expect(await recordScan(documents, tables, refusal)).toEqual({ kind: 'recorded' });
    const mark = mocked.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[1]?.Update;
    expect(mark?.ConditionExpression).toContain('size(#seen) < :cap');
    expect(mark?.ExpressionAttributeValues?.[':cap']).toBe(SEEN_REFUSALS_CAP);
    expect(mocked.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.scanId)).toEqual([refusal.scanId]);
    // The id used already: the first record, returned with the refusal, and nothing put.
    mocked.reset();
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: marshall(refusal) }, { Code: 'None' }],
      }),
    );
    expect(await recordScan(documents, tables, refusal)).toEqual({
      kind: 'replay',
      existing: refusal,
    });
    expect(mocked.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('puts the scans tickets carried into the log once, whatever the stream delivers again', async () => {
    expect(newlyCarried(undefined, { carriedScan: record })).toEqual(record);
    expect(newlyCarried({ carriedScan: record }, { carriedScan: record })).toBeUndefined();
    expect(newlyCarried({ carriedScan: record }, { carriedScan: { ...record, scanId: 's2' } })).toMatchObject({
      scanId: 's2',
    });
    expect(newlyCarried({ carriedScan: record }, { version: 2 })).toBeUndefined();
    // A record the log has already (a redelivered batch) is refused by its condition and left alone.
    mocked
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))
      .resolves({});
    const records = [record, { ...record, scanId: 's2' }];
    expect(await logCarriedScans({ client: documents, tables: { scans: 'scans' } }, records)).toEqual({ logged: 1 });
    expect(mocked.commandCalls(PutCommand).map((call) => call.args[0].input.ConditionExpression)).toEqual([
      'attribute_not_exists(scanId)',
      'attribute_not_exists(scanId)',
    ]);
    // Any other failure fails the batch, to be retried whole.
    mocked.on(PutCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(logCarriedScans({ client: documents, tables: { scans: 'scans' } }, records)).rejects.toThrow(
      'slow down',
    );
  });

  it('treats a zone projection another writer beat as stale, and lets any other refusal through', async () => {
    const zone = { zoneId: 'venue', version: 1 } as ZoneRecord;
    const live = { count: 2, ticketed: 2, counted: 0, day: '2027-03-26', level: 'normal' as const, levelVersion: 0 };
    const at = '2027-03-26T10:00:00Z';
    const projectedUpTo = { 'shard-1': { sequence: '1', at } };
    const write = () => putZoneLive(documents, 'z', zone, live, at, projectedUpTo);
    mocked
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    expect(await write()).toBe(false);
    const throttled = new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} });
    mocked.on(UpdateCommand).rejects(throttled);
    await expect(write()).rejects.toBe(throttled);
    mocked.on(UpdateCommand).resolves({});
    expect(await write()).toBe(true);
    // The watermarks go with the counts, in the same conditional update.
    const sent = mocked.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(sent?.UpdateExpression).toContain('#projectedUpTo = :projectedUpTo');
    expect(sent?.ExpressionAttributeValues?.[':projectedUpTo']).toEqual(projectedUpTo);
    expect(sent?.ConditionExpression).toBe('version = :expected');
  });

  it("adds a shard's part on condition none of it is in, and when refused answers the item's mark for the shard", async () => {
    const addition = {
      TableName: 's',
      Key: { pk: 'GATE#2027-03-26', sk: 'main#10' },
      set: ['gateId = :gate'],
      add: ['entries :entries'],
      names: {},
      values: { ':gate': 'main', ':entries': 3 },
    };
    const part = { shardId: 'shard-1', first: '120', last: '130' };
    mocked.on(UpdateCommand).resolves({});
    expect(await addOnce(documents, addition, part)).toEqual({ added: true });
    const sent = mocked.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(sent?.UpdateExpression).toBe('SET gateId = :gate, #mark = :last ADD entries :entries');
    expect(sent?.ExpressionAttributeNames?.['#mark']).toBe('upTo#shard-1');
    expect(sent?.ConditionExpression).toBe('attribute_not_exists(#mark) OR #mark < :first');
    // Compared as strings by DynamoDB: padded, so that 130 is above 99.
    expect(sent?.ExpressionAttributeValues?.[':first']).toBe(sortableSequence('120'));
    expect(sortableSequence('130') > sortableSequence('99')).toBe(true);
    // Refused: the item as it stood says how far this shard was counted (the service's error shape).
    mocked.on(UpdateCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: { 'upTo#shard-1': { S: sortableSequence('125') }, entries: { N: '2' } },
      }),
    );
    expect(await addOnce(documents, addition, part)).toEqual({ added: false, upTo: sortableSequence('125') });
    // Tried again above that mark: on condition it is still that one.
    mocked.on(UpdateCommand).resolves({});
    await addOnce(documents, addition, { ...part, first: '126', above: sortableSequence('125') });
    const again = mocked.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(again?.ConditionExpression).toBe('#mark = :above');
    expect(again?.ExpressionAttributeValues?.[':above']).toBe(sortableSequence('125'));
    // Anything but a refused condition is not swallowed.
    mocked
      .on(UpdateCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(addOnce(documents, addition, part)).rejects.toThrow('Rate exceeded');
  });

  it('lets a throttling error through to the caller (the SDK retried it already), never swallows it', async () => {
    // The service's own error class and shape, as the SDK raises it after its retries.
    const throttled = new ProvisionedThroughputExceededException({
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400, attempts: 3 },
    });
    mocked.on(TransactWriteCommand).rejects(throttled);
    await expect(recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).rejects.toBe(throttled);
    // Not retried again by the store on top of the SDK, nor taken for a lost race and re-judged.
    expect(mocked.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
