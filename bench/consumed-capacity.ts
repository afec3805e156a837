import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { meterConsumedCapacity } from '../shared/store/consumed-capacity';

/** A document client on the bench's engine whose consumed write and read units add up in `totals`. */
export function meteredClient(endpoint: string) {
  const totals = { write: 0, read: 0 };
  const base = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  meterConsumedCapacity(base, (units) => {
    totals.write += units.write;
    totals.read += units.read;
  });
  return { client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }), totals };
}
