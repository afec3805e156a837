import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FootfallMessage } from '../../events/footfall-message';
import { type DayGroup, groupByBoothDay, hourOf, tally } from '../domain/footfall';
import { applyBoothDay, readBoothDay } from '../store/footfall-store';

const MAX_ATTEMPTS = 10;
/** Booth-days counted at once in a batch (each its own transaction on its own items). */
const GROUPS_AT_ONCE = 8;
/**
 * Events applied in one transaction at most: with a day's 24 hours, each hour's seen chain (one more
 * item where it fills up) and the 16 visitor shards, 4,000 events stay well under DynamoDB's 100 items
 * a transaction.
 */
const EVENTS_PER_TRANSACTION = 4000;

async function applyGroup(
  client: DynamoDBDocumentClient,
  table: string,
  group: DayGroup,
  timezone: string,
): Promise<void> {
  for (let start = 0; start < group.events.length; start += EVENTS_PER_TRANSACTION)
    await applyPart(
      client,
      table,
      { ...group, events: group.events.slice(start, start + EVENTS_PER_TRANSACTION) },
      timezone,
    );
}

async function applyPart(
  client: DynamoDBDocumentClient,
  table: string,
  group: DayGroup,
  timezone: string,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const before = await readBoothDay(client, table, group.boothId, group.day, {
      hours: group.events.map((event) => hourOf(event.at, timezone)),
      visitorIds: group.events.flatMap((event) => (event.kind === 'badge' ? [event.ticketId] : [])),
    });
    const counted = tally(group.events, before.seen, timezone);
    if (counted.eventHours.length === 0) return; // all seen before: a redelivery or a device's resend
    if ((await applyBoothDay(client, table, { boothId: group.boothId, day: group.day, before }, counted)) === 'applied')
      return;
  }
  throw new Error(`booth ${group.boothId} on ${group.day} kept changing under ${MAX_ATTEMPTS} attempts`);
}

/**
 * Counts a batch of footfall messages: grouped per booth and day (one transaction each, however many
 * events, several booth-days at once), events already seen left out. Returns the ids of the messages whose group could not be
 * applied, for the queue to bring back; counting them again later is harmless.
 */
export async function aggregateFootfall(
  client: DynamoDBDocumentClient,
  table: string,
  messages: { messageId: string; message: FootfallMessage }[],
  timezone: string,
): Promise<string[]> {
  const failed = new Set<string>();
  const sources = new Map<string, string[]>();
  const groups = groupByBoothDay(
    messages.map(({ messageId, message }) => {
      for (const event of message.events)
        sources.set(`${message.boothId}#${event.eventId}`, [
          ...(sources.get(`${message.boothId}#${event.eventId}`) ?? []),
          messageId,
        ]);
      return message;
    }),
    timezone,
  );
  // Booth-days are separate items: their transactions run side by side, a few at a time.
  const queue = [...groups];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      try {
        await applyGroup(client, table, group, timezone);
      } catch {
        for (const event of group.events)
          for (const id of sources.get(`${group.boothId}#${event.eventId}`) ?? []) failed.add(id);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUPS_AT_ONCE, groups.length) }, worker));
  return [...failed];
}
