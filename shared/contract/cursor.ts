/**
 * Cursors of the time-ordered feeds (alerts, revocations), opaque to clients (base64url JSON).
 *
 * A feed's items are keyed `<ISO time>#<id>` by the time their writer started; a writer may commit
 * after another that stamped later and committed sooner. A reader that asked only for keys after the
 * last one it saw would never see the slow item. So a read starts a minute before the cursor, and the
 * cursor carries short fingerprints of the keys it already gave within that minute: what is new is
 * sent once, what was sent is not sent again.
 */
export const FEED_OVERLAP_MS = 60_000;
const MAX_SEEN = 500;

export interface FeedCursor {
  /** The greatest key given so far. */
  after: string;
  /** `<time in ms, base 36>:<fingerprint>` of each key given within the overlap before `after`. */
  seen: string[];
}

const timeOf = (key: string) => Date.parse(key.split('#')[0] ?? '');

/** FNV-1a, 32 bits, base 36: short, and enough to tell apart the few keys of one minute. */
function fingerprint(key: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

const seenEntry = (key: string) => `${timeOf(key).toString(36)}:${fingerprint(key)}`;

export function encodeFeedCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify({ a: cursor.after, s: cursor.seen }), 'utf8').toString('base64url');
}

/** The cursor a client sent back, or undefined when it is not one this API gave. */
export function decodeFeedCursor(cursor: string | undefined, keyShape: RegExp): FeedCursor | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // A cursor from before the overlap: the bare key.
  if (keyShape.test(text)) return { after: text, seen: [] };
  try {
    const value = JSON.parse(text) as { a?: unknown; s?: unknown };
    if (typeof value.a !== 'string' || !keyShape.test(value.a)) return undefined;
    if (
      !Array.isArray(value.s) ||
      value.s.length > MAX_SEEN ||
      !value.s.every((s) => typeof s === 'string' && /^[0-9a-z]+:[0-9a-z]+$/.test(s))
    )
      return undefined;
    return { after: value.a, seen: value.s as string[] };
  } catch {
    return undefined;
  }
}

/** The key a read starts after: a minute before the cursor. */
export function readFrom(cursor: FeedCursor | undefined): string | undefined {
  if (!cursor) return undefined;
  const at = timeOf(cursor.after);
  return Number.isNaN(at) ? cursor.after : new Date(at - FEED_OVERLAP_MS).toISOString();
}

/** Of the items read from `readFrom(cursor)`, those not given yet, and the cursor that follows them. */
export function pageAfter<T>(
  items: T[],
  keyOf: (item: T) => string,
  cursor: FeedCursor | undefined,
): { fresh: T[]; next: FeedCursor | undefined } {
  const given = new Set(cursor?.seen ?? []);
  const fresh = items.filter((item) => {
    const key = keyOf(item);
    return !cursor || key > cursor.after || !given.has(seenEntry(key));
  });
  const keys = items.map(keyOf).sort();
  const after = [cursor?.after, keys.at(-1)]
    .filter((key): key is string => Boolean(key))
    .sort()
    .at(-1);
  if (!after) return { fresh, next: undefined };
  const horizon = timeOf(after) - FEED_OVERLAP_MS;
  const seen = new Set(
    [...given, ...keys.map(seenEntry)].filter((entry) => Number.parseInt(entry.split(':')[0] ?? '', 36) > horizon),
  );
  return { fresh, next: { after, seen: [...seen].slice(-MAX_SEEN) } };
}
