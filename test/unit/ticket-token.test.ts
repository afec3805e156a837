import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { TicketKeyring } from '#shared/domain/signing-keys';
import { decodeDays, encodeDays, parseToken } from '#shared/domain/ticket-token';
import { TokenVerifier } from '#shared/domain/token-verifier';

const keyring = new TicketKeyring('a-test-seed-that-is-long-enough-0123456789');
const claims = {
  fairId: 'oujda-ess-2027',
  ticketId: 'AAAAAAAAAAAAAAAA',
  category: 'visitor' as const,
  validDays: ['2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30', '2027-03-31'],
};

describe('ticket tokens', () => {
  it('round-trips the claims and verifies with the public key alone', async () => {
    const token = keyring.signToken(claims);
    const verifier = new TokenVerifier(keyring.publicKeys());
    expect(await verifier.verify(token)).toEqual({ ok: true, claims: { ...claims, kid: keyring.signingKid } });
  });

  it('fits QR version 10 or below at error correction M', () => {
    const token = keyring.signToken({ ...claims, fairId: 'a-much-longer-fair-identifier-2027' });
    expect(QRCode.create(token, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(10);
    expect(QRCode.create(keyring.signToken(claims), { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(8);
  });

  it('refuses any change to a signed token', async () => {
    const token = keyring.signToken(claims);
    const verifier = new TokenVerifier(keyring.publicKeys());
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...'ABCabc019-_.'), async (index, replacement) => {
        fc.pre(token[index] !== replacement);
        const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
        expect((await verifier.verify(tampered)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('verifies exactly one spelling of a token: every other character in every position is refused', async () => {
    const token = keyring.signToken(claims);
    const verifier = new TokenVerifier(keyring.publicKeys());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.= +/';
    const accepted: string[] = [];
    for (let index = 0; index < token.length; index += 1) {
      for (const character of alphabet) {
        if (character === token[index]) continue;
        const variant = token.slice(0, index) + character + token.slice(index + 1);
        if ((await verifier.verify(variant)).ok) accepted.push(`${index}:${character}`);
      }
    }
    // The signature's last character carries 2 bits: its 4 spare bits once let 16 spellings verify.
    expect(accepted).toEqual([]);
    for (const padded of [` ${token}`, `${token} `, `${token}\n`, `\t${token}`]) {
      expect((await verifier.verify(padded)).ok, JSON.stringify(padded)).toBe(false);
    }
    expect((await verifier.verify(token)).ok).toBe(true);
  });

  it('refuses a token signed by a key it does not know, and serves old keys after a rotation', async () => {
    const other = new TicketKeyring('another-fair-seed');
    const verifier = new TokenVerifier(keyring.publicKeys());
    expect(await verifier.verify(other.signToken(claims))).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    const rotated = new TicketKeyring(
      JSON.stringify({ signing: 'new-seed', previous: ['a-test-seed-that-is-long-enough-0123456789'] }),
    );
    const afterRotation = new TokenVerifier(rotated.publicKeys());
    expect((await afterRotation.verify(keyring.signToken(claims))).ok).toBe(true);
    expect((await afterRotation.verify(rotated.signToken(claims))).ok).toBe(true);
    expect(rotated.signingKid).not.toBe(keyring.signingKid);
  });

  it('never throws on any input, and parses only well-formed tokens', async () => {
    const verifier = new TokenVerifier(keyring.publicKeys());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 500 }), fc.anything()),
        async (input) => {
          const parsed = parseToken(input);
          expect(parsed === 'MALFORMED' || parsed === 'UNSUPPORTED_VERSION' || typeof parsed === 'object').toBe(true);
          expect((await verifier.verify(input)).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
    expect(parseToken(`${keyring.signToken(claims).slice(0, 60)}`)).toBe('MALFORMED');
    expect(parseToken(keyring.signToken(claims).replace(/^R1/, 'R9'))).toBe('UNSUPPORTED_VERSION');
  });

  it('encodes any set of days within 32 days and decodes it back', () => {
    const start = Date.UTC(2027, 2, 20);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(31), { minLength: 1, maxLength: 32 }), fc.nat(400), (offsets, shift) => {
        const base = start + shift * 86_400_000;
        const days = offsets.map((offset) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10));
        expect(decodeDays(encodeDays(days))).toEqual([...days].sort());
      }),
    );
  });

  it('keeps personal data out of the token', () => {
    const token = keyring.signToken(claims);
    expect(token.split('.')).toHaveLength(7);
    expect(token).not.toMatch(/holder|name|note/i);
  });
});
