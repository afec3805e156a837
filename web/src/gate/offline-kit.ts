import { type PublicKeyEntry, type RetiredKey, TokenVerifier } from '../../../shared/domain/token-verifier';
import { NetworkError, request } from '../common/api';
import { fairNow } from '../common/fair-clock';
import { STORED } from '../common/stored';

/**
 * What the gate needs to judge tickets with no network: the public keys and the revoked ticket ids,
 * fetched while online and kept in localStorage (a few thousand ids fit easily), refreshed each minute.
 */

interface Stored {
  keys: PublicKeyEntry[];
  /** Keys withdrawn after a leak: their tickets are refused (absent in kits saved by earlier versions). */
  retired?: RetiredKey[];
  revoked: string[];
  cursor: string | null;
  /** When the list was last read to its end. */
  updatedAt: string | null;
  /** The last refresh failed for a reason other than the network (the list may miss revocations). */
  failedAt?: string;
}

export class OfflineKit {
  private stored: Stored;
  private verifierCache: { keys: string; verifier: TokenVerifier } | undefined;
  revoked: Set<string>;

  constructor() {
    const text = localStorage.getItem(STORED.offlineKit);
    this.stored = text ? (JSON.parse(text) as Stored) : { keys: [], revoked: [], cursor: null, updatedAt: null };
    this.revoked = new Set(this.stored.revoked);
  }

  get ready(): boolean {
    return this.stored.keys.length > 0;
  }

  get updatedAt(): string | null {
    return this.stored.updatedAt;
  }

  get verifier(): TokenVerifier {
    const keys = JSON.stringify([this.stored.keys, this.stored.retired]);
    if (this.verifierCache?.keys !== keys)
      this.verifierCache = { keys, verifier: new TokenVerifier(this.stored.keys, this.stored.retired ?? []) };
    return this.verifierCache.verifier;
  }

  /**
   * When the last refresh failed for another reason than the network (the server refused or broke): the
   * list is out of date since `updatedAt`, and the page says so rather than judge on it as if fresh.
   */
  get failing(): boolean {
    return this.stored.failedAt !== undefined;
  }

  /**
   * Reads the keys and the revocations since the cursor, page after page to the end. Each page read is
   * kept at once, so a refresh cut short goes on from the last good page. Throws NetworkError when
   * offline (the kit held stays in use); any other failure is kept as `failing` and thrown too.
   */
  /** A refresh is under way (the list may be partly read: as of `updatedAt`). */
  refreshing = false;

  async refresh(): Promise<void> {
    this.refreshing = true;
    try {
      const { keys, retired } = await request<{ keys: PublicKeyEntry[]; retired?: RetiredKey[] }>('/v1/keys');
      this.save({ ...this.stored, keys, retired: retired ?? [] });
      for (let page = 0; page < 100; page += 1) {
        const cursor = this.stored.cursor;
        const query = cursor ? `?since=${encodeURIComponent(cursor)}` : '';
        // A page holds up to 1,000 ids: on a slow venue network it gets more time than a scan.
        const answer = await request<{ ticketIds: string[]; cursor: string | null }>(`/v1/revocations${query}`, {
          timeoutMs: 15_000,
        });
        for (const ticketId of answer.ticketIds) this.revoked.add(ticketId);
        this.save({ ...this.stored, revoked: [...this.revoked], cursor: answer.cursor });
        if (answer.ticketIds.length === 0 || answer.cursor === cursor) break;
      }
      const { failedAt: _failed, ...rest } = this.stored;
      this.save({ ...rest, updatedAt: fairNow().toISOString() });
    } catch (error) {
      // The network down is "offline", a state of its own; an answer that is a failure is not.
      const answered = !(error instanceof NetworkError) || error.status !== undefined;
      if (answered) this.save({ ...this.stored, failedAt: fairNow().toISOString() });
      throw error;
    } finally {
      this.refreshing = false;
    }
  }

  private save(stored: Stored): void {
    this.stored = stored;
    localStorage.setItem(STORED.offlineKit, JSON.stringify(stored));
  }
}
