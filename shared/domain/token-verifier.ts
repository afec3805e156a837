import { base64UrlDecode, type ParsedToken, parseToken, type TicketClaims } from './ticket-token';

/**
 * Verifies ticket tokens with public keys alone (WebCrypto Ed25519), the same module on the server
 * and on the gate page when the network is down.
 */
export interface PublicKeyEntry {
  kid: string;
  alg: 'Ed25519';
  /** The raw 32-byte key, base64url. */
  publicKey: string;
}

/**
 * A key taken out of use (a leak, a compromise): tickets it signed are refused everywhere, and said to
 * be so, so the holder is sent for a reprint rather than told the ticket is forged.
 */
export interface RetiredKey {
  kid: string;
  retiredAt: string;
}

export type VerifyResult =
  | { ok: true; claims: TicketClaims }
  | { ok: false; reason: 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'RETIRED_KEY' };

/** What judges a token: a TokenVerifier, or one that also learns new keys (shared/commons/fair-context.ts). */
export interface Verifier {
  verify(token: unknown): Promise<VerifyResult>;
}

export class TokenVerifier implements Verifier {
  private readonly keys = new Map<string, Promise<CryptoKey>>();
  private readonly retired: Set<string>;

  constructor(entries: PublicKeyEntry[], retired: readonly { kid: string }[] = []) {
    this.retired = new Set(retired.map((key) => key.kid));
    for (const entry of entries) {
      this.keys.set(
        entry.kid,
        crypto.subtle.importKey('raw', base64UrlDecode(entry.publicKey) as BufferSource, { name: 'Ed25519' }, false, [
          'verify',
        ]),
      );
    }
  }

  async verify(token: unknown): Promise<VerifyResult> {
    const parsed: ParsedToken | string = parseToken(token);
    if (typeof parsed === 'string') return { ok: false, reason: 'MALFORMED' };
    if (this.retired.has(parsed.claims.kid)) return { ok: false, reason: 'RETIRED_KEY' };
    const key = this.keys.get(parsed.claims.kid);
    if (!key) return { ok: false, reason: 'UNKNOWN_KEY' };
    let valid = false;
    try {
      valid = await crypto.subtle.verify(
        { name: 'Ed25519' },
        await key,
        parsed.signature as BufferSource,
        new TextEncoder().encode(parsed.signedText) as BufferSource,
      );
    } catch {
      valid = false;
    }
    return valid ? { ok: true, claims: parsed.claims } : { ok: false, reason: 'BAD_SIGNATURE' };
  }
}
