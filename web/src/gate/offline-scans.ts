import { entryAccess } from '../../../shared/domain/access-rules';
import { zoneOf } from '../../../shared/domain/fair-time';
import { normalizeShortCode } from '../../../shared/domain/short-code';
import type { ZoneTree } from '../../../shared/domain/zone-tree';
import { request } from '../common/api';
import { fairNow, fairToday } from '../common/fair-clock';
import type { Fair, Gate } from '../common/types';
import { type ShownVerdict, toneOf } from '../common/verdict-view';
import { judgeOffline } from './offline-judge';
import type { OfflineKit } from './offline-kit';
import { dequeue, enqueue, type GateScan, presenceOf, queued, queuedScan, rememberPresence } from './offline-store';

// Small enough that a batch is answered in a few seconds on a slow venue network, far inside the
// API's 29 s: a long queue goes as several.
const BATCH_SIZE = 50;

export interface DeviceJudge {
  kit: OfflineKit;
  fair: Fair;
  tree: ZoneTree;
  deviceId: string;
  gate: Gate;
  /** The evacuation this phone last heard of covers the gate's zone. */
  evacuating: boolean;
}

/**
 * A scan judged on this phone while the API cannot be reached, with the server's own rules, and queued
 * for the server to judge again. `counted` is false when nothing new happened (a resent scan, or one
 * that could not be checked), so the page's tally moves once per scan.
 */
export async function judgeOnDevice(
  scan: GateScan,
  judge: DeviceJudge,
): Promise<{ shown: ShownVerdict; counted: boolean }> {
  if (normalizeShortCode(scan.token)) {
    // A short code is looked up on the server: offline there is nothing to check it against.
    return { shown: { verdict: 'UNCHECKED', offline: true, reasonKey: 'reason_SHORT_CODE_OFFLINE' }, counted: false };
  }
  if (!judge.kit.ready) {
    // Without the keys nothing can be checked: say so, rather than call a genuine ticket invalid.
    return { shown: { verdict: 'UNCHECKED', offline: true }, counted: false };
  }
  const already = await queuedScan(scan.scanId);
  if (already) {
    // The same scan sent again (a repeated tap): the same answer, counted once.
    return { shown: { verdict: already.offlineVerdict ?? 'UNCHECKED', offline: true, replayed: true }, counted: false };
  }
  const { fair, kit } = judge;
  const day = fairToday(zoneOf(fair));
  const claimedId = scan.token.split('.')[3];
  const judged = await judgeOffline(scan.token, {
    verifier: kit.verifier,
    fairId: fair.fairId,
    revoked: kit.revoked,
    gate: judge.gate,
    direction: scan.direction,
    day,
    tree: judge.tree,
    accessFor: (category) => entryAccess(fair.access, fair.hours, category, judge.gate.gateId, fairNow()),
    evacuating: judge.evacuating,
    deviceId: judge.deviceId,
    presence: claimedId ? await presenceOf(claimedId, day) : undefined,
  });
  // Kept for the server to judge in every case; a verdict this device could not reach is not sent.
  await enqueue(judged.verdict === 'UNCHECKED' ? scan : { ...scan, offlineVerdict: judged.verdict });
  if (judged.next && judged.ticketId) await rememberPresence(judged.ticketId, day, judged.next);
  return {
    shown: {
      verdict: judged.verdict,
      category: judged.category,
      offline: true,
      ...(judged.reason ? { reason: judged.reason } : {}),
    },
    counted: true,
  };
}

/**
 * Sends the queued scans through POST /v1/scans/batch, oldest first, 500 at a time, removing each batch
 * once answered; `onConflict` hears of each scan this phone let through and the server refused. A network
 * failure is thrown (NetworkError) with what was sent so far already removed.
 */
export async function sendQueuedScans(events: { beforeBatch: () => void; onConflict: () => void }): Promise<void> {
  for (;;) {
    const batch = await queued(BATCH_SIZE);
    if (batch.length === 0) return;
    events.beforeBatch();
    const { results } = await request<{ results: { scanId: string; verdict: string }[] }>('/v1/scans/batch', {
      body: { scans: batch.map(({ seq: _seq, ...scan }) => scan) },
      timeoutMs: 15_000,
    });
    for (const result of results) {
      const sent = batch.find((scan) => scan.scanId === result.scanId);
      if (sent?.offlineVerdict && toneOf(sent.offlineVerdict) === 'pass' && toneOf(result.verdict) !== 'pass')
        events.onConflict();
    }
    await dequeue(results.map((result) => result.scanId));
  }
}
