import { describe, expect, it } from 'vitest';
import { usKey, wedgeCode } from '#shared/domain/wedge-keys';

describe("a handheld scanner's keys on a keyboard that is not a US one", () => {
  it('reads a key by its place as a US keyboard has it', () => {
    expect(usKey('KeyQ', false)).toBe('q');
    expect(usKey('KeyA', true)).toBe('A');
    expect(usKey('Digit1', false)).toBe('1');
    expect(usKey('Numpad7', false)).toBe('7');
    expect(usKey('Minus', true)).toBe('_');
    expect(usKey('Period', false)).toBe('.');
    expect(usKey('F5', false)).toBeUndefined();
  });

  it('takes the code as typed when it is one, else as its places read, else as typed', () => {
    // A short code from a US scanner on a French keyboard: digits unshifted are &é"'(, the dash ), A is Q.
    expect(wedgeCode('&é"\'()QBCDE', '12345-ABCDE')).toBe('12345-ABCDE');
    // A scanner set up for the phone's own keyboard: what it typed is the code.
    expect(wedgeCode('12345-ABCDE', 'q2345)ABCDE')).toBe('12345-ABCDE');
    // Neither is a code (a key with no US place, or a stray read): as typed, for the page to refuse.
    expect(wedgeCode('hello there', undefined)).toBe('hello there');
    expect(wedgeCode('hello there', 'hello there')).toBe('hello there');
  });
});
