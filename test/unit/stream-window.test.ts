import { describe, expect, it } from 'vitest';
import { oneShardStream, streamRecord, testPoller } from '../support/fake-stream';

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
  return at - recordAt;
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
