import { z } from 'zod';
import type { LanguageCode } from './domain/names';

/**
 * CSV files that a double-click opens right in Excel set to French (its list separator is `;`) and in
 * LibreOffice: UTF-8 with a byte-order mark (so Arabic names survive), one header row in the reader's
 * language, `;` between fields unless `?separator=comma` asks for RFC 4180's commas, and no cell that
 * a spreadsheet would run as a formula (one starting with = + - @ or a control character gets a `'`).
 */
export const CsvQuerySchema = z.object({
  separator: z.enum(['semicolon', 'comma']).optional(),
  lang: z.enum(['ar', 'fr', 'en']).optional(),
});
export type CsvQuery = z.infer<typeof CsvQuerySchema>;

const COLUMN_NAMES: Record<string, Record<LanguageCode, string>> = {
  rank: { ar: 'الترتيب', fr: 'Rang', en: 'rank' },
  boothId: { ar: 'الرواق', fr: 'Stand', en: 'boothId' },
  exhibitor: { ar: 'العارض', fr: 'Exposant', en: 'exhibitor' },
  category: { ar: 'الصنف', fr: 'Catégorie', en: 'category' },
  visits: { ar: 'الزيارات', fr: 'Visites', en: 'visits' },
  uniqueVisitors: { ar: 'الزوار المختلفون', fr: 'Visiteurs uniques', en: 'uniqueVisitors' },
  day: { ar: 'اليوم', fr: 'Jour', en: 'day' },
  hour: { ar: 'الساعة', fr: 'Heure', en: 'hour' },
};

/** The header row: column ids as they are (no `lang`), or their names in that language. */
export function csvHeader(columns: string[], lang: LanguageCode | undefined): string[] {
  return columns.map((column) => (lang ? (COLUMN_NAMES[column]?.[lang] ?? column) : column));
}

function cell(value: string | number, separator: string): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: string[], rows: (string | number)[][], query: CsvQuery = {}): string {
  const separator = query.separator === 'comma' ? ',' : ';';
  const lines = [header, ...rows].map((row) => row.map((value) => cell(value, separator)).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
