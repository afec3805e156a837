import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { WARMUP_SECONDS } from './measure';
import { scratchTable } from './raw-engine';

/**
 * Footfall as a simple implementation would write it, to read Rawaq's coalesced path against: each
 * event its own transaction straight to the engine (no API, no queue: the most such a design could
 * do), with its own duplicate check (the event's id put only if new) and the booth-day's counter
 * added to in the same transaction; a badge adds a unique visitor when its ticket is new for that
 * booth-day. Same events, same concurrency; it must end with exact counts too.
 */
export interface BaselineEvent {
  boothId: string;
  eventId: string;
  kind: 'badge' | 'count';
  ticketId?: string;
}

type Client = Awaited<ReturnType<typeof scratchTable>>['client'];

/** One event its own transaction, its id put only if new; a badge's new visitor its second one. */
async function writeEvent(client: Client, TableName: string, event: BaselineEvent): Promise<void> {
  const counter = { TableName, Key: { pk: `BOOTH#${event.boothId}` } };
  const onceAnd = (pk: string, add: 'visits' | 'uniques') =>
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName, Item: { pk }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { ...counter, UpdateExpression: `ADD ${add} :one`, ExpressionAttributeValues: { ':one': 1 } } },
      ],
    });
  try {
    await client.send(onceAnd(`EVENT#${event.eventId}`, 'visits'));
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return; // a duplicate
    throw error;
  }
  if (event.kind !== 'badge') return;
  try {
    await client.send(onceAnd(`VISITOR#${event.boothId}#${event.ticketId}`, 'uniques'));
  } catch (error) {
    if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
  }
}

/** Whether each booth's counter holds exactly the events' visits and distinct badges. */
async function countsExact(client: Client, TableName: string, events: BaselineEvent[]): Promise<boolean> {
  const expected = new Map<string, { visits: number; uniques: Set<string> }>();
  for (const event of events) {
    const booth = expected.get(event.boothId) ?? { visits: 0, uniques: new Set<string>() };
    booth.visits += 1;
    if (event.ticketId) booth.uniques.add(event.ticketId);
    expected.set(event.boothId, booth);
  }
  let exact = true;
  for (const [boothId, want] of expected) {
    const { Item } = await client.send(new GetCommand({ TableName, Key: { pk: `BOOTH#${boothId}` } }));
    exact &&= Item?.visits === want.visits && (Item?.uniques ?? 0) === want.uniques.size;
  }
  return exact;
}

export async function footfallBaseline(
  endpoint: string,
  events: BaselineEvent[],
  concurrency: number,
): Promise<{ eventsPerSecond: number; exact: boolean }> {
  const { base, client, TableName } = await scratchTable(endpoint, 'BenchFootfallBaseline');
  const write = (event: BaselineEvent) => writeEvent(client, TableName, event);
  // The same warm-up as every loop, on a booth of its own that the exactness check leaves aside.
  const warmupEnds = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < warmupEnds; i += 1)
        await write({
          boothId: 'WARMUP',
          eventId: crypto.randomUUID(),
          kind: i % 2 === 0 ? 'badge' : 'count',
          ticketId: `warmup-${worker}-${i % 40}`,
        });
    }),
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const event = events[next] as BaselineEvent;
        next += 1;
        await write(event);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const exact = await countsExact(client, TableName, events);
  base.destroy();
  return { eventsPerSecond: events.length / seconds, exact };
}
