import { judgeToken } from '../../../shared/domain/scan-rules';
import { normalizeShortCode } from '../../../shared/domain/short-code';
import { type PublicKeyEntry, type RetiredKey, TokenVerifier } from '../../../shared/domain/token-verifier';
import { request } from '../common/api';
import { STORED } from '../common/stored';

interface StoredKeys {
  keys: PublicKeyEntry[];
  retired: RetiredKey[];
}

/**
 * A badge checked on the booth's phone before the visitor is asked anything: the fair's public keys
 * (kept on the phone, so the check works offline after one connection) say whether the code is one of
 * this fair's tickets. A code they cannot judge (a key this phone has not learnt yet) is asked about as
 * before and judged by the server when sent.
 */
export class BadgeCheck {
  private verifier: TokenVerifier | undefined;

  constructor(private readonly fairId: string) {
    const stored = localStorage.getItem(STORED.boothKeys);
    if (stored) this.use(JSON.parse(stored) as StoredKeys);
  }

  /** Reads the keys again (at the page's start and each refresh); offline, the kept ones stay in use. */
  async refresh(): Promise<void> {
    const answer = await request<{ keys: PublicKeyEntry[]; retired?: RetiredKey[] }>('/v1/keys');
    const stored = { keys: answer.keys, retired: answer.retired ?? [] };
    localStorage.setItem(STORED.boothKeys, JSON.stringify(stored));
    this.use(stored);
  }

  /**
   * 'ticket': this fair's signed badge; 'not-a-ticket': forged, damaged, withdrawn or another fair's.
   * A short code typed from under the QR code names a ticket only the server can look up: 'unknown'.
   */
  async judge(code: string): Promise<'ticket' | 'not-a-ticket' | 'unknown'> {
    if (!this.verifier || normalizeShortCode(code)) return 'unknown';
    const verified = await this.verifier.verify(code.trim());
    if (!verified.ok && verified.reason === 'UNKNOWN_KEY') return 'unknown';
    return judgeToken(verified, this.fairId) ? 'not-a-ticket' : 'ticket';
  }

  private use(stored: StoredKeys): void {
    this.verifier = new TokenVerifier(stored.keys, stored.retired);
  }
}
