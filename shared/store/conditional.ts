/** DynamoDB's ways of saying "your condition did not hold", as the SDK names them. */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}

export interface CancellationReason {
  Code?: string;
}

/** For a cancelled transaction, which of its items failed their condition (by position). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** A transaction that lost a race with another (the service only; DynamoDB Local never raises it). */
export function isTransactionConflict(error: unknown): boolean {
  const codes = cancellationCodes(error);
  return (
    (error as Error | undefined)?.name === 'TransactionConflictException' ||
    (codes?.includes('TransactionConflict') ?? false)
  );
}
