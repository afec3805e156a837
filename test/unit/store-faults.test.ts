import { DynamoDBClient, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { applyProjection } from '#shared/store/projection-store';
import { recordScan, type ScanRecord } from '#shared/store/scans-store';

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
const change = { ticketId: 't1', expectedVersion: 3, next: { inside: true, zoneId: 'venue', entries: 1 } };

describe('stores under injected faults', () => {
  it('treats a transaction conflict on a scan as a lost race to re-judge', async () => {
    mocked.on(TransactWriteCommand).rejects(new TransactionConflictException({ message: 'conflict', $metadata: {} }));
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
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    expect(await recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).toEqual({
      kind: 'stale',
    });
  });

  it('treats a projection that lost a race as stale, and one whose marker exists as already applied', async () => {
    const batch = {
      markerId: 'e1',
      lastSequence: '1',
      zones: [
        {
          zoneId: 'venue',
          expectedVersion: 1,
          live: { count: 2, ticketed: 2, counted: 0, day: '2027-03-26', level: 'normal' as const, levelVersion: 0 },
        },
      ],
      gates: [],
      at: '2027-03-26T10:00:00Z',
    };
    mocked.on(TransactWriteCommand).rejects(new TransactionConflictException({ message: 'conflict', $metadata: {} }));
    expect(await applyProjection(documents, { zones: 'z', stats: 's' }, batch)).toBe('stale');
    mocked.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    expect(await applyProjection(documents, { zones: 'z', stats: 's' }, batch)).toBe('already-applied');
  });

  it('lets a throttling error through to the caller (the SDK retried it already), never swallows it', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
    mocked.on(TransactWriteCommand).rejects(throttled);
    await expect(recordScan(documents, { scans: 'scans', tickets: 'tickets' }, record, change)).rejects.toThrow(
      'Rate exceeded',
    );
  });
});
