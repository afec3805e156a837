import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * A stream record's item before and after its change, as plain objects (undefined where absent), read
 * as the table's item type `T` (the table's owner knows its items; nothing is parsed).
 */
export function imagesOf<T = Record<string, unknown>>(record: DynamoDBRecord): { old?: T; next?: T } {
  const image = (raw: unknown) => (raw ? (unmarshall(raw as never) as T) : undefined);
  const old = image(record.dynamodb?.OldImage);
  const next = image(record.dynamodb?.NewImage);
  return { ...(old ? { old } : {}), ...(next ? { next } : {}) };
}
