import { ApiError, NetworkError, request } from '../common/api';
import { STORED } from '../common/stored';

/** A let-out scanned without a network: sent when it is back, under its own scan id (a resend is a replay). */
interface QueuedExit {
  workshopId: string;
  scanId: string;
  token: string;
}

/**
 * Exits kept on the phone while the network is down. Admitting needs the central seat count (more
 * people than seats is the one thing the door must never allow), but letting someone out only frees a
 * seat: the room counts them a little longer, which is safe, and the exit is sent when the network is
 * back.
 */
export class ExitQueue {
  private sending = false;

  get waiting(): QueuedExit[] {
    try {
      return JSON.parse(localStorage.getItem(STORED.doorExits) ?? '[]') as QueuedExit[];
    } catch {
      return [];
    }
  }

  add(exit: QueuedExit): number {
    const all = [...this.waiting.filter((queued) => queued.scanId !== exit.scanId), exit];
    localStorage.setItem(STORED.doorExits, JSON.stringify(all));
    return all.length;
  }

  /** Sends what waits, oldest first; stops at the first network failure. Returns how many were sent. */
  async send(): Promise<number> {
    if (this.sending) return 0;
    this.sending = true;
    let sent = 0;
    try {
      for (const exit of this.waiting) {
        try {
          await request(`/v1/workshops/${encodeURIComponent(exit.workshopId)}/exits`, {
            body: { scanId: exit.scanId, token: exit.token },
            timeoutMs: 5000,
          });
        } catch (error) {
          if (error instanceof NetworkError) break;
          // Answered (a refusal, a workshop gone): nothing more will come of sending it again.
          if (!(error instanceof ApiError)) throw error;
        }
        this.forget(exit.scanId);
        sent += 1;
      }
    } finally {
      this.sending = false;
    }
    return sent;
  }

  private forget(scanId: string): void {
    localStorage.setItem(STORED.doorExits, JSON.stringify(this.waiting.filter((queued) => queued.scanId !== scanId)));
  }
}
