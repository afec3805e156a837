import { parseConsentCode } from './consent-code';
import { normalizeShortCode } from './short-code';
import { parseToken } from './ticket-token';

/**
 * A handheld scanner (a keyboard wedge) types a code as key presses, most of them set up for a US
 * keyboard. On a phone or laptop whose keyboard is French (AZERTY, Morocco's usual) or Arabic, the
 * same presses read as other characters: `R1.RoOG…` arrives as `R&:RoOG…`, a ticket's digits as
 * `&é"'(`. Each press also says which key it was (`KeyboardEvent.code`, the key's place, whatever the
 * layout), so the code can be read back as a US keyboard would have typed it.
 */

/** What the keys a code uses type on a US keyboard, by place: [plain, with Shift]. */
const US_KEYS: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  Period: ['.', '>'],
  Comma: [',', '<'],
  Slash: ['/', '?'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadSubtract: ['-', '-'],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** What a key at `code` types on a US keyboard, or undefined for a key a code never uses. */
export function usKey(code: string, shift: boolean): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return shift ? letter : letter.toLowerCase();
  const digit = /^(Digit|Numpad)(\d)$/.exec(code);
  if (digit) return shift && digit[1] === 'Digit' ? SHIFTED_DIGITS[Number(digit[2])] : digit[2];
  return US_KEYS[code]?.[shift ? 1 : 0];
}

/** Whether a scanner's text is one of the fair's codes: a ticket's token, a consent code, a short code. */
export function looksLikeCode(text: string): boolean {
  return (
    typeof parseToken(text) === 'object' ||
    parseConsentCode(text) !== undefined ||
    normalizeShortCode(text) !== undefined
  );
}

/**
 * The code a scanner sent: as the keyboard typed it when that is a code (a scanner set up for this
 * keyboard), else as its keys' places read on a US keyboard when that is one, else as typed (the
 * page then says it is no ticket).
 */
export function wedgeCode(asTyped: string, byPlace: string | undefined): string {
  if (looksLikeCode(asTyped) || byPlace === undefined || !looksLikeCode(byPlace)) return asTyped;
  return byPlace;
}
