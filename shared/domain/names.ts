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

/** A name as searches compare it: lowercased, accents and spacing aside (Arabic stays as written). */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
