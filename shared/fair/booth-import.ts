import { type Booth, type ExhibitorAttributes, type Fair, type FairFile, LEGAL_FORMS } from '../domain/fair';
import { LANGUAGE_CODES } from '../domain/names';

/**
 * Exhibitors from a spreadsheet into a fair's file. Columns (header names in English, French or
 * Arabic, any case, any order): `booth` (its id, such as A001), `exhibitor` (as the exhibitor writes
 * its name), `category` (a category of the fair, by id or by its name in any language), `zone` (by id
 * or name); optional, the region's attributes (`legal form`, `province`, `women-led`, `youth-led`, in
 * English, French or Arabic). Other columns are ignored and said so. Every bad row is reported with its line number, and
 * nothing is written unless every row is good.
 */
export const BOOTH_COLUMNS = {
  booth: ['booth', 'boothid', 'stand', 'الرواق', 'رقم الرواق'],
  exhibitor: ['exhibitor', 'exposant', 'name', 'nom', 'العارض', 'اسم العارض'],
  category: ['category', 'catégorie', 'categorie', 'الصنف', 'الفئة'],
  zone: ['zone', 'hall', 'zoneid', 'المنطقة', 'القاعة'],
} as const;
type Column = keyof typeof BOOTH_COLUMNS;

/** The region's attributes, each column optional: a cell left empty says nothing. */
export const ATTRIBUTE_COLUMNS = {
  legalForm: ['legal form', 'legalform', 'forme juridique', 'statut', 'الشكل القانوني'],
  province: ['province', 'الإقليم', 'العمالة'],
  womenLed: ['women-led', 'women led', 'womenled', 'dirigé par des femmes', 'femmes', 'تسيرها نساء', 'نسائية'],
  youthLed: ['youth-led', 'youth led', 'youthled', 'dirigé par des jeunes', 'jeunes', 'يسيرها شباب', 'شبابية'],
} as const;
type AttributeColumn = keyof typeof ATTRIBUTE_COLUMNS;

/** A legal form by its id, or its word in French or Arabic. */
const LEGAL_FORM_WORDS: Record<string, (typeof LEGAL_FORMS)[number]> = {
  coopérative: 'cooperative',
  cooperative: 'cooperative',
  تعاونية: 'cooperative',
  association: 'association',
  جمعية: 'association',
  mutuelle: 'mutual',
  mutual: 'mutual',
  تعاضدية: 'mutual',
  société: 'company',
  societe: 'company',
  company: 'company',
  شركة: 'company',
  'auto-entrepreneur': 'self-employed',
  autoentrepreneur: 'self-employed',
  'self-employed': 'self-employed',
  selfemployed: 'self-employed',
  'مقاول ذاتي': 'self-employed',
  autre: 'other',
  other: 'other',
  أخرى: 'other',
};
const YES = ['yes', 'oui', 'نعم', 'x', '1', 'true', 'vrai'];
const NO = ['no', 'non', 'لا', '0', 'false', 'faux'];

/** A booth's attributes from its row's cells; the problems found (an unknown legal form, a yes-or-no that is neither). */
function attributesOf(
  cell: (column: AttributeColumn) => string,
  provinces: { ids: string[]; find: (cell: string) => string | undefined },
): {
  attributes: ExhibitorAttributes;
  problems: string[];
} {
  const attributes: ExhibitorAttributes = {};
  const problems: string[] = [];
  const form = cell('legalForm');
  if (form) {
    const found = LEGAL_FORM_WORDS[normalize(form)] ?? LEGAL_FORM_WORDS[form.trim().toLowerCase()];
    if (found) attributes.legalForm = found;
    else problems.push(`legal form "${form}" is not one of ${LEGAL_FORMS.join(', ')} (or their French or Arabic word)`);
  }
  const province = cell('province');
  if (province.length > 60) problems.push('the province is longer than 60 characters');
  else if (province && provinces.ids.length === 0) attributes.province = province;
  else if (province) {
    // Where the fair lists its provinces, a sheet may name one by its id or its word in any language.
    const found = provinces.find(province);
    if (found) attributes.province = found;
    else
      problems.push(
        `province "${province}" is not one of the fair's (${provinces.ids.join(', ')}); add it to the file's provinces first`,
      );
  }
  for (const column of ['womenLed', 'youthLed'] as const) {
    const value = cell(column).toLowerCase();
    if (!value) continue;
    if (YES.includes(value)) attributes[column] = true;
    else if (NO.includes(value)) attributes[column] = false;
    else problems.push(`${column} "${value}" is neither yes nor no (oui/non, نعم/لا)`);
  }
  return { attributes, problems };
}

export interface ImportProblem {
  /** The line of the file (1 is the header), or 0 for the file as a whole. */
  line: number;
  message: string;
}

export type BoothImport =
  | {
      ok: true;
      booths: Booth[];
      ignoredColumns: string[];
      separator: string;
      /** The sheet has a column for the region's attributes: what it says replaces the file's. */
      attributeColumns: boolean;
    }
  | { ok: false; problems: ImportProblem[] };

/** The text of a spreadsheet's CSV: UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" in French). */
export function decodeSpreadsheet(bytes: Uint8Array): { text: string; encoding: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** Rows of fields, each with the line it starts on; quoted fields may hold separators, quotes and line breaks. */
export function parseCsv(text: string, separator: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line += 1;
      rowLine = line;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows.filter((row) => row.fields.some((value) => value.trim() !== ''));
}

/** The separator of the header line: the one of `;`, `,` and tab it holds most of. */
export function detectSeparator(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((candidate) => ({ candidate, count: header.split(candidate).length - 1 }));
  return counts.sort((a, b) => b.count - a.count)[0]?.count ? (counts[0] as { candidate: string }).candidate : ';';
}

const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\s_-]+/g, '');

/** What a cell names among things with an id and names: by id, or by a name in any language. */
function finder(items: { id: string; names: string[] }[]) {
  const index = new Map<string, string>();
  for (const item of items) {
    index.set(normalize(item.id), item.id);
    for (const name of item.names) if (!index.has(normalize(name))) index.set(normalize(name), item.id);
  }
  return (cell: string) => index.get(normalize(cell));
}

export function importBooths(text: string, fair: Fair): BoothImport {
  const separator = detectSeparator(text);
  const rows = parseCsv(text, separator);
  const [header, ...data] = rows;
  if (!header) return { ok: false, problems: [{ line: 0, message: 'the file is empty' }] };
  const positions = new Map<Column | AttributeColumn, number>();
  const ignoredColumns: string[] = [];
  const named = { ...BOOTH_COLUMNS, ...ATTRIBUTE_COLUMNS };
  header.fields.forEach((name, position) => {
    const column = (Object.keys(named) as (Column | AttributeColumn)[]).find((candidate) =>
      (named[candidate] as readonly string[]).map(normalize).includes(normalize(name)),
    );
    if (column && !positions.has(column)) positions.set(column, position);
    else if (name.trim()) ignoredColumns.push(name.trim());
  });
  const missing = (Object.keys(BOOTH_COLUMNS) as Column[]).filter((column) => !positions.has(column));
  if (missing.length > 0)
    return {
      ok: false,
      problems: [
        {
          line: header.line,
          message: `the header has no ${missing.join(', ')} column (found: ${header.fields.join(', ') || 'nothing'}; separator "${separator === '\t' ? 'tab' : separator}")`,
        },
      ],
    };
  const categoryOf = finder(
    fair.categories.map((category) => ({
      id: category.categoryId,
      names: LANGUAGE_CODES.map((language) => category.names[language]),
    })),
  );
  const provinceOf = finder(
    fair.provinces.map((province) => ({
      id: province.provinceId,
      names: LANGUAGE_CODES.map((language) => province.names[language]),
    })),
  );
  const provinces = { ids: fair.provinces.map((province) => province.provinceId), find: provinceOf };
  const zoneOf = finder(
    fair.zones.map((zone) => ({
      id: zone.zoneId,
      names: LANGUAGE_CODES.map((language) => zone.names?.[language] ?? zone.name),
    })),
  );
  const problems: ImportProblem[] = [];
  const booths: Booth[] = [];
  const seen = new Map<string, number>();
  for (const row of data) {
    const cell = (column: Column | AttributeColumn) =>
      positions.has(column) ? (row.fields[positions.get(column) as number] ?? '').trim() : '';
    const rowProblems: string[] = [];
    const boothId = cell('booth');
    const exhibitor = cell('exhibitor');
    if (!boothId) rowProblems.push('no booth id');
    else if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(boothId) || boothId.length > 64)
      rowProblems.push(`booth id "${boothId}" may hold only letters, digits, - and _`);
    else if (seen.has(boothId)) rowProblems.push(`booth ${boothId} is already on line ${seen.get(boothId)}`);
    if (!exhibitor) rowProblems.push('no exhibitor name');
    else if (exhibitor.length > 200) rowProblems.push('the exhibitor name is longer than 200 characters');
    const categoryCell = cell('category');
    let category = categoryCell;
    if (!categoryCell) rowProblems.push('no category');
    else if (fair.categories.length > 0) {
      const found = categoryOf(categoryCell);
      if (found) category = found;
      else
        rowProblems.push(
          `category "${categoryCell}" is not one of the fair's (${fair.categories.map((c) => c.categoryId).join(', ')}); add it to the file's categories first`,
        );
    }
    const zoneCell = cell('zone');
    const zoneId = zoneCell ? zoneOf(zoneCell) : undefined;
    if (!zoneCell) rowProblems.push('no zone');
    else if (!zoneId)
      rowProblems.push(`zone "${zoneCell}" is not one of the fair's (${fair.zones.map((z) => z.zoneId).join(', ')})`);
    const { attributes, problems: attributeProblems } = attributesOf(cell, provinces);
    rowProblems.push(...attributeProblems);
    if (boothId && !seen.has(boothId)) seen.set(boothId, row.line);
    if (rowProblems.length > 0) problems.push({ line: row.line, message: rowProblems.join('; ') });
    else
      booths.push({
        boothId,
        exhibitor,
        category,
        zoneId: zoneId as string,
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      });
  }
  if (data.length === 0) problems.push({ line: 0, message: 'no exhibitor under the header' });
  const attributeColumns = (Object.keys(ATTRIBUTE_COLUMNS) as AttributeColumn[]).some((column) =>
    positions.has(column),
  );
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, booths, ignoredColumns, separator, attributeColumns };
}

/**
 * The fair's file with its booths replaced, and what changed (by booth id). A sheet without the
 * region's columns (`keepAttributes`) keeps each booth's attributes as the file has them.
 */
export function withBooths(
  file: FairFile,
  imported: Booth[],
  options: { keepAttributes?: boolean } = {},
): { file: FairFile; added: string[]; changed: string[]; removed: string[] } {
  const before = new Map((file.booths ?? []).map((booth) => [booth.boothId, booth]));
  const booths = imported.map((booth) => {
    const attributes = options.keepAttributes ? before.get(booth.boothId)?.attributes : undefined;
    return attributes && !booth.attributes ? { ...booth, attributes } : booth;
  });
  const after = new Set(booths.map((booth) => booth.boothId));
  return {
    file: { ...file, booths },
    added: booths.filter((booth) => !before.has(booth.boothId)).map((booth) => booth.boothId),
    changed: booths
      .filter((booth) => {
        const old = before.get(booth.boothId);
        return old && JSON.stringify(old) !== JSON.stringify(booth);
      })
      .map((booth) => booth.boothId),
    removed: [...before.keys()].filter((id) => !after.has(id)),
  };
}
