import type { ItemCall } from './calls';
import { type ServiceError, serviceError, transactionCanceled } from './service-errors';

/**
 * DynamoDB's per-partition limits, which DynamoDB Local never enforces: 1,000 write units and 3,000
 * read units a second for one partition. Here each partition key value counts as its own partition
 * (the kindest case: on the service several keys share one), with a second's worth of burst. A write
 * past the limit is refused as the service refuses it: `ProvisionedThroughputExceededException` for a
 * single call or a batch (the SDK retries those itself), and for a transaction
 * `TransactionCanceledException` with reason `ThrottlingError` at that item's position. A transactional
 * write costs two units, as on the service; an item read one (a Query or Scan is not counted).
 */
export interface PartitionLimits {
  writeUnitsPerSecond: number;
  readUnitsPerSecond: number;
}

export const DYNAMODB_PARTITION_LIMITS: PartitionLimits = { writeUnitsPerSecond: 1000, readUnitsPerSecond: 3000 };

const WRITES = new Set([
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
]);
const READS = new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem']);

export class PartitionThrottles {
  private readonly buckets = new Map<string, { units: number; at: number }>();
  /** How many calls were refused: a run that saw none rehearsed nothing. */
  raised = 0;

  constructor(
    private readonly limits: PartitionLimits = DYNAMODB_PARTITION_LIMITS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes the units a call needs from each partition it touches; false when one has not enough. */
  private take(call: ItemCall, transactional: boolean): boolean {
    const write = WRITES.has(call.action);
    if (!write && !READS.has(call.action)) return true;
    const perSecond = write ? this.limits.writeUnitsPerSecond : this.limits.readUnitsPerSecond;
    const cost = write && transactional ? 2 : 1;
    const partitions = new Map<string, number>();
    for (const key of call.leadingKeys) {
      const id = `${call.table}|${key}|${write ? 'w' : 'r'}`;
      partitions.set(id, (partitions.get(id) ?? 0) + cost);
    }
    const now = this.clock();
    const filled = [...partitions].map(([id, need]) => {
      const bucket = this.buckets.get(id);
      const units = bucket ? Math.min(perSecond, bucket.units + ((now - bucket.at) / 1000) * perSecond) : perSecond;
      return { id, need, units };
    });
    if (filled.some((entry) => entry.units < entry.need)) return false;
    for (const entry of filled) this.buckets.set(entry.id, { units: entry.units - entry.need, at: now });
    return true;
  }

  judge(operation: string, calls: ItemCall[]): ServiceError | undefined {
    const transactional = operation.startsWith('Transact');
    const passed = calls.map((call) => this.take(call, transactional));
    if (passed.every(Boolean)) return undefined;
    this.raised += 1;
    if (transactional) {
      return transactionCanceled(
        passed.map((ok) => (ok ? undefined : 'ThrottlingError')),
        'Throughput exceeds the current capacity for one or more partitions.',
      );
    }
    return serviceError(
      'ProvisionedThroughputExceededException',
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    );
  }
}
