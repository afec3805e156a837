import type { ItemCall } from './calls';
import { type ServiceError, serviceError, transactionCanceled } from './service-errors';

/**
 * DynamoDB's transaction conflicts, which DynamoDB Local never raises. On the service, while a
 * TransactWriteItems is in progress its items are held: another transaction touching one of them is
 * cancelled (`TransactionCanceledException`, reason `TransactionConflict` at that item's position,
 * `None` elsewhere), and a single PutItem, UpdateItem or DeleteItem on one fails with
 * `TransactionConflictException`. Here a transaction holds its items from the moment the gate
 * forwards it until DynamoDB Local answers, or for `HOLD_MS` at most: two that overlap in time on an
 * item conflict, as they could on AWS. Batch writes are not judged (the service returns them
 * unprocessed instead).
 *
 * Why at most `HOLD_MS`: on the service a transaction holds its items for as long as it runs, tens of
 * milliseconds whatever the load. DynamoDB Local on two loaded cores can take seconds to answer, most
 * of it queued behind other requests; holding the items all that time made conflicts, retries and
 * more load feed each other (the bench's 10x surge at 9027d50: 19,834 conflicts, gate scans p50
 * 19.9 s). Overlaps within the first `HOLD_MS` still conflict, as near-simultaneous ones do on AWS.
 */
const SINGLE_WRITES = new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
const ONGOING = 'Transaction is ongoing for the item';
/** The longest a transaction holds its items here: about as long as a slow one runs on the service. */
export const HOLD_MS = 100;

export class TransactionConflicts {
  private readonly held = new Map<string, { id: number; since: number }>();
  private next = 0;
  /** How many calls were refused for a conflict: a run that saw none rehearsed nothing. */
  raised = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  private isHeld(item: string, now: number): boolean {
    const hold = this.held.get(item);
    return hold !== undefined && now - hold.since < HOLD_MS;
  }

  /**
   * Judges a request: a conflict answer, or a release to call once DynamoDB Local has answered (the
   * transaction's items are held until then, or for `HOLD_MS` at most).
   */
  judge(operation: string, calls: ItemCall[]): { conflict: ServiceError } | { release: () => void } {
    const none = { release: () => undefined };
    const now = this.now();
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const clashes = calls.map((call) => call.items.some((item) => this.isHeld(item, now)));
      if (clashes.some(Boolean)) {
        this.raised += 1;
        return {
          conflict: transactionCanceled(
            clashes.map((clash) => (clash ? 'TransactionConflict' : undefined)),
            ONGOING,
          ),
        };
      }
      if (operation === 'TransactGetItems') return none;
      const id = ++this.next;
      const items = calls.flatMap((call) => call.items);
      for (const item of items) this.held.set(item, { id, since: now });
      return {
        release: () => {
          for (const item of items) if (this.held.get(item)?.id === id) this.held.delete(item);
        },
      };
    }
    const write = calls.find(
      (call) => SINGLE_WRITES.has(call.action) && call.items.some((item) => this.isHeld(item, now)),
    );
    if (write) {
      this.raised += 1;
      return { conflict: serviceError('TransactionConflictException', ONGOING) };
    }
    return none;
  }
}
