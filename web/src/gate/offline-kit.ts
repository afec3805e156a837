import { type PublicKeyEntry, TokenVerifier } from '../../../shared/domain/token-verifier';
import { request } from '../common/api';
import { fairNow } from '../common/fair-clock';

/**
 * What the gate needs to judge tickets with no network: the public keys and the revoked ticket ids,
 * fetched while online and kept in localStorage (a few thousand ids fit easily), refreshed each minute.
 */
const STORAGE_KEY = 'rawaq.offlineKit';

interface Stored {
  keys: PublicKeyEntry[];
  revoked: string[];
  cursor: string | null;
  updatedAt: string | null;
}

export class OfflineKit {
  private stored: Stored;
  private verifierCache: { keys: string; verifier: TokenVerifier } | undefined;
  revoked: Set<string>;

  constructor() {
    const text = localStorage.getItem(STORAGE_KEY);
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
    const keys = JSON.stringify(this.stored.keys);
    if (this.verifierCache?.keys !== keys) this.verifierCache = { keys, verifier: new TokenVerifier(this.stored.keys) };
    return this.verifierCache.verifier;
  }

  /** Throws NetworkError when offline; the kit already held stays in use. */
  async refresh(): Promise<void> {
    const { keys } = await request<{ keys: PublicKeyEntry[] }>('/v1/keys');
    let cursor = this.stored.cursor;
    for (let page = 0; page < 100; page += 1) {
      const query = cursor ? `?since=${encodeURIComponent(cursor)}` : '';
      const answer = await request<{ ticketIds: string[]; cursor: string | null }>(`/v1/revocations${query}`);
      for (const ticketId of answer.ticketIds) this.revoked.add(ticketId);
      const moved = answer.cursor !== cursor;
      cursor = answer.cursor;
      if (!moved || answer.ticketIds.length === 0) break;
    }
    this.stored = { keys, revoked: [...this.revoked], cursor, updatedAt: fairNow().toISOString() };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.stored));
  }
}
