import { latinDigits } from './digits';

/**
 * A ticket's short code: what a person types when a badge's QR code is torn or smudged. Ten characters
 * of Crockford's base32 (digits and letters without I, L, O, U: nothing to misread), 50 random bits,
 * printed as `K7QM3-XPD9R`. Typed in any case, with or without the dash or spaces, its digits from an
 * Arabic keyboard too (٧ is 7); O is read as 0, I and L as 1. It says nothing about the ticket: it is
 * looked up, online only.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 10;

export function newShortCode(random: (size: number) => Uint8Array): string {
  const bytes = random(SHORT_CODE_LENGTH);
  return [...bytes].map((byte) => ALPHABET[byte & 31]).join('');
}

/** The code as stored, or undefined when the text is not a short code. */
export function normalizeShortCode(text: string): string | undefined {
  const compact = latinDigits(text).trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== SHORT_CODE_LENGTH) return undefined;
  return [...compact].every((char) => ALPHABET.includes(char)) ? compact : undefined;
}

export function formatShortCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
