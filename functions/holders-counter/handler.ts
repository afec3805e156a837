import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { imagesOf } from '#commons/stream-images';
import { shardOf, type WindowedStreamEvent } from '#commons/stream-window';
import { dynamo } from '#shared/store/clients';
import { countHolders, type HolderChange, holderEntry } from '#shared/use-cases/count-holders';

/**
 * Fed by the tickets table's stream: each ticket's first entry of a day (and its first ever) counted
 * by category for the reports, a batch at a time, once: each day's item keeps how far it counted the
 * batch's shard, which the mapping's tumbling window names (its state unused, answered empty as a
 * function on a window must). Any failure fails the whole batch, retried from its first record.
 */
async function handle(event: WindowedStreamEvent): Promise<{ state: Record<string, never> }> {
  const changes: HolderChange[] = event.Records.map((record) => {
    const { old, next } = imagesOf(record);
    const entry = record.eventName === 'REMOVE' ? undefined : holderEntry(old, next);
    return {
      eventId: record.eventID ?? '',
      sequence: record.dynamodb?.SequenceNumber ?? '0',
      category: entry?.category ?? '',
      firstEver: entry?.firstEver ?? false,
      ...(entry ? { day: entry.day } : {}),
    };
  });
  if (changes.some((change) => change.day))
    await countHolders({ client: dynamo(), tables: { stats: resource('STATS_TABLE') } }, changes, shardOf(event));
  return { state: {} };
}

export const handler = eventHandler(handle);
