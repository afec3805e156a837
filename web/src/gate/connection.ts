import { NetworkError, request } from '../common/api';
import { whenSeenAgain } from '../common/seen-again';
import type { OfflineKit } from './offline-kit';
import { sendQueuedScans } from './offline-scans';

const PROBE_EVERY_MS = 3000;
const KIT_REFRESH_MS = 60_000;

/**
 * The gate's link to the API: offline as soon as a request fails to reach it (no switch to press),
 * back when the health probe answers; then the queued scans are sent (conflicts the server found
 * counted) and the walk-in counts after them. The offline kit (keys and revocations) is read again
 * every minute, and all of it is done at once when the page is seen again. `changed` is told of every
 * change the status card shows.
 */
export function gateConnection(options: { kit: OfflineKit; changed: () => void; syncCounts: () => Promise<void> }) {
  const state = { offline: !navigator.onLine, syncing: false, conflicts: 0 };
  const { kit, changed, syncCounts } = options;

  function goOffline(): void {
    if (state.offline) return;
    state.offline = true;
    changed();
  }

  async function probe(): Promise<void> {
    if (!state.offline) return;
    try {
      await request('/v1/health', { timeoutMs: 2000 });
      state.offline = false;
      changed();
      await sendQueued();
    } catch {
      // still offline: the next probe tries again
    }
  }

  async function sync(): Promise<void> {
    if (state.syncing || state.offline) return;
    state.syncing = true;
    try {
      await sendQueuedScans({
        beforeBatch: changed,
        onConflict: () => {
          state.conflicts += 1;
        },
      });
    } catch (error) {
      if (error instanceof NetworkError) goOffline();
    } finally {
      state.syncing = false;
      changed();
    }
  }

  /** The queued scans, then the walk-in counts. */
  async function sendQueued(): Promise<void> {
    await sync();
    await syncCounts();
  }

  /** The kit read again, then what is queued sent: at the start, and when the page is seen again. */
  async function catchUp(): Promise<void> {
    await refreshKit();
    await sendQueued();
  }

  async function refreshKit(): Promise<void> {
    try {
      await kit.refresh();
    } catch (error) {
      // Another failure (the server refused or broke) is kept by the kit and shown; the next refresh
      // goes on from the last page read.
      if (error instanceof NetworkError) goOffline();
    }
    changed();
  }

  return {
    state,
    goOffline,
    /** Listens to the browser, probes, syncs and refreshes the kit from now on. */
    start(): void {
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', () => void probe());
      setInterval(() => void probe(), PROBE_EVERY_MS);
      setInterval(() => void refreshKit(), KIT_REFRESH_MS);
      setInterval(() => void sendQueued(), PROBE_EVERY_MS * 2);
      // Seen again after the phone slept: the kit read and the queue sent now, not at the next tick.
      whenSeenAgain(() => void probe().then(catchUp));
      void catchUp();
    },
  };
}

export type GateConnection = ReturnType<typeof gateConnection>;
