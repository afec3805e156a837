/**
 * What a fair's file changes in what is stored: field by field, the file's value wins unless an
 * organiser changed that field on the day (a capacity lowered on a fire officer's word stays lowered
 * however often the fair is redeployed). Pure: the store reads and writes around it.
 */
export const ZONE_FILE_FIELDS = [
  'name',
  'names',
  'parentId',
  'capacity',
  'areaM2',
  'capacityBasis',
  'exitWidthsM',
  'safeCapacity',
  'thresholds',
  'hysteresis',
  'escalationMinutes',
] as const;

export const PROGRAMME_FILE_FIELDS = [
  'kind',
  'title',
  'titles',
  'zoneId',
  'startsAt',
  'endsAt',
  'capacity',
  'registrationRequired',
] as const;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys)
    if (!same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

export interface KeptEdit {
  field: string;
  kept: unknown;
  file: unknown;
}

export function changesFromFile<T extends object>(
  current: T,
  file: Partial<T>,
  fields: readonly (keyof T & string)[],
  editedFields: readonly string[] = [],
): { changes: Partial<T>; keptEdits: KeptEdit[] } {
  const changes: Partial<T> = {};
  const keptEdits: KeptEdit[] = [];
  for (const field of fields) {
    if (same(current[field], file[field])) continue;
    if (editedFields.includes(field)) keptEdits.push({ field, kept: current[field], file: file[field] });
    else changes[field] = file[field];
  }
  return { changes, keptEdits };
}
