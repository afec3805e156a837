import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

interface Capacity {
  CapacityUnits?: number;
  WriteCapacityUnits?: number;
  ReadCapacityUnits?: number;
}

/**
 * A document client that asks DynamoDB for the capacity each request consumes and adds it up: the
 * write and read units a use case really costs, measured rather than estimated.
 */
export function meteredClient(endpoint: string) {
  const totals = { write: 0, read: 0 };
  const base = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const consumed = Array.isArray(output.ConsumedCapacity)
        ? output.ConsumedCapacity
        : output.ConsumedCapacity
          ? [output.ConsumedCapacity]
          : [];
      const write = /Put|Update|Delete|TransactWrite|BatchWrite/.test(String(context.commandName));
      const units = (capacity: Capacity) =>
        (write ? capacity.WriteCapacityUnits : capacity.ReadCapacityUnits) ?? capacity.CapacityUnits ?? 0;
      if (/Transact/.test(String(context.commandName)) && consumed.length > 1) {
        // DynamoDB Local reports a transaction's whole cost on each table it touches (probed: two tables,
        // one item each, 4 units on each); the service reports each table's share. Count it once.
        totals[write ? 'write' : 'read'] += Math.max(...consumed.map(units));
        return result;
      }
      for (const capacity of consumed) {
        if (write) totals.write += capacity.WriteCapacityUnits ?? capacity.CapacityUnits ?? 0;
        else totals.read += capacity.ReadCapacityUnits ?? capacity.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'meterConsumedCapacity' },
  );
  return { client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }), totals };
}
