import { TokenVerifier } from '../shared/domain/token-verifier';
import { ZoneTree } from '../shared/domain/zone-tree';
import { demoFair } from '../shared/fair/demo-fair';
import { fairMetaOf } from '../shared/store/fair-store';
import { type ScanRecord, scanLog } from '../shared/store/scans-store';
import { ticketReader } from '../shared/store/tickets-store';
import { zoneStore } from '../shared/store/zones-store';
import { checkIn, type ScanInput } from '../shared/use-cases/check-in';
import { logCarriedScans } from '../shared/use-cases/log-carried-scans';
import { projectScans } from '../shared/use-cases/project-occupancy';
import { engineClient } from './raw-engine';

export type PublicKeys = ConstructorParameters<typeof TokenVerifier>[0];

/**
 * How many scan records a second one projector invocation chain handles (a stream shard is read by one
 * at a time), in full batches of 100: the capacity model's limit on one shard. The scans are made by
 * the check-in use case itself (entries and exits at the main entrance), then projected directly.
 */
export async function measureProjector(input: {
  endpoint: string;
  table: (prefix: string) => string;
  keys: PublicKeys;
  tickets: { token: string }[];
  scanBody: (token: string, gateId: string, direction: 'in' | 'out') => ScanInput;
  day: string;
  now: () => Date;
  /** Waits until the stack has gone quiet: its own consumers have done with the scans made here. */
  settle: () => Promise<void>;
}): Promise<{ recordsPerSecond: number; logWriterRecordsPerSecond: number }> {
  const { table, scanBody, day } = input;
  const { client } = engineClient(input.endpoint);
  const deps = {
    stores: {
      scans: scanLog(client, { scans: table('TablesScans'), tickets: table('TablesTickets') }),
      tickets: ticketReader(client, table('TablesTickets')),
      zones: zoneStore(client, table('TablesZones')),
    },
    verifier: new TokenVerifier(input.keys),
    fair: fairMetaOf(demoFair),
    tree: new ZoneTree(demoFair.zones),
    now: input.now,
  };
  const gate = demoFair.gates.find((g) => g.gateId === 'main') as (typeof demoFair.gates)[number];
  const streamed: Parameters<typeof projectScans>[1] = [];
  for (const [i, ticket] of input.tickets.entries()) {
    for (const direction of ['in', 'out'] as const) {
      const answer = await checkIn(deps, gate, scanBody(ticket.token, 'main', direction), false);
      streamed.push({
        eventId: crypto.randomUUID(),
        sequence: String(1e20 + streamed.length + i),
        scan: {
          scanId: answer.scanId,
          gateId: 'main',
          zoneId: 'venue',
          direction,
          receivedAt: deps.now().toISOString(),
          scannedAt: deps.now().toISOString(),
          day,
          verdict: answer.verdict,
          deltas: { venue: direction === 'in' ? 1 : -1 },
        },
      });
    }
  }
  // The stack's log writer and counters take up these scans too: timed once they are done, so that
  // the projector's pace is not measured against them for the two cores.
  await input.settle();
  const started = performance.now();
  for (let i = 0; i < streamed.length; i += 100)
    await projectScans(
      {
        client,
        tables: { zones: table('TablesZones') },
        now: deps.now,
      },
      streamed.slice(i, i + 100),
      'bench-shard',
    );
  const recordsPerSecond = streamed.length / ((performance.now() - started) / 1000);
  return { recordsPerSecond, logWriterRecordsPerSecond: await measureLogWriter(client, table('TablesScans'), day) };
}

/**
 * How many records a second the tickets stream's log writer puts into the scan log, as the stack runs
 * it: batches of 100, each record put on condition its id is new. The records are refusals' (no
 * ticket, no counts), so the stack's counts stay as they were; its own consumers take them up after.
 */
async function measureLogWriter(client: ReturnType<typeof engineClient>['client'], scans: string, day: string) {
  const at = new Date().toISOString();
  const records: ScanRecord[] = Array.from({ length: 1000 }, () => ({
    scanId: crypto.randomUUID(),
    gateId: 'main',
    zoneId: 'venue',
    direction: 'in',
    deviceId: 'bench-log-writer',
    scannedAt: at,
    receivedAt: at,
    day,
    verdict: 'INVALID_TOKEN',
    deltas: {},
    offline: false,
  }));
  const started = performance.now();
  for (let i = 0; i < records.length; i += 100)
    await logCarriedScans({ client, tables: { scans } }, records.slice(i, i + 100));
  return records.length / ((performance.now() - started) / 1000);
}
