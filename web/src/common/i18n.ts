import { type FairZone, wallClock } from '../../../shared/domain/fair-time';
import { ar, en, fr, type MessageKey, type Messages, type Plural, type Text } from './messages';
import { STORED } from './stored';

/** The page's language: chosen on any page, remembered on the device, Arabic laid out right to left. */
export const LANGUAGES = [
  { code: 'ar', label: 'العربية', locale: 'ar-MA', dir: 'rtl' },
  { code: 'fr', label: 'Français', locale: 'fr-MA', dir: 'ltr' },
  { code: 'en', label: 'English', locale: 'en-GB', dir: 'ltr' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const CATALOGUE: Record<Language, Messages> = { ar, fr, en };
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORED.language);
  if (saved === 'ar' || saved === 'fr' || saved === 'en') return saved;
  const preferred = navigator.language.slice(0, 2);
  return preferred === 'ar' || preferred === 'en' ? preferred : 'fr';
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

export function locale(): string {
  return LANGUAGES.find((entry) => entry.code === current)?.locale ?? 'fr-MA';
}

/** "from → to" in the reading direction: the arrow points from what was to what is, in Arabic too. */
export function fromTo(from: string, to: string): string {
  return `${from} ${isRtl() ? '←' : '→'} ${to}`;
}

/**
 * A span of clock times ("10:00–11:30") kept left to right inside any text: in Arabic, unisolated, the
 * bidi algorithm shows it as "11:30–10:00".
 */
export function timeSpan(from: string, to: string): string {
  return ltr(`${from}–${to}`);
}

/** A path, a code or a Latin label kept left to right inside any text ("/gate", not "gate/" in Arabic). */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

export function isRtl(): boolean {
  return current === 'ar';
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of a counting text for this number in the page's language (Arabic: zero, one, two, few, many, other). */
function pluralForm(text: Plural, params: Record<string, string | number>): string {
  const count = Number(params[text.by ?? 'count'] ?? 0);
  let rules = pluralRules.get(locale());
  if (!rules) {
    rules = new Intl.PluralRules(locale());
    pluralRules.set(locale(), rules);
  }
  return text[rules.select(count) as keyof Plural] ?? text.other;
}

/**
 * French typography: a no-break space before `:` and a narrow one before `;`, `!` and `?`, inside
 * guillemets too, so that a line never starts with the sign.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ :/g, '\u00a0:')
    .replace(/ ([;!?])/g, '\u202f$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»');
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const entry: Text = CATALOGUE[current][key] ?? en[key];
  const text = typeof entry === 'string' ? entry : pluralForm(entry, params);
  const filled = text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : (value ?? '');
  });
  return current === 'fr' ? frenchSpacing(filled) : filled;
}

/** "Label: value" in the reader's typography (French puts a no-break space before the colon). */
export function labelled(label: string, value: string | number): string {
  const shown = typeof value === 'number' ? formatNumber(value) : value;
  return `${label}${current === 'fr' ? '\u00a0:' : ':'} ${shown}`;
}

/** A known key's plain text in a given language, whatever the page's (a bilingual badge prints both). */
export function tIn(lang: Language, key: string, fallback: string): string {
  const entry = (CATALOGUE[lang] as Record<string, Text | undefined>)[key];
  return typeof entry === 'string' ? entry : fallback;
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/**
 * Times are shown as the fair's clock reads them, whatever zone the phone is set to and whatever zone
 * data it carries: the wall clock comes from the fair's offsets (given by the API), and only the
 * formatting is the browser's, in UTC.
 */
export function formatTime(instant: string | number | Date, zone: FairZone, seconds = false): string {
  const date = new Date(instant);
  const clock = wallClock(date, zone);
  const [year, month, day] = clock.day.split('-').map(Number) as [number, number, number];
  const shown = Date.UTC(year, month - 1, day, clock.hour, clock.minute, date.getUTCSeconds());
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(shown);
}

/** `2027-03-26` as "vendredi 26 mars": the day is already the fair's, so it is formatted as UTC. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** `2027-03-26` as "ven. 26 mars", for lists where the long form crowds the line. */
export function formatShortDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * Days as runs: `26-31 March` for six days in a row, `26-27 March, 29 March` with a gap; fair days are
 * formatted as UTC (they already are the fair's).
 */
export function formatDayRanges(days: readonly string[], lang: Language = current): string {
  const sorted = [...new Set(days)].sort();
  const runs: [string, string][] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    const next = last ? new Date(Date.parse(`${last[1]}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : '';
    if (last && next === day) last[1] = day;
    else runs.push([day, day]);
  }
  const inLocale = LANGUAGES.find((entry) => entry.code === lang)?.locale ?? locale();
  const format = new Intl.DateTimeFormat(inLocale, { timeZone: 'UTC', day: 'numeric', month: 'long' });
  return runs
    .map(([from, to]) =>
      from === to
        ? format.format(new Date(`${from}T12:00:00Z`))
        : format.formatRange(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`)),
    )
    .join(', ');
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORED.language, next);
  applyLanguage();
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/**
 * Sets lang and dir on the document and fills every `data-t` element with its text, and every
 * `data-short-day` one (a fair day in a picker or a list) with the day as the reader writes it.
 */
export function applyLanguage(root: ParentNode = document): void {
  const entry = LANGUAGES.find((candidate) => candidate.code === current) ?? LANGUAGES[1];
  document.documentElement.lang = entry.code;
  document.documentElement.dir = entry.dir;
  for (const element of root.querySelectorAll<HTMLElement>('[data-t]')) {
    element.textContent = t(element.dataset.t as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-t-label]')) {
    element.setAttribute('aria-label', t(element.dataset.tLabel as MessageKey));
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-t-placeholder]')) {
    element.setAttribute('placeholder', t(element.dataset.tPlaceholder as MessageKey));
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-short-day]')) {
    element.textContent = formatShortDay(element.dataset.shortDay ?? '');
  }
}

/** An item's name in the reader's language (zones, gates, categories), falling back to its one name. */
export function localName(item: { name: string; names?: { ar: string; fr: string; en: string } | undefined }): string {
  const name = item.names?.[current] || item.name;
  return current === 'fr' ? frenchSpacing(name) : name;
}

/** A workshop's or seminar's title in the reader's language. */
export function localTitle(item: {
  title: string;
  titles?: { ar: string; fr: string; en: string } | undefined;
}): string {
  const title = item.titles?.[current] || item.title;
  return current === 'fr' ? frenchSpacing(title) : title;
}
