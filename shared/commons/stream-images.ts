import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/** A stream record's item before and after its change, as plain objects (undefined where absent). */
export function imagesOf(record: DynamoDBRecord): { old?: Record<string, unknown>; next?: Record<string, unknown> } {
  const image = (raw: unknown) => (raw ? (unmarshall(raw as never) as Record<string, unknown>) : undefined);
  const old = image(record.dynamodb?.OldImage);
  const next = image(record.dynamodb?.NewImage);
  return { ...(old ? { old } : {}), ...(next ? { next } : {}) };
}
