import { request } from '../common/api';
import { forgetVisits, queuedVisits } from './visit-queue';

/** What the API says of a batch of visits: how many it took, which badges it refused, which yeses had no code. */
export interface FootfallAnswer {
  accepted: number;
  rejected?: { eventId: string; reason: string }[];
  consentNotShown?: string[];
}

// A batch answered in a few seconds, far inside the API's 29 s: a long queue goes as several.
const BATCH = 100;

/**
 * Sends a booth's queued visits in batches, each forgotten only once the API has answered it;
 * `heard` hears each answer. A dropped network throws, and what was not sent stays queued.
 */
export async function sendQueuedVisits(boothId: string, heard: (answer: FootfallAnswer) => void): Promise<void> {
  for (;;) {
    const batch = await queuedVisits(boothId, BATCH);
    if (batch.length === 0) return;
    const answer = await request<FootfallAnswer>(
      `/v1/booths/${encodeURIComponent(boothId)}/footfall`,
      // Visits wait in the phone's queue until sent: they may be of an earlier day when it was offline.
      { body: { events: batch.map((visit) => visit.event), offline: true }, timeoutMs: 15_000 },
    );
    await forgetVisits(batch.map((visit) => visit.event.eventId));
    heard(answer);
  }
}

/** A visit sent but not yet in the server's figures is shown for at most this long. */
const SHOWN_UNCONFIRMED_MS = 120_000;

/**
 * The visits recorded here that the server's figure does not show yet: the page's count moves at once,
 * and each visit stops being added once the server's figure has grown by it (or after two minutes).
 */
export function unconfirmedVisits() {
  let pending: { eventId: string; visits: number; recordedAt: number }[] = [];
  let lastServer: number | undefined;
  return {
    add(eventId: string, visits: number): void {
      pending.push({ eventId, visits, recordedAt: Date.now() });
    },
    /** Visits the server refused: never to be shown. */
    drop(eventIds: Set<string>): void {
      pending = pending.filter((entry) => !eventIds.has(entry.eventId));
    },
    count(serverVisits: number): number {
      // What the server added since it was last read is taken as our visits first, oldest first.
      let added = lastServer === undefined ? 0 : Math.max(0, serverVisits - lastServer);
      lastServer = serverVisits;
      pending = pending.filter((entry) => {
        if (added >= entry.visits) {
          added -= entry.visits;
          return false;
        }
        return Date.now() - entry.recordedAt < SHOWN_UNCONFIRMED_MS;
      });
      return pending.reduce((sum, entry) => sum + entry.visits, 0);
    },
    reset(): void {
      lastServer = undefined;
      pending = [];
    },
  };
}
