/**
 * Every word the pages show, in English, French and Arabic, one file a language (`messages/`). English
 * is the reference: the other two must have every key (the type says so), so a missing translation
 * fails the type check, not the gate. Arabic's counting texts must have all six plural forms.
 */
export { ar } from './messages/ar';
export { en } from './messages/en';
export { fr } from './messages/fr';
export type { ArabicMessages, ArabicPlural, MessageKey, Messages, Plural, Text } from './messages/types';
