import { ApiError, request } from '../common/api';
import { dequeueCounts, type GateCount, type QueuedCount, queuedCounts } from './offline-store';
import type { ZoneStatus } from './zone-standing';

/** What the API answers for a count: the count's id and the zone's standing after it. */
export interface CountAnswer extends ZoneStatus {
  countId: string;
}

// A batch answered in a few seconds, far inside the API's 29 s: a long queue goes as several.
const BATCH = 100;

/** A count as the API takes it: the gate is in the path. */
export function countBody({ countId, in: inCount, out, countedAt, deviceId }: GateCount) {
  return { countId, in: inCount, out, countedAt, deviceId };
}

/** The path that takes back one count this device sent. */
export function undoPath({ gateId, countId, deviceId }: GateCount): string {
  return `/v1/gates/${gateId}/counts/${countId}?deviceId=${encodeURIComponent(deviceId)}`;
}

/**
 * Sends what waits, in the order it was counted: counts by gate in batches, undos one by one. Each
 * batch leaves the queue only once the API has answered it; `answered` hears each batch's last answer.
 * A dropped network throws (the caller goes offline), and what was not sent stays queued.
 */
export async function sendQueuedCounts(answered: (gateId: string, newest: CountAnswer) => void): Promise<void> {
  for (;;) {
    const waiting = await queuedCounts(BATCH);
    const first = waiting[0];
    if (!first) return;
    if (first.undo) {
      await request(undoPath(first), { method: 'DELETE' }).catch((error) => {
        // Too late, or the count never arrived: nothing more this device can do about it.
        if (!(error instanceof ApiError)) throw error;
      });
      await dequeueCounts([first]);
      continue;
    }
    const run: QueuedCount[] = [];
    for (const count of waiting) {
      if (count.undo || count.gateId !== first.gateId) break;
      run.push(count);
    }
    const { results } = await request<{ results: CountAnswer[] }>(`/v1/gates/${first.gateId}/counts/batch`, {
      body: { counts: run.map(countBody) },
      timeoutMs: 15_000,
    });
    const newest = results.at(-1);
    if (newest) answered(first.gateId, newest);
    await dequeueCounts(run);
  }
}
