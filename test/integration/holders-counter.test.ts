import { describe, expect, it } from 'vitest';
import { fairHolders, holdersOn } from '#shared/store/holders-store';
import { countHolders, type HolderChange } from '#shared/use-cases/count-holders';
import { localTables } from '../support/api-client';

/**
 * The holders counter on the real engine: a batch of the tickets stream counted once whatever its
 * redeliveries (the same batch again, or a longer one from the same first record, as Lambda retries a
 * whole-batch consumer), two deliveries of one batch racing, two shards counting the same day with
 * the same sequence numbers (each its own mark), and a batch with nothing to count left without a write. A category of its own and a day of its own keep it apart from the other tests.
 */
describe('the holders counter', () => {
  const { client, tables } = localTables();
  const stats = tables.TablesStats as string;
  const deps = { client, tables: { stats } };
  const shard = `shardId-${crypto.randomUUID().slice(0, 8)}`;
  const run = crypto.randomUUID().slice(0, 8);
  const category = `test-${run}`;
  const day = `2099-01-${run}`;
  const change = (n: number, entry?: { firstEver: boolean }): HolderChange => ({
    eventId: `${run}-${n}`,
    sequence: String(1000 + n),
    category: entry ? category : '',
    firstEver: entry?.firstEver ?? false,
    ...(entry ? { day } : {}),
  });

  it('counts a batch once across redeliveries, a longer retry counting only what is new', async () => {
    const batch = [change(1, { firstEver: true }), change(2), change(3, { firstEver: false })];
    expect(await countHolders(deps, batch, shard)).toEqual({ counted: 2 });
    expect(await countHolders(deps, batch, shard)).toEqual({ counted: 0 });
    // Retried from the same first record, longer: only the record past the day's mark for the shard counts.
    const longer = [...batch, change(4, { firstEver: true })];
    expect(await countHolders(deps, longer, shard)).toEqual({ counted: 1 });
    expect(await countHolders(deps, longer, shard)).toEqual({ counted: 0 });
    expect((await holdersOn(client, stats, day))[category]).toBe(3);
    expect((await fairHolders(client, stats, [day]))[category]).toBe(2);
  });

  it('counts a batch once when two deliveries of it race', async () => {
    const raceDay = `${day}-race`;
    const batch = Array.from({ length: 20 }, (_, n) => ({ ...change(100 + n, { firstEver: false }), day: raceDay }));
    const outcomes = await Promise.all([
      countHolders(deps, batch, shard),
      countHolders(deps, batch, shard),
      countHolders(deps, batch, shard),
    ]);
    expect(outcomes.map((outcome) => outcome.counted).sort((a, b) => a - b)).toEqual([0, 0, 20]);
    expect((await holdersOn(client, stats, raceDay))[category]).toBe(20);
  });

  it('writes nothing for a batch with no first entry', async () => {
    const quiet = [change(200), change(201)];
    expect(await countHolders(deps, quiet, shard)).toEqual({ counted: 0 });
    // Nothing was written: a later delivery of the same first record with an entry in it counts it.
    const later = [...quiet, { ...change(202, { firstEver: false }), day: `${day}-quiet` }];
    expect(await countHolders(deps, later, shard)).toEqual({ counted: 1 });
    expect((await holdersOn(client, stats, `${day}-quiet`))[category]).toBe(1);
  });

  it('counts two shards on one day apart: the same sequence numbers in each are different records', async () => {
    const shardDay = `${day}-shards`;
    const batch = Array.from({ length: 5 }, (_, n) => ({ ...change(300 + n, { firstEver: n === 0 }), day: shardDay }));
    const outcomes = await Promise.all(['a', 'b', 'c'].map((name) => countHolders(deps, batch, `${shard}-${name}`)));
    expect(outcomes.map((outcome) => outcome.counted)).toEqual([5, 5, 5]);
    // And each shard's redelivery counts nothing more.
    expect(await countHolders(deps, batch, `${shard}-b`)).toEqual({ counted: 0 });
    expect((await holdersOn(client, stats, shardDay))[category]).toBe(15);
    expect((await fairHolders(client, stats, [shardDay]))[category]).toBe(3);
  });
});
