import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isTransactionConflict, reasonCodes } from './contention';

/** DynamoDB's ways of saying "your condition did not hold", as the SDK names them. */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}

/** A conditional write: true when it was made, false when its condition did not hold. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export interface CancellationReason {
  Code?: string;
  /** The item as it stood, when its write asked `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`. */
  Item?: Record<string, AttributeValue>;
}

/**
 * For a transaction cancelled by its conditions, which of its items failed theirs (by position).
 * Undefined for anything else, a lost race included: that is no answer about the data, and the caller
 * must not read one into it (a conflict once made a workshop look full, a cancellation look unknown).
 */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (isTransactionConflict(error)) return undefined;
  return reasonCodes(error);
}

/**
 * The items a cancelled transaction returned, by position: those whose condition failed and that
 * asked for them (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`) and existed. Saves reading them
 * again to say why.
 */
export function cancellationItems(error: unknown): (Record<string, unknown> | undefined)[] {
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => (reason.Item ? unmarshall(reason.Item) : undefined));
}

/** Whether any of the transaction's items at these positions failed its condition. */
export function itemFailed(codes: string[] | undefined, ...positions: number[]): boolean {
  return positions.some((position) => codes?.[position] === 'ConditionalCheckFailed');
}

/**
 * Tries and waits for a transaction that lost a race: many racers on one item (300 admissions to one
 * room at once) need more than a handful, so the waits grow to a cap and stay jittered (about 3 s in all).
 */
const CONFLICT_TRIES = 12;
const CONFLICT_BASE_MS = 15;
const CONFLICT_CAP_MS = 400;

/**
 * Sends again while `retryable` says the failure applied nothing (a lost race, a throttled partition),
 * at most `tries` times (`CONFLICT_TRIES`), waiting exponentially from `baseMs` to a cap, jittered so
 * racers part. A caller that judges again on each try (a door scan after its store gave up) passes
 * fewer, longer tries.
 */
export async function retryingConflicts<T>(
  send: () => Promise<T>,
  retryable: (error: unknown) => boolean = isTransactionConflict,
  stillWanted?: () => Promise<boolean>,
  { tries = CONFLICT_TRIES, baseMs = CONFLICT_BASE_MS }: { tries?: number; baseMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (!retryable(error) || attempt >= tries) throw error;
      const wait = Math.min(CONFLICT_CAP_MS, baseMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * wait));
      if (stillWanted && !(await stillWanted())) throw new NoLongerWanted();
    }
  }
}

/**
 * A write given up between two tries because what it wanted can no longer be had (the room filled
 * while it waited its turn): nothing of it was applied, and the caller says why.
 */
export class NoLongerWanted extends Error {
  override readonly name = 'NoLongerWanted';
}

/**
 * Sends a transaction, again when it lost a race with another on one of its items (on AWS:
 * TransactionCanceledException with reason TransactionConflict; DynamoDB Local never raises it). A
 * conflict applies nothing, so trying again is safe; the waits grow and are jittered so two racers do
 * not meet again. After a few tries the conflict is the caller's (a re-read, or an error to retry).
 */
export async function writeTransaction(
  client: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
  /** Asked before each new try: false gives up with `NoLongerWanted`. */
  stillWanted?: () => Promise<boolean>,
): Promise<void> {
  await retryingConflicts(() => client.send(new TransactWriteCommand(input)), isTransactionConflict, stillWanted);
}
