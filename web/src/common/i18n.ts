import { ar, en, fr, type MessageKey, type Messages } from './messages';

/** The page's language: chosen on any page, remembered on the device, Arabic laid out right to left. */
export const LANGUAGES = [
  { code: 'ar', label: 'العربية', locale: 'ar-MA', dir: 'rtl' },
  { code: 'fr', label: 'Français', locale: 'fr-MA', dir: 'ltr' },
  { code: 'en', label: 'English', locale: 'en-GB', dir: 'ltr' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const CATALOGUE: Record<Language, Messages> = { ar, fr, en };
const STORAGE_KEY = 'rawaq.language';
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
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

export function isRtl(): boolean {
  return current === 'ar';
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGUE[current][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : (value ?? '');
  });
}

/** A key chosen at run time (a verdict, a level), checked against the catalogue. */
export function tKnown(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** Times are shown in the fair's zone, whatever zone the phone is set to. */
export function formatTime(instant: string | number | Date, timeZone: string, seconds = false): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** `2027-03-26` as "vendredi 26 mars": the day is already the fair's, so it is formatted as UTC. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyLanguage();
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** Sets lang and dir on the document and fills every `data-t` element with its text. */
export function applyLanguage(root: ParentNode = document): void {
  const entry = LANGUAGES.find((candidate) => candidate.code === current) ?? LANGUAGES[1];
  document.documentElement.lang = entry.code;
  document.documentElement.dir = entry.dir;
  for (const element of root.querySelectorAll<HTMLElement>('[data-t]')) {
    element.textContent = t(element.dataset.t as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-t-placeholder]')) {
    element.setAttribute('placeholder', t(element.dataset.tPlaceholder as MessageKey));
  }
}
