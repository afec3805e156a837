import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { dynamo } from '#shared/store/clients';
import { countHolders, type HolderChange, holderEntry } from '#shared/use-cases/count-holders';

/**
 * Fed by the tickets table's stream: each ticket's first entry of a day (and its first ever) counted
 * by category for the reports, a batch at a time, once. Every record of the batch is passed on (with
 * or without an entry), so that the batch's marker covers all of it.
 */
async function handle(event: DynamoDBStreamEvent): Promise<void> {
  const changes: HolderChange[] = event.Records.map((record) => {
    const image = (raw: unknown) => (raw ? unmarshall(raw as never) : undefined);
    const entry =
      record.eventName === 'REMOVE'
        ? undefined
        : holderEntry(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage));
    return {
      eventId: record.eventID ?? '',
      sequence: record.dynamodb?.SequenceNumber ?? '0',
      category: entry?.category ?? '',
      firstEver: entry?.firstEver ?? false,
      ...(entry ? { day: entry.day } : {}),
    };
  });
  await countHolders({ client: dynamo(), tables: { stats: resource('STATS_TABLE') }, now }, changes);
}

export const handler = eventHandler(handle);
