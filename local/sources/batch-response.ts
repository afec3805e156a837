/**
 * Lambda's reading of a partial batch response (ReportBatchItemFailures): the identifiers to retry,
 * or `all` where AWS counts the whole batch as failed (an identifier that is empty, malformed or not
 * in the batch).
 */
export function failedItems(result: unknown, batchIds: Set<string>): Set<string> | 'all' {
  if (result === null || result === undefined || result === '') return new Set();
  if (typeof result !== 'object') return 'all';
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batchIds.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}
