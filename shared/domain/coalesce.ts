/**
 * Adds up many small changes into one per key: a batch of a thousand scans into a few zone updates.
 * Keys whose changes cancel out are dropped, so they cost no write at all.
 */
export function coalesce<K extends string>(changes: Iterable<[K, number]>): Map<K, number> {
  const totals = new Map<K, number>();
  for (const [key, delta] of changes) totals.set(key, (totals.get(key) ?? 0) + delta);
  for (const [key, total] of totals) if (total === 0) totals.delete(key);
  return totals;
}
