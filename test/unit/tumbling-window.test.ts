import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../local/sources/checkpoint-store';
import type { WindowedStreamEvent } from '../../local/sources/stream-poller';
import { oneShardStream, streamRecord, testPoller } from '../support/fake-stream';

/**
 * The local stream event source with a tumbling window, as Lambda runs one: each event names its
 * shard and window and carries the state the function answered last in that window; a function that
 * answers no state has failed (its batch is retried, its checkpoint stays); records of two windows go
 * in two invocations, the first window closed between them by a final invocation without records.
 */
const WINDOW_SECONDS = 60;
const windowStart = Math.floor(Date.now() / 60_000) * 60_000;

/** Runs the poller until `until` says enough was seen; every event it sent, and the checkpoints. */
async function run(
  times: number[],
  answer: (event: WindowedStreamEvent, calls: number) => unknown,
  until: (events: WindowedStreamEvent[]) => boolean,
) {
  const events: WindowedStreamEvent[] = [];
  const checkpoints = new CheckpointStore(undefined);
  let served = false;
  // What was sent when `until` was satisfied: a later invocation (a window closing on the real clock
  // before the poller stops) is not part of what the test asked.
  let done: (seen: WindowedStreamEvent[]) => void = () => {};
  const finished = new Promise<WindowedStreamEvent[]>((resolve) => {
    done = resolve;
  });
  const poller = testPoller({
    mapping: { maximumRetryAttempts: 5, maximumRecordAgeSeconds: -1, tumblingWindowSeconds: WINDOW_SECONDS },
    streams: oneShardStream('shardId-1', () => {
      if (served) return [];
      served = true;
      return times.map((at, index) => streamRecord(`e${index}`, String(100 + index), new Date(at)));
    }),
    checkpoints,
    invoke: async (event) => {
      const windowed = structuredClone(event) as WindowedStreamEvent;
      events.push(windowed);
      const result = answer(windowed, events.length);
      if (until(events)) done([...events]);
      return result;
    },
    idlePollMs: 20,
  });
  poller.start();
  const seen = await finished;
  await poller.stop();
  return { events: seen, checkpoint: checkpoints.get('Mapping', 'shardId-1') };
}

describe('the local stream event source with a tumbling window', () => {
  it('names the shard and the window, and hands each invocation the state the last one answered', async () => {
    const { events } = await run(
      [windowStart + 1_000],
      (event, calls) => ({ state: { calls: String(calls), before: JSON.stringify(event.state) } }),
      (events) => events.length >= 1,
    );
    const [first] = events;
    expect(first).toMatchObject({
      shardId: 'shardId-1',
      eventSourceARN: 'arn:stream',
      window: {
        start: new Date(windowStart).toISOString(),
        end: new Date(windowStart + WINDOW_SECONDS * 1000).toISOString(),
      },
      state: {},
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    });
    expect(first?.Records.map((record) => record.eventID)).toEqual(['e0']);
  });

  it('retries a batch whose invocation answered no state, with the same state, and checkpoints it once one does', async () => {
    const { events, checkpoint } = await run(
      [windowStart + 1_000, windowStart + 2_000],
      (_event, calls) => (calls === 1 ? {} : { state: { seen: '2' } }),
      (events) => events.length >= 2,
    );
    expect(events.map((event) => event.Records.length)).toEqual([2, 2]);
    expect(events[1]?.state).toEqual({});
    // The second answer had a state: the batch is done (the checkpoint is its last record).
    expect(checkpoint).toBe('101');
  });

  it('sends records of two windows in two invocations, the first window closed between them without records', async () => {
    const { events } = await run(
      [windowStart - 30_000, windowStart - 20_000, windowStart + 1_000],
      (event) => ({ state: { records: String(event.Records.length + Number(event.state.records ?? 0)) } }),
      (events) => events.length >= 3,
    );
    expect(events.map((event) => [event.Records.length, event.isFinalInvokeForWindow])).toEqual([
      [2, false],
      [0, true],
      [1, false],
    ]);
    // The final invocation gets the window's state; the next window starts afresh.
    expect(events[1]?.state).toEqual({ records: '2' });
    expect(events[1]?.window.end).toBe(new Date(windowStart).toISOString());
    expect(events[2]?.state).toEqual({});
  });
});
