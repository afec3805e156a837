/**
 * A value read once per function instance and kept for `ttlMs`: the fair's description and keys
 * change rarely, and a warm Lambda should not pay a read for them on every request.
 */
export function cached<T>(load: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let value: Promise<T> | undefined;
  let loadedAt = 0;
  return () => {
    if (!value || Date.now() - loadedAt > ttlMs) {
      loadedAt = Date.now();
      value = load();
      value.catch(() => {
        value = undefined;
      });
    }
    return value;
  };
}
