import type { CsvQuery } from '../contract/csv';
import type { LanguageCode } from '../domain/names';

/**
 * CSV files that a double-click opens right in Excel set to French (its list separator is `;`) and in
 * LibreOffice: UTF-8 with a byte-order mark (so Arabic names survive), one header row in the reader's
 * language, `;` between fields unless `?separator=comma` asks for RFC 4180's commas, and no cell that
 * a spreadsheet would run as a formula (one starting with = + - @ or a control character gets a `'`).
 */

const COLUMN_NAMES: Record<string, Record<LanguageCode, string>> = {
  rank: { ar: 'الترتيب', fr: 'Rang', en: 'rank' },
  boothId: { ar: 'الجناح', fr: 'Stand', en: 'boothId' },
  exhibitor: { ar: 'العارض', fr: 'Exposant', en: 'exhibitor' },
  category: { ar: 'الصنف', fr: 'Catégorie', en: 'category' },
  visits: { ar: 'الزيارات', fr: 'Visites', en: 'visits' },
  badgeVisits: { ar: 'زيارات بالشارة', fr: 'Visites avec badge', en: 'badgeVisits' },
  countedVisits: { ar: 'زيارات عدّها الجناح', fr: 'Visites comptées par le stand', en: 'countedVisits' },
  uniqueVisitors: { ar: 'الزوار المختلفون', fr: 'Visiteurs uniques', en: 'uniqueVisitors' },
  day: { ar: 'اليوم', fr: 'Jour', en: 'day' },
  hour: { ar: 'الساعة', fr: 'Heure', en: 'hour' },
  measure: { ar: 'المؤشر', fr: 'Mesure', en: 'measure' },
  total: { ar: 'المجموع', fr: 'Total', en: 'total' },
  ticketed: { ar: 'بالتذاكر', fr: 'Avec billet', en: 'ticketed' },
  counted: { ar: 'دخول حر معدود', fr: 'Entrées libres comptées', en: 'counted' },
  zoneId: { ar: 'رمز المنطقة', fr: 'Zone (id)', en: 'zoneId' },
  zone: { ar: 'المنطقة', fr: 'Zone', en: 'zone' },
  capacity: { ar: 'الطاقة الاستيعابية', fr: 'Capacité', en: 'capacity' },
  peak: { ar: 'الذروة', fr: 'Pic', en: 'peak' },
  peakAt: { ar: 'وقت الذروة', fr: 'Heure du pic', en: 'peakAt' },
  sweptOut: { ar: 'أُخرجوا عند الإغلاق', fr: 'Sortis à la clôture', en: 'sweptOut' },
  inside: { ar: 'الحاضرون', fr: 'Présents', en: 'inside' },
  verdict: { ar: 'الحكم', fr: 'Verdict', en: 'verdict' },
  count: { ar: 'العدد', fr: 'Nombre', en: 'count' },
  workshopId: { ar: 'رمز الورشة', fr: 'Atelier (id)', en: 'workshopId' },
  title: { ar: 'العنوان', fr: 'Titre', en: 'title' },
  startsAt: { ar: 'البداية', fr: 'Début', en: 'startsAt' },
  registered: { ar: 'المسجلون', fr: 'Inscrits', en: 'registered' },
  attended: { ar: 'الحاضرون', fr: 'Présents', en: 'attended' },
  status: { ar: 'الحالة', fr: 'État', en: 'status' },
  alertId: { ar: 'التنبيه', fr: 'Alerte', en: 'alertId' },
  level: { ar: 'المستوى', fr: 'Niveau', en: 'level' },
  raisedAt: { ar: 'وقت التنبيه', fr: 'Déclenchée à', en: 'raisedAt' },
  acknowledgedAt: { ar: 'وقت الإقرار', fr: 'Prise en compte à', en: 'acknowledgedAt' },
  secondsToAcknowledge: { ar: 'ثوان حتى الإقرار', fr: 'Secondes avant prise en compte', en: 'secondsToAcknowledge' },
  entries: { ar: 'الدخول', fr: 'Entrées', en: 'entries' },
  exits: { ar: 'الخروج', fr: 'Sorties', en: 'exits' },
  ticketHolders: { ar: 'حاملو التذاكر', fr: 'Porteurs de billet', en: 'ticketHolders' },
  refusals: { ar: 'الرفض', fr: 'Refus', en: 'refusals' },
  alerts: { ar: 'التنبيهات', fr: 'Alertes', en: 'alerts' },
  zones: { ar: 'المناطق', fr: 'Zones', en: 'zones' },
  insideByHour: { ar: 'الحاضرون حسب الساعة', fr: 'Présents par heure', en: 'insideByHour' },
  workshops: { ar: 'الورشات والندوات', fr: 'Ateliers et séminaires', en: 'workshops' },
  booths: { ar: 'الأجنحة', fr: 'Stands', en: 'booths' },
  at: { ar: 'التاريخ والوقت', fr: 'Date et heure', en: 'at' },
  name: { ar: 'الاسم', fr: 'Nom', en: 'name' },
  phone: { ar: 'الهاتف', fr: 'Téléphone', en: 'phone' },
  whatsapp: { ar: 'واتساب', fr: 'WhatsApp', en: 'whatsapp' },
  email: { ar: 'البريد الإلكتروني', fr: 'E-mail', en: 'email' },
  city: { ar: 'المدينة', fr: 'Ville', en: 'city' },
  organisation: { ar: 'الهيئة', fr: 'Organisation', en: 'organisation' },
  rating: { ar: 'الاهتمام', fr: 'Intérêt', en: 'rating' },
  tags: { ar: 'المنتجات', fr: 'Produits', en: 'tags' },
  note: { ar: 'ملاحظة', fr: 'Note', en: 'note' },
  ticketId: { ar: 'رقم التذكرة', fr: 'Billet', en: 'ticketId' },
  holders: { ar: 'حاملو التذاكر', fr: 'Porteurs de billet', en: 'holders' },
  byCategory: { ar: 'حسب فئة التذكرة', fr: 'Par catégorie de billet', en: 'byCategory' },
  gateId: { ar: 'رمز البوابة', fr: 'Entrée (id)', en: 'gateId' },
  gate: { ar: 'البوابة', fr: 'Entrée', en: 'gate' },
  gates: { ar: 'البوابات', fr: 'Entrées', en: 'gates' },
  decisions: { ar: 'القرارات', fr: 'Décisions', en: 'decisions' },
  by: { ar: 'بواسطة', fr: 'Par', en: 'by' },
  reason: { ar: 'السبب', fr: 'Motif', en: 'reason' },
  changes: { ar: 'التغييرات', fr: 'Changements', en: 'changes' },
};

const CATEGORY_WORDS: Record<string, Record<LanguageCode, string>> = {
  visitor: { ar: 'زائر', fr: 'Visiteur', en: 'visitor' },
  exhibitor: { ar: 'عارض', fr: 'Exposant', en: 'exhibitor' },
  press: { ar: 'صحافة', fr: 'Presse', en: 'press' },
  staff: { ar: 'طاقم', fr: 'Équipe', en: 'staff' },
  vip: { ar: 'ضيف شرف', fr: 'VIP', en: 'vip' },
};

/** A ticket category as the reader says it (as it is, without `lang`). */
export function categoryWord(category: string, lang: LanguageCode | undefined): string {
  return lang ? (CATEGORY_WORDS[category]?.[lang] ?? category) : category;
}

/** A lead's rating as the reader says it (as it is, without `lang`). */
export function ratingWord(rating: string | undefined, lang: LanguageCode | undefined): string {
  if (!rating) return '';
  const words: Record<string, Record<LanguageCode, string>> = {
    hot: { ar: 'ساخن', fr: 'chaud', en: 'hot' },
    warm: { ar: 'فاتر', fr: 'tiède', en: 'warm' },
    cold: { ar: 'بارد', fr: 'froid', en: 'cold' },
  };
  return lang ? (words[rating]?.[lang] ?? rating) : rating;
}

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
