import { describe, expect, it } from 'vitest';
import { capacityModel } from '../../bench/capacity-model';
import { estimateCost } from '../../bench/cost-model';
import { perOperation } from '../../bench/stack-meter';

const load = (size: ReturnType<typeof capacityModel>['sizes'][number], key: string) =>
  Number(String(size.load[key]).split(' of ')[0]);

describe('the capacity model', () => {
  const model = (writeUnitsPerScan: number) =>
    capacityModel({
      writeUnitsPerScan,
      writeUnitsPerFootfallEvent: 2,
      projectorRecordsPerSecond: 9_000,
      checkinMs: 30,
    });

  it('writes the venue item once a projector invocation, at most Lambda’s four polls a second a shard', () => {
    const [oujda, , national] = model(5).sizes as [
      ReturnType<typeof model>['sizes'][number],
      unknown,
      ReturnType<typeof model>['sizes'][number],
    ];
    // Oujda's 1.1 scans a second: a batch a scan, one write unit each.
    expect(load(oujda, 'the venue counter item (write units/s)')).toBe(oujda.peakScansPerSecond);
    // 111 scans a second on one shard: four batches a second, four units.
    expect(national.streamShards).toBe(1);
    expect(load(national, 'the venue counter item (write units/s)')).toBe(4);
  });

  it('splits the scans over more shards when their writes pass a partition, each shard writing the venue', () => {
    const heavy = model(20).sizes[2];
    expect(heavy?.streamShards).toBe(3);
    if (heavy) expect(load(heavy, 'the venue counter item (write units/s)')).toBe(12);
  });

  it("loads the tickets stream's log writer with every scan of its shard, and names it when it breaks", () => {
    const slow = capacityModel({
      writeUnitsPerScan: 3.5,
      writeUnitsPerFootfallEvent: 2,
      projectorRecordsPerSecond: 9_000,
      logWriterRecordsPerSecond: 100,
      checkinMs: 30,
    }).sizes[2];
    // 111 scans a second, one ticket write each: one shard, all of them through one writer.
    expect(slow && load(slow, 'a tickets stream shard’s log writer (records/s)')).toBeCloseTo(111.1, 1);
    expect(slow?.firstLimit).toMatch(/^a tickets stream shard’s log writer \(records\/s\) at 111 %: breaks; lift: /);
    // A results file from before the writer has no such figure, and the model leaves it out.
    expect(Object.keys(model(5).sizes[2]?.load ?? {})).not.toContain('a tickets stream shard’s log writer (records/s)');
  });
});

describe('the cost model', () => {
  const op = (write: number, invocations: number) =>
    perOperation({ scan: { read: 2, write, requests: 2, invocations, ms: 30 } }, 1);

  /** A booth visit: its request, and the queue's consumer `queued` times a visit (with its 3 queue requests). */
  const visit = (queued: number) =>
    perOperation(
      {
        'footfall-ingest': { read: 2, write: queued === 0 ? 4.7 : 0, requests: 2, invocations: 1, ms: 30 },
        'footfall-aggregator': { read: 0, write: queued === 0 ? 0 : 4.7, requests: 2, invocations: queued, ms: 30 },
      },
      1,
    );
  const estimate = (boothVisit: ReturnType<typeof op>) =>
    estimateCost({
      gateScan: op(5, 1),
      saturatedScan: op(5, 1),
      doorScan: op(10, 1),
      ticket: op(2, 1),
      footfallEvent: op(2, 0.01),
      boothVisit,
      memoryMb: { scan: 512 },
    });

  it('bills the same total by operation and by what is billed', () => {
    const cost = estimate(visit(1));
    const byOperation = Object.values(cost.usdPer10kBy).reduce((s, v) => s + v, 0);
    const { footfallRequests, ...billed } = cost.usdPer10kBilledAs;
    const byBill = Object.values(billed).reduce((s, v) => s + v, 0);
    expect(byBill).toBeCloseTo(cost.usdPer10kVisitors, 2);
    expect(byOperation).toBeCloseTo(cost.usdPer10kVisitors, 2);
    // Eight visits a visitor, each an API request, 2 invocations and 3 queue requests: $0.2 per 10,000.
    expect(footfallRequests).toBeCloseTo(8 * (1 + 2 * 0.2 + 3 * 0.4) * 1e-6 * 10_000, 3);
    // Counted in their requests, the queue's consumer never invoked: no queue requests either.
    expect(estimate(visit(0)).usdPer10kBilledAs.footfallRequests).toBeCloseTo(8 * (1 + 0.2) * 1e-6 * 10_000, 3);
    // Write units: 4 scans x 5, 2 door scans x 10, a ticket x 2, 8 visits x 4.7, at $0.625 a million.
    expect(billed.writeUnits).toBeCloseTo((20 + 20 + 2 + 37.6) * 0.625e-6 * 10_000, 3);
  });
});
