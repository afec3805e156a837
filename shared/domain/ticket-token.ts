/**
 * The ticket token in a QR code: compact, URL-safe text, versioned, signed with Ed25519.
 *
 *   R1.<kid>.<fairId>.<ticketId>.<category>.<firstDay><dayMask>.<signature>
 *
 * - `kid`: the signing key's id (8 base64url chars), so keys can rotate;
 * - `category`: one letter (v visitor, e exhibitor, p press, s staff, i vip);
 * - days: the first valid day as YYYYMMDD and a hex bit mask of valid days from it (bit 0 = that day);
 * - signature: Ed25519 over everything before the last dot, base64url (86 chars).
 * No personal data: a name or an attention note never goes in a token. About 150 characters: QR
 * version 8 at error correction M, which phone cameras read quickly. Pure: runs in Node and browsers.
 */
export const TOKEN_VERSION = 'R1';

export const CATEGORIES = ['visitor', 'exhibitor', 'press', 'staff', 'vip'] as const;
export type Category = (typeof CATEGORIES)[number];
const LETTER: Record<Category, string> = { visitor: 'v', exhibitor: 'e', press: 'p', staff: 's', vip: 'i' };
const BY_LETTER = Object.fromEntries(Object.entries(LETTER).map(([category, letter]) => [letter, category])) as Record<
  string,
  Category
>;

export interface TicketClaims {
  kid: string;
  fairId: string;
  ticketId: string;
  category: Category;
  validDays: string[];
}

export interface ParsedToken {
  claims: TicketClaims;
  signedText: string;
  signature: Uint8Array;
}

export type TokenProblem = 'MALFORMED' | 'UNSUPPORTED_VERSION';

const KID = /^[A-Za-z0-9_-]{8}$/;
const FAIR_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TICKET_ID = /^[A-Za-z0-9_-]{16}$/;
const DAYS = /^(\d{8})([0-9a-f]{1,8})$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
const DAY_MS = 86_400_000;

function dayToUtc(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function utcToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `['2027-03-26', '2027-03-28']` -> `20270326` + mask `5`. Days span at most 32 days. */
export function encodeDays(days: string[]): string {
  if (days.length === 0) throw new Error('a ticket needs at least one valid day');
  const sorted = [...new Set(days)].sort();
  const first = dayToUtc(sorted[0] as string);
  let mask = 0;
  for (const day of sorted) {
    const offset = Math.round((dayToUtc(day) - first) / DAY_MS);
    if (offset > 31) throw new Error('valid days must fall within 32 days');
    mask = (mask | (1 << offset)) >>> 0;
  }
  return `${(sorted[0] as string).replaceAll('-', '')}${mask.toString(16)}`;
}

export function decodeDays(text: string): string[] | undefined {
  const match = DAYS.exec(text);
  if (!match) return undefined;
  const compact = match[1] as string;
  const first = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const start = dayToUtc(first);
  if (Number.isNaN(start) || utcToDay(start) !== first) return undefined;
  const mask = Number.parseInt(match[2] as string, 16);
  if (!(mask & 1)) return undefined; // the first day is always valid: a canonical encoding has bit 0 set
  const days: string[] = [];
  for (let bit = 0; bit < 32; bit += 1) if ((mask >>> bit) & 1) days.push(utcToDay(start + bit * DAY_MS));
  return days;
}

/** The text the signature covers. */
export function signedTextOf(claims: TicketClaims): string {
  return [
    TOKEN_VERSION,
    claims.kid,
    claims.fairId,
    claims.ticketId,
    LETTER[claims.category],
    encodeDays(claims.validDays),
  ].join('.');
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function base64UrlDecode(text: string): Uint8Array {
  const padded = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function assembleToken(claims: TicketClaims, signature: Uint8Array): string {
  return `${signedTextOf(claims)}.${base64UrlEncode(signature)}`;
}

/** Splits and checks the shape of a token; the signature is checked by the verifier. */
export function parseToken(token: unknown): ParsedToken | TokenProblem {
  if (typeof token !== 'string' || token.length > 400) return 'MALFORMED';
  // No trimming, and below no second spelling of the signature: exactly one string per ticket verifies.
  const parts = token.split('.');
  if (parts[0] !== TOKEN_VERSION)
    return parts.length === 7 && /^R\d+$/.test(parts[0] ?? '') ? 'UNSUPPORTED_VERSION' : 'MALFORMED';
  if (parts.length !== 7) return 'MALFORMED';
  const [, kid, fairId, ticketId, letter, days, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const category = BY_LETTER[letter];
  const validDays = decodeDays(days);
  if (
    !KID.test(kid) ||
    !FAIR_ID.test(fairId) ||
    !TICKET_ID.test(ticketId) ||
    !category ||
    !validDays ||
    !SIGNATURE.test(signature)
  ) {
    return 'MALFORMED';
  }
  // 64 bytes take 85 characters and 2 bits of an 86th: its other 4 bits are spare, and only their
  // canonical value (zero) is accepted, or 16 spellings of one token would verify.
  const decoded = base64UrlDecode(signature);
  if (base64UrlEncode(decoded) !== signature) return 'MALFORMED';
  return {
    claims: { kid, fairId, ticketId, category, validDays },
    signedText: parts.slice(0, 6).join('.'),
    signature: decoded,
  };
}
