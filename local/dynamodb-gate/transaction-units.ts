/**
 * What a `TransactWriteItems` costs on DynamoDB, by the service's documented rule, from the items it
 * wrote as they were before and after it: two write units per KB (rounded up) of every item, one to
 * prepare and one to commit, the larger of its two images counting. An index the write changes costs
 * what the same change costs outside a transaction, not doubled: one write per KB of what it
 * projects, two when the item's index key moves (the old entry deleted, the new one put), one when
 * the item leaves the index. The service documents the two underlying writes for the items only, and
 * says a transaction's changes reach its indexes after it completes; measured on DynamoDB itself
 * (eu-west-2, August 2026), the doubling applies to the table's part alone (nubo-db/dynoxide#188,
 * and #176 for the index rule). Results files before commit 9027d50 doubled index writes as well
 * (the dearer reading, when nothing said otherwise).
 *
 * Why not DynamoDB Local's own figure: it does not follow that rule (probed, `ReturnConsumedCapacity`
 * on DynamoDB Local 2.x): one item of 100 bytes alone in a transaction is reported as 4 units, two
 * such items on one table as 4 together, one of 1.5 KB as 8. The service bills 2, 4 and 4.
 */
type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export interface IndexShape {
  keys: string[];
  /** `ALL`, `KEYS_ONLY` or `INCLUDE` (with `nonKey`). */
  projection: string;
  nonKey: string[];
}

/** One item a transaction writes or checks: its images before and after, and its table's indexes. */
export interface WrittenItem {
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  before: Item | undefined;
  after: Item | undefined;
  tableKeys: string[];
  indexes: IndexShape[];
}

/** Bytes of a number as DynamoDB sizes it: about one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Bytes of a binary value: base64 in a request's body, bytes once the SDK has read it. */
const binarySize = (value: unknown) =>
  value instanceof Uint8Array ? value.length : Buffer.from(String(value), 'base64').length;

/** The size of one attribute value, by DynamoDB's item size rules. */
function valueSize(value: AttributeValue): number {
  const [type, inner] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(inner));
    case 'N':
      return numberSize(String(inner));
    case 'B':
      return binarySize(inner);
    case 'SS':
      return (inner as string[]).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    case 'NS':
      return (inner as string[]).reduce((sum, text) => sum + numberSize(text), 0);
    case 'BS':
      return (inner as unknown[]).reduce<number>((sum, bytes) => sum + binarySize(bytes), 0);
    case 'L':
      return 3 + (inner as AttributeValue[]).reduce((sum, element) => sum + 1 + valueSize(element), 0);
    case 'M':
      return 3 + itemSize(inner as Item) + Object.keys(inner as Item).length;
    default:
      return 1; // BOOL, NULL
  }
}

/** An item's size: its attribute names and values. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

const kilobytes = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** What of an item an index holds, if the item is in it (it carries every key of the index). */
function projected(item: Item | undefined, index: IndexShape, tableKeys: string[]): Item | undefined {
  if (!item || index.keys.some((name) => item[name] === undefined)) return undefined;
  if (index.projection === 'ALL') return item;
  const kept = new Set([...tableKeys, ...index.keys, ...(index.projection === 'INCLUDE' ? index.nonKey : [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

/** The same value, whatever the order its attributes were read in. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object' && !(value instanceof Uint8Array)
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([name, inner]) => [name, canonical(inner)]),
        )
      : value;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Index writes (each a KB of what it projects) one item's change makes in one index. */
function indexWrites(item: WrittenItem, index: IndexShape): number {
  const before = projected(item.before, index, item.tableKeys);
  const after = projected(item.after, index, item.tableKeys);
  if (!before && !after) return 0;
  const keyOf = (entry: Item) => index.keys.map((name) => entry[name]);
  if (before && after && same(keyOf(before), keyOf(after))) return same(before, after) ? 0 : kilobytes(itemSize(after));
  return (before ? 1 : 0) + (after ? kilobytes(itemSize(after)) : 0);
}

/** One item's write units: `times` units a KB of its larger image, and what its indexes write. */
function itemWriteUnits(item: WrittenItem, times: 1 | 2): number {
  const largest = Math.max(item.before ? itemSize(item.before) : 0, item.after ? itemSize(item.after) : 0);
  if (item.kind === 'ConditionCheck') return times * kilobytes(largest);
  return item.indexes.reduce((units, index) => units + indexWrites(item, index), times * kilobytes(largest));
}

/** The write units a transaction of these items consumes (see the module's note). */
export function transactionWriteUnits(items: WrittenItem[]): number {
  return items.reduce((units, item) => units + itemWriteUnits(item, 2), 0);
}

/**
 * A single write's units by the same rule, outside a transaction: one a KB of the item's larger image,
 * and its indexes' writes. DynamoDB Local reports the same for the writes it answers (probed: an
 * update no index projects, 1; one that puts an index entry, 2); counted here so that a write refused
 * by its condition, for which it reports nothing, is counted from the same images.
 */
export function singleWriteUnits(item: WrittenItem): number {
  return itemWriteUnits(item, 1);
}

/**
 * What a single write refused by its condition consumes: the service still bills it (a failed
 * condition costs its write units, ../shared/AWS-NOTES.md), one unit a KB of the item as it stood.
 * DynamoDB Local reports nothing for it.
 */
export function refusedWriteUnits(before: Item | undefined): number {
  return kilobytes(before ? itemSize(before) : 0);
}

/** A transaction's items as its request names them, in order: each one's kind, table and key. */
export interface TransactTarget {
  kind: WrittenItem['kind'];
  table: string;
  key: Item;
}

export function transactTargets(body: Record<string, unknown>, keyOf: (table: string) => string[]): TransactTarget[] {
  const items = (body.TransactItems as Record<string, { TableName?: string; Key?: Item; Item?: Item }>[]) ?? [];
  return items.flatMap((entry) => {
    const [kind, action] = Object.entries(entry)[0] ?? [];
    if (!action?.TableName || !['Put', 'Update', 'Delete', 'ConditionCheck'].includes(kind ?? '')) return [];
    const table = action.TableName;
    const key = action.Key ?? Object.fromEntries(keyOf(table).map((name) => [name, action.Item?.[name] ?? {}]));
    return [{ kind: kind as WrittenItem['kind'], table, key }];
  });
}
