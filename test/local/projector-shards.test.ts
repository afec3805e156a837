import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanStreamRecord } from '#events/scan-record';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { demoFair } from '#shared/fair/demo-fair';
import { gateFigures, listGateHours } from '#shared/store/projection-store';
import { getZone, liveOf } from '#shared/store/zones-store';
import { countGateHours } from '#shared/use-cases/count-gate-hours';
import { type ProjectionDeps, projectScans, type StreamedScan } from '#shared/use-cases/project-occupancy';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators/dynamodb-local';
import type { LocalRuntime } from '../../local/runtime';
import { machineFactor } from '../support/machine-factor';
import { startOwnRuntime } from '../support/own-runtime';

/**
 * At a national fair the scans table has several partitions, so its stream has several shards, each
 * with a projector of its own, all moving the venue's one counter. Played here on a stack of its own
 * (no event sources: the test is the stream): six shards' projectors at once, each batch delivered as
 * Lambda would (again from its first record when it fails, once more on purpose, and a batch whose
 * first half was written before its invocation failed, delivered again whole), on one zone, each
 * projector naming its shard as the mapping's tumbling window makes Lambda do.
 * What every shard's records add up to is what the zone counts: nothing lost, nothing twice, and no
 * batch that would have gone to the dead-letter queue. The stream's second consumer, the gate hours
 * counter, gets the same batches at the same time, racing on the two gates' hour.
 */
const SHARDS = 6;
const BATCHES = 12;
const RECORDS = 10;
/** Lambda's tries of a stream batch before it is sent to the dead-letter queue (the stack's setting). */
const LAMBDA_TRIES = 10;

let runtime: LocalRuntime;

beforeAll(async () => {
  ({ runtime } = await startOwnRuntime({ startEventSources: false }));
}, 180_000 * machineFactor());
afterAll(async () => {
  await runtime?.stop();
});

describe('projectors on several stream shards', () => {
  it('racing on the venue lose nothing, count nothing twice and send no batch to the dead-letter queue', async () => {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
        endpoint: runtime.endpoints.dynamodb,
      }),
    );
    const table = (prefix: string) => runtime.topology.tables.find((t) => t.logicalId.startsWith(prefix))?.logicalId;
    const zone = zoneOf(demoFair);
    const deps: ProjectionDeps = { client, tables: { zones: table('TablesZones') as string }, now: () => new Date() };
    const statsTable = table('TablesStats') as string;
    const day = fairDay(new Date(), zone);
    const venueBefore = liveOf((await getZone(client, deps.tables.zones, 'venue')) as never).ticketed ?? 0;
    // Each shard: its own records in order, entries and now and then an exit.
    const record = (shard: number, index: number): StreamedScan => {
      const exit = index % 4 === 3;
      const at = new Date().toISOString();
      const scan: ScanStreamRecord = {
        scanId: crypto.randomUUID(),
        gateId: exit ? 'east' : 'main',
        zoneId: 'venue',
        receivedAt: at,
        day,
        deltas: { venue: exit ? -1 : 1 },
        direction: exit ? 'out' : 'in',
        scannedAt: at,
        verdict: exit ? 'EXITED' : 'ADMITTED',
      };
      return { eventId: `shard-${shard}-${index}`, sequence: String(1_000_000 + index), scan };
    };
    let retried = 0;
    let deadLettered = 0;
    const gateDeps = { client, tables: { stats: statsTable }, zone };
    // Lambda's delivery of one batch to a consumer: tried again from its first record while it fails.
    const deliver = (batch: StreamedScan[], shardId: string) =>
      Promise.all([
        deliverTo((records) => projectScans(deps, records, shardId), batch),
        deliverTo((records) => countGateHours(gateDeps, records, shardId), batch),
      ]);
    const deliverTo = async (consume: (batch: StreamedScan[]) => Promise<unknown>, batch: StreamedScan[]) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await consume(batch);
          return;
        } catch (error) {
          if (attempt >= LAMBDA_TRIES) {
            deadLettered += 1;
            return;
          }
          retried += 1;
          if (!String(error).includes('kept changing')) throw error;
        }
      }
    };
    let expected = 0;
    await Promise.all(
      Array.from({ length: SHARDS }, async (_, shard) => {
        for (let batch = 0; batch < BATCHES; batch += 1) {
          const records = Array.from({ length: RECORDS }, (_, i) => record(shard, batch * RECORDS + i));
          expected += records.reduce((sum, item) => sum + (item.scan.deltas.venue ?? 0), 0);
          const shardId = `shard-${shard}`;
          // Its first half written, then the invocation failed: delivered again whole, the half is skipped.
          if (batch % 4 === 1) {
            await deliverTo((part) => projectScans(deps, part, shardId), records.slice(0, 5));
            await deliverTo((part) => countGateHours(gateDeps, part, shardId), records.slice(0, 5));
          }
          await deliver(records, shardId);
          // Delivered once more (a retry after a timeout that had in fact committed): under its shard's watermark.
          if (batch % 3 === 0) await deliver(records, shardId);
        }
      }),
    );
    const venue = liveOf((await getZone(client, deps.tables.zones, 'venue')) as never);
    expect(deadLettered).toBe(0);
    expect((venue.ticketed ?? 0) - venueBefore).toBe(expected);
    // A quarter of each shard's records are exits: 90 in and 30 out of 120, 60 net a shard.
    expect(expected).toBe((SHARDS * BATCHES * RECORDS) / 2);
    const hours = await listGateHours(client, statsTable, day);
    const gate = (gateId: string) => gateFigures(hours.filter((hour) => hour.gateId === gateId));
    expect(gate('main')).toMatchObject({ entries: (SHARDS * BATCHES * RECORDS * 3) / 4, exits: 0 });
    expect(gate('east')).toMatchObject({ entries: 0, exits: (SHARDS * BATCHES * RECORDS) / 4 });
    console.log(`projector shards: ${SHARDS} at once, ${retried} batch deliveries retried, none dead-lettered`);
  });
});
