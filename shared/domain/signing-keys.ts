import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { assembleToken, base64UrlEncode, signedTextOf, type TicketClaims } from './ticket-token';
import type { PublicKeyEntry } from './token-verifier';

/**
 * Ed25519 keys derived from the signing secret that Secrets Manager generated (never in the template).
 * The secret is either one generated string (one key) or, to rotate, JSON
 * `{"signing": "<new seed text>", "previous": ["<old seed text>", ...]}`: tokens are signed with the
 * new key and the old ones are still served, so printed tickets stay valid. A key that leaked is
 * retired by naming its id: `"retired": ["<kid>", ...]`. It is then published as retired and its
 * tickets refused everywhere; retirement is for good. Only an explicit list retires: a signer still
 * holding an older copy of the secret (one that lacks the newest key) must never retire anything.
 */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

interface KeyPair {
  kid: string;
  privateKey: KeyObject;
  publicKeyRaw: Buffer;
}

function keyPairFrom(seedText: string): KeyPair {
  const seed = createHash('sha256').update(`rawaq-ticket-key-v1:${seedText}`).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKeyRaw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const kid = base64UrlEncode(createHash('sha256').update(publicKeyRaw).digest()).slice(0, 8);
  return { kid, privateKey, publicKeyRaw };
}

export class TicketKeyring {
  private readonly signing: KeyPair;
  private readonly all: KeyPair[];
  /** The key ids the secret retires: never signed with, published as retired. */
  readonly retired: string[];

  constructor(secretValue: string) {
    let seeds: { signing: string; previous: string[]; retired: string[] };
    try {
      const parsed = JSON.parse(secretValue) as { signing?: string; previous?: string[]; retired?: string[] };
      seeds = { signing: String(parsed.signing), previous: parsed.previous ?? [], retired: parsed.retired ?? [] };
    } catch {
      seeds = { signing: secretValue, previous: [], retired: [] };
    }
    this.retired = seeds.retired;
    this.signing = keyPairFrom(seeds.signing);
    if (this.retired.includes(this.signing.kid))
      throw new Error(`the signing secret retires its own signing key ${this.signing.kid}: give a new "signing" seed`);
    this.all = [this.signing, ...seeds.previous.map(keyPairFrom)].filter((pair) => !this.retired.includes(pair.kid));
  }

  get signingKid(): string {
    return this.signing.kid;
  }

  /** Whether the ring still holds this key (a key dropped from the secret is retired). */
  holds(kid: string | undefined): boolean {
    return kid !== undefined && this.all.some((pair) => pair.kid === kid);
  }

  publicKeys(): PublicKeyEntry[] {
    return this.all.map((pair) => ({ kid: pair.kid, alg: 'Ed25519', publicKey: base64UrlEncode(pair.publicKeyRaw) }));
  }

  /**
   * Ed25519 signatures are deterministic: the same ticket signed by the same key always gives the same
   * token. `kid` re-signs with a key the ring still holds (a ticket printed before a rotation keeps
   * its QR code); without it, or with a key retired, the current signing key (its badge is re-issued).
   */
  signToken(claims: Omit<TicketClaims, 'kid'>, kid?: string): string {
    const pair = (kid && this.all.find((candidate) => candidate.kid === kid)) || this.signing;
    const full: TicketClaims = { ...claims, kid: pair.kid };
    const signature = sign(null, Buffer.from(signedTextOf(full), 'utf8'), pair.privateKey);
    return assembleToken(full, signature);
  }
}
