import { INSIDE_SHARDS, RANKING_SHARDS } from '../shared/store/index-names';
import { round } from './measure';

/**
 * How far the design scales: for Oujda, a fair ten times larger and one a hundred times larger, the
 * load at the peak hour on each thing that has a limit, from this run's measured costs, and the first
 * limit each size reaches with the change that would lift it. DynamoDB's per-partition limits are
 * 1,000 write units and 3,000 read units a second; a stream shard is read by one projector at a time.
 */
export interface CapacityInputs {
  /** Measured: write units per gate scan (scan record, ticket presence, projection share). */
  writeUnitsPerScan: number;
  /** Measured: write units per footfall event (coalesced per queue batch). */
  writeUnitsPerFootfallEvent: number;
  /** Measured: records per second one projector invocation chain handles (one stream shard). */
  projectorRecordsPerSecond: number;
  /**
   * Measured: records per second the tickets stream's log writer puts into the scan log, in its
   * batches of 100 (one shard's invocation chain). Optional: results files before it lack it.
   */
  logWriterRecordsPerSecond?: number;
  /** Measured: the check-in function's time per request (ms), for Lambda concurrency. */
  checkinMs: number;
}

const SIZES = [
  { name: 'Oujda (5,000 a day, 4 gates, 140 booths)', visitors: 5_000, gates: 4, booths: 140 },
  { name: '10x (50,000 a day, 40 gates, 1,000 booths)', visitors: 50_000, gates: 40, booths: 1_000 },
  { name: '100x (500,000 a day, 400 gates, 10,000 booths)', visitors: 500_000, gates: 400, booths: 10_000 },
];
/** The visitor profile: 4 gate movements and 8 booth visits a day; a fifth of the day's at the peak hour. */
const PROFILE = { gateEventsPerVisitor: 4, boothEventsPerVisitor: 8, peakHourShare: 0.2 };
const LIMITS = {
  partitionWriteUnits: 1_000,
  lambdaConcurrency: 1_000,
  /** Stream records a second one shard carries at most (one per write unit of its partition). */
  shardRecordsPerSecond: 1_000,
  /**
   * How often Lambda polls a stream shard: "at a base rate of 4 times per second" (the Lambda developer
   * guide, "Using AWS Lambda with Amazon DynamoDB"); a consumer without a batching window is invoked at
   * most that often a shard, one batch at a time.
   */
  shardPollsPerSecond: 4,
};
/** The gate-hours consumer's batching window (infra/features/occupancy-and-alerts.ts), seconds. */
const GATE_HOURS_WINDOW_SECONDS = 5;
/** A booth-day's row written in a transaction: an item under 1 KB, billed twice. */
const ROW_WRITE_UNITS = 2;

export function capacityModel(inputs: CapacityInputs) {
  return {
    profile: PROFILE,
    limits: LIMITS,
    inputs,
    sizes: SIZES.map((size) => {
      const peak = (perVisitor: number) => (size.visitors * perVisitor * PROFILE.peakHourShare) / 3600;
      const scansPerSecond = peak(PROFILE.gateEventsPerVisitor);
      const footfallPerSecond = peak(PROFILE.boothEventsPerVisitor);
      const scanWriteUnits = scansPerSecond * inputs.writeUnitsPerScan;
      // Scans spread over partitions by scan id; each partition's stream shard feeds one projector.
      const shards = Math.max(1, Math.ceil(scanWriteUnits / LIMITS.partitionWriteUnits));
      const perShard = scansPerSecond / shards;
      // The projector coalesces a batch into one plain conditional update a zone (1 write unit: the
      // venue's item stays under 1 KB), and a shard is invoked at most at Lambda's polling rate.
      // The tickets stream's shards: a scan writes its ticket once (1 unit, the item under 1 KB), and
      // the tickets spread over partitions by id; each shard's log writer puts its scans into the log.
      const ticketShards = Math.max(1, Math.ceil(scansPerSecond / LIMITS.partitionWriteUnits));
      const projectorInvocationsPerSecond = Math.min(perShard, LIMITS.shardPollsPerSecond) * shards;
      // Gate hours: one batch a window a shard, each gate's hour item once a batch (1 unit, a plain update).
      const gateHourBatchesPerSecond = Math.min(perShard, 1 / GATE_HOURS_WINDOW_SECONDS) * shards;
      const hot = {
        'the venue counter item (write units/s)': [projectorInvocationsPerSecond, LIMITS.partitionWriteUnits],
        'a stream shard’s projector (records/s)': [perShard, inputs.projectorRecordsPerSecond],
        ...(inputs.logWriterRecordsPerSecond === undefined
          ? {}
          : {
              'a tickets stream shard’s log writer (records/s)': [
                scansPerSecond / ticketShards,
                inputs.logWriterRecordsPerSecond,
              ],
            }),
        'a gate-hour statistics item (write units/s)': [gateHourBatchesPerSecond, LIMITS.partitionWriteUnits],
        // Every entry and exit writes the tickets' inside index, whose keys are a day's shards.
        'an inside-index key (write units/s)': [scansPerSecond / INSIDE_SHARDS, LIMITS.partitionWriteUnits],
        // A booth visit writes its booth-day's row, under one of the day's ranking keys: a visit a
        // booth a minute or less is never coalesced, so a row's write a visit (a transaction's item
        // under 1 KB, 2 units), the key's share of every booth's visits.
        'a booth ranking key (write units/s)': [
          (footfallPerSecond / RANKING_SHARDS) * ROW_WRITE_UNITS,
          LIMITS.partitionWriteUnits,
        ],
        // One invocation a scan: the scan function authenticates itself (no authorizer on the gate path).
        'Lambda concurrency (the scan function)': [
          (scansPerSecond * Math.max(inputs.checkinMs, 20)) / 1000,
          LIMITS.lambdaConcurrency,
        ],
      } as Record<string, [number, number]>;
      const worst = Object.entries(hot).sort((a, b) => b[1][0] / b[1][1] - a[1][0] / a[1][1])[0] as [
        string,
        [number, number],
      ];
      const use = worst[1][0] / worst[1][1];
      return {
        name: size.name,
        peakScansPerSecond: round(scansPerSecond),
        peakFootfallPerSecond: round(footfallPerSecond),
        streamShards: shards,
        load: Object.fromEntries(
          Object.entries(hot).map(([key, [value, limit]]) => [key, `${round(value)} of ${limit}`]),
        ),
        firstLimit: `${worst[0]} at ${Math.round(use * 100)} %${use >= 1 ? `: breaks; ${LIFT[worst[0]] ?? ''}` : ''}`,
      };
    }),
  };
}

const LIFT: Record<string, string> = {
  'a stream shard’s projector (records/s)':
    'lift: a parallelization factor on the stream mapping (ordered per zone key) or write-sharded scans',
  'a tickets stream shard’s log writer (records/s)':
    'lift: a parallelization factor on its stream mapping (the puts are independent), or more puts at once',
  'the venue counter item (write units/s)': 'lift: shard the zone counters (N items summed on read)',
  'Lambda concurrency (the scan function)': 'lift: a concurrency quota raise',
  'a booth ranking key (write units/s)': 'lift: more ranking keys a day (RANKING_SHARDS)',
  'an inside-index key (write units/s)': 'lift: more shards a day (INSIDE_SHARDS)',
  'a gate-hour statistics item (write units/s)': 'lift: coalesce statistics per batch across gates',
};
