import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tally } from '#shared/domain/footfall';
import { applyBoothDay, MAX_IDS_PER_ITEM, readBoothDay } from '#shared/store/footfall-store';
import { aggregateFootfall } from '#shared/use-cases/aggregate-footfall';
import type { QueuedFootfallEvent } from '../../events/footfall-message';
import { localTables } from '../support/api-client';

/**
 * The booth-day items on DynamoDB Local: what a busy booth writes stays under the 400 KB item limit
 * and the 100 items a transaction, however many events a day brings, and a resend counts nothing.
 */
const TIMEZONE = 'Africa/Casablanca';
const { client, tables } = localTables();
const table = () => tables.TablesStats as string;

const counts = (n: number, hour: string, day = '2027-03-28'): QueuedFootfallEvent[] =>
  Array.from({ length: n }, () => ({
    eventId: crypto.randomUUID(),
    at: `${day}T${hour}:30:00Z`,
    kind: 'count' as const,
    in: 1,
    out: 0,
  }));

async function seenItems(boothId: string, day: string): Promise<Map<string, number>> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seen)',
      ExpressionAttributeValues: { ':pk': `BOOTH#${boothId}#${day}`, ':seen': 'SEEN#' },
      ConsistentRead: true,
    }),
  );
  return new Map(Items.map((item) => [String(item.sk), (item.ids as Set<string>).size]));
}

async function apply(boothId: string, day: string, events: QueuedFootfallEvent[], cap: number) {
  const before = await readBoothDay(client, table(), boothId, day, { hours: ['11'] });
  const counted = tally(events, before.seen, TIMEZONE);
  return { counted, result: await applyBoothDay(client, table(), { boothId, day, before }, counted, cap) };
}

describe('booth-day items', () => {
  it('goes on in a next item when an hour fills one, and a resend across the chain counts nothing', async () => {
    const day = '2027-03-28';
    const first = counts(250, '11');
    expect((await apply('Y001', day, first, 100)).result).toBe('applied');
    expect(await seenItems('Y001', day)).toEqual(
      new Map([
        ['SEEN#11', 100],
        ['SEEN#11#2', 100],
        ['SEEN#11#3', 50],
      ]),
    );
    // Every id resent (from all three items), with 30 new ones: only these count, in the last item.
    const again = await apply('Y001', day, [...first, ...counts(30, '11')], 100);
    expect(again.counted.visits).toBe(30);
    expect(await seenItems('Y001', day)).toEqual(
      new Map([
        ['SEEN#11', 100],
        ['SEEN#11#2', 100],
        ['SEEN#11#3', 80],
      ]),
    );
    expect((await readBoothDay(client, table(), 'Y001', day)).visits).toBe(280);
  });

  it('refuses a second writer that read the same day (the version moved)', async () => {
    const day = '2027-03-28';
    const before = await readBoothDay(client, table(), 'Y002', day, { hours: ['11'] });
    const one = tally(counts(5, '11'), before.seen, TIMEZONE);
    const two = tally(counts(7, '11'), before.seen, TIMEZONE);
    const results = await Promise.all([
      applyBoothDay(client, table(), { boothId: 'Y002', day, before }, one),
      applyBoothDay(client, table(), { boothId: 'Y002', day, before }, two),
    ]);
    expect(results.sort()).toEqual(['applied', 'stale']);
    expect([5, 7]).toContain((await readBoothDay(client, table(), 'Y002', day)).visits);
  });

  it('counts a day of 20,000 events over every hour in transactions DynamoDB accepts, ids under the cap', async () => {
    const day = '2027-03-29';
    const hours = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
    // Heavier at midday: one hour alone passes an item's cap.
    const events = hours.flatMap((hour) => counts(hour === '12' ? 9_000 : 480, hour, day));
    const messages = Array.from({ length: Math.ceil(events.length / 2000) }, (_, index) => ({
      messageId: `m${index}`,
      message: { boothId: 'Y003', events: events.slice(index * 2000, (index + 1) * 2000) },
    }));
    expect(await aggregateFootfall(client, table(), messages, TIMEZONE)).toEqual([]);
    const stored = await readBoothDay(client, table(), 'Y003', day);
    expect(stored.visits).toBe(events.length);
    expect(stored.byHour).toHaveLength(24);
    const items = await seenItems('Y003', day);
    expect([...items.values()].reduce((sum, size) => sum + size, 0)).toBe(events.length);
    expect(Math.max(...items.values())).toBeLessThanOrEqual(MAX_IDS_PER_ITEM);
    expect(items.get('SEEN#12#2')).toBe(9_000 - MAX_IDS_PER_ITEM);
    // Delivered again whole: nothing more.
    expect(await aggregateFootfall(client, table(), messages, TIMEZONE)).toEqual([]);
    expect((await readBoothDay(client, table(), 'Y003', day)).visits).toBe(events.length);
  });
});
