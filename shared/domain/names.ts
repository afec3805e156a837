/**
 * Names in the fair's three languages. A fair's file may give a name in one language or several; the
 * others fall back to one that is given (French readers see the English name before the Arabic one,
 * Arabic readers the French one before the English), so every reader sees a name and nothing is
 * marked missing.
 */
export const LANGUAGE_CODES = ['ar', 'fr', 'en'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];
export type Names = Record<LanguageCode, string>;

const FALLBACKS: Record<LanguageCode, LanguageCode[]> = {
  ar: ['ar', 'fr', 'en'],
  fr: ['fr', 'en', 'ar'],
  en: ['en', 'fr', 'ar'],
};

export function namesOf(text: string | Partial<Names>): Names {
  if (typeof text === 'string') return { ar: text, fr: text, en: text };
  const pick = (language: LanguageCode) =>
    FALLBACKS[language].map((candidate) => text[candidate]).find((value) => value !== undefined && value !== '') ?? '';
  return { ar: pick('ar'), fr: pick('fr'), en: pick('en') };
}

/** An item's name in a language: its `names` where it has them, else its one `name`. */
export function nameIn(item: { name: string; names?: Partial<Names> | undefined }, language: LanguageCode): string {
  return item.names?.[language] || item.name;
}

/**
 * Arabic letters typed either way for the same name: a final ta marbuta as ha (فاطمه for فاطمة), alif
 * maqsura as ya (مصطفي for مصطفى), alif wasla as alif; tatweel (the stretching stroke) is nothing.
 * Hamzas on alif, waw and ya and the short vowels go with the marks (أحمد and احمد are one).
 */
const ARABIC_SPELLINGS: [RegExp, string][] = [
  [/\u0629/g, '\u0647'],
  [/\u0649/g, '\u064A'],
  [/\u0671/g, '\u0627'],
  [/\u0640/g, ''],
];

/**
 * A name as searches compare it: lowercased, accents, marks and Arabic spelling variants aside, a
 * hyphen as a space (Fatima-Zahra is Fatima Zahra). Kept on each ticket when issued (`holderKey`).
 */
export function searchKey(text: string): string {
  const bare = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return ARABIC_SPELLINGS.reduce((key, [variant, as]) => key.replace(variant, as), bare)
    .replace(/[\s\-\u2010]+/g, ' ')
    .trim();
}
