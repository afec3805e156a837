import type { ItemCall } from './calls';
import { type ServiceError, serviceError, transactionCanceled } from './service-errors';

/**
 * DynamoDB's transaction conflicts, which DynamoDB Local never raises. On the service, while a
 * TransactWriteItems is in progress its items are held: another transaction touching one of them is
 * cancelled (`TransactionCanceledException`, reason `TransactionConflict` at that item's position,
 * `None` elsewhere), and a single PutItem, UpdateItem or DeleteItem on one fails with
 * `TransactionConflictException`. Here a transaction holds its items from the moment the gate
 * forwards it to the moment DynamoDB Local answers: two that overlap in time on an item conflict, as
 * they could on AWS. Batch writes are not judged (the service returns them unprocessed instead).
 */
const SINGLE_WRITES = new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
const ONGOING = 'Transaction is ongoing for the item';

export class TransactionConflicts {
  private readonly held = new Map<string, number>();
  private next = 0;
  /** How many calls were refused for a conflict: a run that saw none rehearsed nothing. */
  raised = 0;

  /**
   * Judges a request: a conflict answer, or a release to call once DynamoDB Local has answered (the
   * transaction's items are held until then).
   */
  judge(operation: string, calls: ItemCall[]): { conflict: ServiceError } | { release: () => void } {
    const none = { release: () => undefined };
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      const clashes = calls.map((call) => call.items.some((item) => this.held.has(item)));
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
      for (const item of items) this.held.set(item, id);
      return {
        release: () => {
          for (const item of items) if (this.held.get(item) === id) this.held.delete(item);
        },
      };
    }
    const write = calls.find(
      (call) => SINGLE_WRITES.has(call.action) && call.items.some((item) => this.held.has(item)),
    );
    if (write) {
      this.raised += 1;
      return { conflict: serviceError('TransactionConflictException', ONGOING) };
    }
    return none;
  }
}
