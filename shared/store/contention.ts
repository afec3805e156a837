/**
 * DynamoDB's contention errors, told apart by their names and cancellation reasons alone: no SDK
 * imported, so the HTTP wrapper every function shares can map them to 503 without bundling the
 * DynamoDB client into functions that never call it (health, whoami, the API document).
 */
interface Reason {
  Code?: string;
}

export function reasonCodes(error: unknown): string[] | undefined {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Reason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/**
 * A transaction that lost a race with another, or met a partition past its throughput (the service
 * only; DynamoDB Local never raises either): nothing applied, worth sending again.
 */
export function isTransactionConflict(error: unknown): boolean {
  const codes = reasonCodes(error) ?? [];
  return (
    (error as Error | undefined)?.name === 'TransactionConflictException' ||
    codes.includes('TransactionConflict') ||
    codes.includes('ThrottlingError')
  );
}

/**
 * Contention DynamoDB reports when an item or a partition is too busy, which the store retries and at
 * last gives up on: a transaction conflict, a throttled request (the SDK's own retries spent).
 */
export function isContention(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return (
    isTransactionConflict(error) ||
    name === 'ProvisionedThroughputExceededException' ||
    name === 'ThrottlingException' ||
    name === 'RequestLimitExceeded'
  );
}
