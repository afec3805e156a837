import type { Source } from './scan-panel';

/**
 * One scan id per code per moment. A code seen again within 2 s of its last sighting or answer, or
 * while its request is still out, is the same scan: from the camera or a handheld scanner it is
 * dropped (a shaky camera, a ticket held in view, a double trigger), and each such sighting extends
 * the 2 s; a repeated tap on "Check" sends it again with the same `scanId`, which the API answers once.
 *
 * A code whose request got no answer (the network dropped, or it timed out: the API may have acted on
 * it all the same) keeps its id for a while: scanned again later, it goes with the same `scanId`, and
 * the API answers what it did the first time (a seat taken then is "admitted", not "already inside").
 */
const SAME_CODE_MS = 2000;
const UNANSWERED_MS = 15 * 60_000;

/** The screen a scan is checked on: cleared and "checking" while its request is out (VerdictView). */
interface CheckingScreen {
  checking(source: Source): void;
  settled(): void;
}

interface Recent {
  scanId: string;
  at: number;
  inFlight: number;
  /** Its last request got no answer: its id goes again with the next scan of this code. */
  unanswered: boolean;
}

export class ScanIds {
  private readonly recent = new Map<string, Recent>();
  /** Repeats dropped so far: a page shows it as a marker that repeats were seen and left out. */
  dropped = 0;

  /** The scan id to send, or undefined for a repeat to drop. Call `settled` when it is answered. */
  take(code: string, source: Source): string | undefined {
    const now = Date.now();
    for (const [seen, entry] of this.recent) {
      const kept = entry.unanswered ? UNANSWERED_MS : SAME_CODE_MS;
      if (entry.inFlight === 0 && now - entry.at > kept) this.recent.delete(seen);
    }
    const last = this.recent.get(code);
    if (last) {
      const repeat = last.inFlight > 0 || now - last.at <= SAME_CODE_MS;
      if (repeat && source !== 'manual') {
        last.at = now;
        this.dropped += 1;
        return undefined;
      }
      last.inFlight += 1;
      last.at = now;
      return last.scanId;
    }
    const scanId = crypto.randomUUID();
    this.recent.set(code, { scanId, at: now, inFlight: 1, unanswered: false });
    return scanId;
  }

  /**
   * One code's scan, from its id to its end: false for a repeat, dropped. Else `send` goes with the id
   * while the screen says it is checking, and says whether the scan was answered: unanswered, the code
   * keeps its id for when it is scanned again.
   */
  async send(
    code: string,
    source: Source,
    screen: CheckingScreen,
    send: (scanId: string) => Promise<boolean>,
  ): Promise<boolean> {
    const scanId = this.take(code, source);
    if (!scanId) return false;
    screen.checking(source);
    let answered = false;
    try {
      answered = await send(scanId);
    } finally {
      this.settled(code, answered);
      screen.settled();
    }
    return true;
  }

  /** The code's request ended: answered, or not (no network, a timeout, an error said instead). */
  settled(code: string, answered = true): void {
    const entry = this.recent.get(code);
    if (!entry) return;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    entry.at = Date.now();
    entry.unanswered = !answered;
  }
}
