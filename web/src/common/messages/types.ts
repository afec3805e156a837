import type { en } from './en';

/**
 * A text that counts something has a form for each plural category of its language
 * (`Intl.PluralRules`); `{count}` (or the parameter named in `by`) chooses.
 */
export interface Plural {
  by?: string;
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
/** Arabic has six plural categories, and a counting text must say each: none falls back to `other`. */
export interface ArabicPlural extends Plural {
  zero: string;
  one: string;
  two: string;
  few: string;
  many: string;
}
export type Text = string | Plural;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, Text>;
export type ArabicMessages = Record<MessageKey, string | ArabicPlural>;
