/**
 * What each function's DynamoDB requests consume, read at the gate: the bench's measure of a
 * function's real cost, with nothing in the functions' own code. The gate asks DynamoDB Local for the
 * capacity each request consumes (`ReturnConsumedCapacity`) and reads it from the answer. Writes, a
 * transaction's or a single item's, are counted from their items by the service's rule instead
 * (transaction-units.ts), not from the engine; a single write refused by its condition is billed as
 * the service bills it. Any other request refused (a cancelled transaction, a conflict or a throttle
 * the gate raised) is a request all the same, with no units. Every try of a retried request counts.
 */
export interface ConsumedUnits {
  read: number;
  write: number;
  /** Requests sent to the engine (each try of a retried one counts). */
  requests: number;
}

export type UnitsListener = (functionName: string, units: ConsumedUnits) => void;

interface Capacity {
  CapacityUnits?: number;
  WriteCapacityUnits?: number;
  ReadCapacityUnits?: number;
}

const WRITES = /Put|Update|Delete|TransactWrite|BatchWrite|ExecuteTransaction/;

/** The request as it is forwarded: asking for its consumed capacity. */
export function askingForCapacity(parsed: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'TOTAL' }));
}

/** A request the engine (or the gate) refused. */
export const REFUSED: ConsumedUnits = { read: 0, write: 0, requests: 1 };

/** What an answered request consumed, from its answer's `ConsumedCapacity`. */
export function unitsOf(operation: string, answer: Buffer): ConsumedUnits {
  let output: { ConsumedCapacity?: Capacity | Capacity[] };
  try {
    output = JSON.parse(answer.toString('utf8') || '{}') as typeof output;
  } catch {
    return REFUSED;
  }
  const consumed = Array.isArray(output.ConsumedCapacity)
    ? output.ConsumedCapacity
    : output.ConsumedCapacity
      ? [output.ConsumedCapacity]
      : [];
  const write = WRITES.test(operation);
  const units = (capacity: Capacity) =>
    (write ? capacity.WriteCapacityUnits : capacity.ReadCapacityUnits) ?? capacity.CapacityUnits ?? 0;
  // A transaction's writes and a single item's are counted from their items instead (the gate, with
  // transaction-units.ts): DynamoDB Local's figures for them do not follow the service's rule. What
  // is left here is reads and batched writes. Each table's share is summed.
  const total = consumed.reduce((sum, capacity) => sum + units(capacity), 0);
  return write ? { read: 0, write: total, requests: 1 } : { read: total, write: 0, requests: 1 };
}
