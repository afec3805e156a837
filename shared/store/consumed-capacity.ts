import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Capacity {
  CapacityUnits?: number;
  WriteCapacityUnits?: number;
  ReadCapacityUnits?: number;
}

export interface ConsumedUnits {
  read: number;
  write: number;
  /** Requests sent to the engine (each try of a retried one counts). */
  requests: number;
}

/**
 * Asks DynamoDB for the capacity each request consumes and tells `onUnits`: what a function really
 * costs, measured rather than estimated. Only when the bench asks, locally (RAWAQ_UNITS_CHANNEL, see
 * clients.ts); never on AWS, where CloudWatch has the figures.
 */
export function meterConsumedCapacity(client: DynamoDBClient, onUnits: (units: ConsumedUnits) => void): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
      } catch (error) {
        // A refused request (a condition, a cancelled transaction) is a request all the same.
        onUnits({ read: 0, write: 0, requests: 1 });
        throw error;
      }
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const consumed = Array.isArray(output.ConsumedCapacity)
        ? output.ConsumedCapacity
        : output.ConsumedCapacity
          ? [output.ConsumedCapacity]
          : [];
      const write = /Put|Update|Delete|TransactWrite|BatchWrite/.test(String(context.commandName));
      const units = (capacity: Capacity) =>
        (write ? capacity.WriteCapacityUnits : capacity.ReadCapacityUnits) ?? capacity.CapacityUnits ?? 0;
      // DynamoDB Local reports a transaction's whole cost on each table it touches (probed: two tables,
      // one item each, 4 units on each); the service reports each table's share. Count it once.
      const total =
        /Transact/.test(String(context.commandName)) && consumed.length > 1
          ? Math.max(...consumed.map(units))
          : consumed.reduce((sum, capacity) => sum + units(capacity), 0);
      onUnits(write ? { read: 0, write: total, requests: 1 } : { read: total, write: 0, requests: 1 });
      return result;
    },
    { step: 'initialize', name: 'meterConsumedCapacity' },
  );
}
