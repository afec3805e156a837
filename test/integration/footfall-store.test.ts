import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { zoneOf } from '#shared/domain/fair-time';
import { demoFair } from '#shared/fair/demo-fair';
import { listBoothRanking, listBoothVisitors, readBoothDay } from '#shared/store/footfall-store';
import { listLeadAnswers } from '#shared/store/leads-store';
import { aggregateFootfall } from '#shared/use-cases/aggregate-footfall';
import type { QueuedFootfallEvent } from '../../events/footfall-message';
import { localTables } from '../support/api-client';

/**
 * Booth footfall on DynamoDB Local: no item grows with a booth's traffic, a resend or a redelivery
 * counts nothing, two aggregators on one booth-day add up exactly, a booth's own +1s beyond a
 * plausible pace are kept apart, and a visitor's latest answer wins whatever order it arrives in.
 */
const ZONE = zoneOf(demoFair);
const { client, tables } = localTables();
const deps = () => ({
  client,
  table: tables.TablesStats as string,
  zone: ZONE,
  boothVisitsPerMinute: 30,
  eventsExpireAt: Math.floor(Date.parse('2027-04-07T00:00:00Z') / 1000),
});

const counts = (n: number, at: (index: number) => string): QueuedFootfallEvent[] =>
  Array.from({ length: n }, (_, index) => ({
    eventId: crypto.randomUUID(),
    at: at(index),
    kind: 'count' as const,
    in: 1,
    out: 0,
  }));
/** One visitor every 4 s from 10:00: a steady booth, well within its pace. */
const steady = (day: string) => (index: number) =>
  new Date(Date.parse(`${day}T10:00:00Z`) + index * 4000).toISOString();
const badge = (ticketId: string, at: string, consent?: boolean): QueuedFootfallEvent => ({
  eventId: crypto.randomUUID(),
  at,
  kind: 'badge',
  ticketId,
  ...(consent === undefined ? {} : { consent }),
});
const messagesOf = (boothId: string, events: QueuedFootfallEvent[], size = 500) =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, index) => ({
    messageId: `${boothId}-${index}`,
    message: { boothId, events: events.slice(index * size, (index + 1) * size) },
  }));

/** The largest of a booth-day's items: its day's (`BOOTH#...`) and its row in the day's ranking. */
async function largestItemBytes(boothId: string, day: string): Promise<number> {
  const { Items: dayItems = [] } = await client.send(
    new QueryCommand({
      TableName: tables.TablesStats,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `BOOTH#${boothId}#${day}` },
    }),
  );
  const { Items: rows = [] } = await client.send(
    new ScanCommand({
      TableName: tables.TablesStats,
      FilterExpression: 'begins_with(pk, :ranking) AND sk = :booth',
      ExpressionAttributeValues: { ':ranking': `BOOTHS#${day}#`, ':booth': boothId },
    }),
  );
  expect(rows, 'the booth-day has one row').toHaveLength(1);
  return Math.max(...[...dayItems, ...rows].map((item) => JSON.stringify(item).length));
}

describe('booth footfall items', () => {
  it('counts 3,000 visits of a day in items that stay small, and a whole redelivery adds nothing', async () => {
    const day = '2027-03-29';
    const events = counts(3000, steady(day));
    const messages = messagesOf('Y003', events);
    expect(await aggregateFootfall(deps(), messages)).toEqual([]);
    const stored = await readBoothDay(client, tables.TablesStats as string, 'Y003', day);
    expect(stored).toMatchObject({ visits: 3000, countedVisits: 3000, badgeVisits: 0, flaggedVisits: 0 });
    // 3,000 visits one every 4 s is 900 an hour: within the pace, nothing flagged.
    expect(stored.byHour).toEqual([
      { hour: 10, visits: 900 },
      { hour: 11, visits: 900 },
      { hour: 12, visits: 900 },
      { hour: 13, visits: 300 },
    ]);
    // No item holds the day's ids: the largest is a few hundred bytes, whatever the traffic.
    expect(await largestItemBytes('Y003', day)).toBeLessThan(400);
    expect(await aggregateFootfall(deps(), messages)).toEqual([]);
    expect((await readBoothDay(client, tables.TablesStats as string, 'Y003', day)).visits).toBe(3000);
  });

  it('reads the hours a booth-day kept as items of their own before (HOUR#hh) with those on its day item', async () => {
    const day = '2027-03-29';
    await client.send(
      new PutCommand({ TableName: tables.TablesStats, Item: { pk: `BOOTH#Y007#${day}`, sk: 'HOUR#13', visits: 7 } }),
    );
    expect(
      await aggregateFootfall(
        deps(),
        messagesOf(
          'Y007',
          counts(2, (i) => `${day}T13:0${i}:00Z`),
        ),
      ),
    ).toEqual([]);
    expect(
      await aggregateFootfall(
        deps(),
        messagesOf(
          'Y007',
          counts(1, () => `${day}T14:00:00Z`),
        ),
      ),
    ).toEqual([]);
    expect((await readBoothDay(client, tables.TablesStats as string, 'Y007', day)).byHour).toEqual([
      { hour: 13, visits: 9 },
      { hour: 14, visits: 1 },
    ]);
  });

  it('adds up exactly when two aggregators count one booth-day at once, with events in both', async () => {
    const day = '2027-03-30';
    const events = [
      ...counts(400, steady(day)),
      ...Array.from({ length: 60 }, (_, i) => badge(`T${i % 20}`, steady(day)(i))),
    ];
    // The queue delivered overlapping batches to two instances: 100 events in both.
    const first = events.slice(0, 280);
    const second = events.slice(180);
    const results = await Promise.all([
      aggregateFootfall(deps(), messagesOf('Y004', first, 50)),
      aggregateFootfall(deps(), messagesOf('Y004', second, 50)),
    ]);
    expect(results).toEqual([[], []]);
    const stored = await readBoothDay(client, tables.TablesStats as string, 'Y004', day);
    expect(stored).toMatchObject({ visits: 460, countedVisits: 400, badgeVisits: 60, uniqueVisitors: 20 });
    expect((await listBoothVisitors(client, tables.TablesStats as string, 'Y004', day)).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `T${i}`).sort(),
    );
    const row = (await listBoothRanking(client, tables.TablesStats as string, day)).find((r) => r.boothId === 'Y004');
    expect(row).toMatchObject({ visits: 460, badgeVisits: 60, countedVisits: 400, uniqueVisitors: 20 });
  });

  it("keeps a booth's own +1s beyond 30 a minute (1,800 in an hour) apart, flagged, across batches", async () => {
    const day = '2027-03-31';
    const inHour = (index: number) => new Date(Date.parse(`${day}T11:00:00Z`) + index * 1000).toISOString();
    // An eager exhibitor: 2,000 taps within one hour, then 20 more in a later delivery.
    expect(
      await aggregateFootfall(
        deps(),
        messagesOf(
          'Y005',
          counts(2000, (i) => inHour(i % 3600)),
        ),
      ),
    ).toEqual([]);
    expect(await aggregateFootfall(deps(), messagesOf('Y005', counts(20, inHour)))).toEqual([]);
    // A counter's tally for the next hour is within it.
    const tally: QueuedFootfallEvent = {
      eventId: crypto.randomUUID(),
      at: `${day}T12:59:00Z`,
      kind: 'count',
      in: 500,
      out: 0,
    };
    expect(await aggregateFootfall(deps(), messagesOf('Y005', [tally]))).toEqual([]);
    const stored = await readBoothDay(client, tables.TablesStats as string, 'Y005', day);
    expect(stored).toMatchObject({ visits: 1800 + 500, countedVisits: 2300, flaggedVisits: 200 + 20 });
  });

  it("keeps a visitor's latest answer at a booth, whichever arrives first", async () => {
    const day = '2027-03-31';
    const yes = badge('LEAD1', `${day}T12:00:00Z`, true);
    const no = badge('LEAD1', `${day}T12:05:00Z`, false);
    const otherYes = badge('LEAD2', `${day}T12:00:00Z`, true);
    // The refusal arrives first (the yes was queued on a phone that was offline), then the yes.
    expect(await aggregateFootfall(deps(), messagesOf('Y006', [no]))).toEqual([]);
    expect(await aggregateFootfall(deps(), messagesOf('Y006', [yes, otherYes]))).toEqual([]);
    const answers = new Map(
      (await listLeadAnswers(client, tables.TablesStats as string, 'Y006')).map((answer) => [
        answer.ticketId,
        answer.consent,
      ]),
    );
    expect(answers).toEqual(
      new Map([
        ['LEAD1', false],
        ['LEAD2', true],
      ]),
    );
    expect(await readBoothDay(client, tables.TablesStats as string, 'Y006', day)).toMatchObject({
      badgeVisits: 3,
      uniqueVisitors: 2,
    });
  });
});
