import {
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  InternalServerError,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { oneShardStream, streamRecord, testPoller } from '../support/fake-stream';

/** When (performance.now()) the local stream event source first delivers a batch from `streams`, polled every 50 ms. */
async function firstDelivery(streams: DynamoDBStreamsClient, windowSeconds = 0): Promise<number> {
  let resolveDelivered: (at: number) => void = () => {};
  const delivered = new Promise<number>((resolve) => {
    resolveDelivered = resolve;
  });
  const poller = testPoller({
    mapping: { maxBatchingWindowSeconds: windowSeconds },
    streams,
    invoke: async () => {
      resolveDelivered(performance.now());
      return {};
    },
    idlePollMs: 50,
  });
  poller.start();
  const at = await delivered;
  await poller.stop();
  return at;
}

/**
 * The local stream event source's batching window, against a stream that is idle and then gets one
 * record: as on Lambda, the window opens with the first record, so even a lone record after a quiet
 * spell waits the whole window (the projector's freshness is measured with it).
 */
async function deliveryDelay(windowSeconds: number, idleBeforeMs: number): Promise<number> {
  const started = performance.now();
  let recordAt = Number.POSITIVE_INFINITY;
  let served = false;
  const streams = oneShardStream('shard-1', () => {
    if (served || performance.now() - started < idleBeforeMs) return [];
    served = true;
    recordAt = performance.now();
    return [streamRecord('e1', '100', new Date())];
  });
  return (await firstDelivery(streams, windowSeconds)) - recordAt;
}

describe('the local stream batching window', () => {
  it('opens with the first record, after an idle spell too, as on Lambda', async () => {
    // Idle for longer than the window: a window opened at the first poll would have closed by then.
    expect(await deliveryDelay(1, 1500)).toBeGreaterThanOrEqual(950);
  });

  it('delivers at once without a window', async () => {
    expect(await deliveryDelay(0, 300)).toBeLessThan(900);
  });
});

describe('the local stream event source after a stale iterator', () => {
  /**
   * DynamoDB Local answers a fresh stream's first read TrimmedDataAccessException: waiting a second
   * before reading again made a fresh runtime's first scan reach the occupancy in 2.4 s, past the
   * contract's 2 s. A stale iterator is replaced at once (an idle poll later); anything else still
   * waits a second.
   */
  async function delayAfter(error: Error): Promise<number> {
    let failedAt = Number.POSITIVE_INFINITY;
    let reads = 0;
    const streams = oneShardStream('shard-1', () => {
      reads += 1;
      if (reads === 1) {
        failedAt = performance.now();
        throw error;
      }
      return reads === 2 ? [streamRecord('e1', '100', new Date())] : [];
    });
    return (await firstDelivery(streams)) - failedAt;
  }

  it('reads again at once with a new iterator when the old one is trimmed or expired', async () => {
    const shape = { $metadata: {}, message: 'stale' };
    expect(await delayAfter(new TrimmedDataAccessException(shape))).toBeLessThan(900);
    expect(await delayAfter(new ExpiredIteratorException(shape))).toBeLessThan(900);
  });

  it('waits a second after any other failed read', async () => {
    expect(
      await delayAfter(new InternalServerError({ $metadata: {}, message: 'the service failed' })),
    ).toBeGreaterThanOrEqual(900);
  });
});
