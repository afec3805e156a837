import type { Source } from './scan-panel';

/**
 * One scan id per code per moment. A code seen again within 2 s of its last sighting or answer, or
 * while its request is still out, is the same scan: from the camera or a handheld scanner it is
 * dropped (a shaky camera, a ticket held in view, a double trigger), and each such sighting extends
 * the 2 s; a repeated tap on "Check" sends it again with the same `scanId`, which the API answers once.
 */
const SAME_CODE_MS = 2000;

interface Recent {
  scanId: string;
  at: number;
  inFlight: number;
}

export class ScanIds {
  private readonly recent = new Map<string, Recent>();
  /** Repeats dropped so far: a page shows it as a marker that repeats were seen and left out. */
  dropped = 0;

  /** The scan id to send, or undefined for a repeat to drop. Call `settled` when it is answered. */
  take(code: string, source: Source): string | undefined {
    const now = Date.now();
    for (const [seen, entry] of this.recent)
      if (entry.inFlight === 0 && now - entry.at > SAME_CODE_MS) this.recent.delete(seen);
    const last = this.recent.get(code);
    if (last) {
      if (source !== 'manual') {
        last.at = now;
        this.dropped += 1;
        return undefined;
      }
      last.inFlight += 1;
      return last.scanId;
    }
    const scanId = crypto.randomUUID();
    this.recent.set(code, { scanId, at: now, inFlight: 1 });
    return scanId;
  }

  settled(code: string): void {
    const entry = this.recent.get(code);
    if (!entry) return;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    entry.at = Date.now();
  }
}
