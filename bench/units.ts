import { credentialHash } from '../shared/domain/credential';
import { dayHoursOf } from '../shared/domain/opening-hours';
import { TokenVerifier } from '../shared/domain/token-verifier';
import { ZoneTree } from '../shared/domain/zone-tree';
import { demoFair } from '../shared/fair/demo-fair';
import { getCredentialByHash } from '../shared/store/credentials-store';
import { aggregateFootfall } from '../shared/use-cases/aggregate-footfall';
import { checkIn, type ScanInput } from '../shared/use-cases/check-in';
import { projectScans } from '../shared/use-cases/project-occupancy';
import { meteredClient } from './consumed-capacity';

export type PublicKeys = ConstructorParameters<typeof TokenVerifier>[0];

/**
 * Write and read units per gate scan and per footfall event, through the metered SDK on the bench's
 * engine: a scan's own writes (the check-in use case, entries and exits at the main entrance), the
 * authorizer's credential read, and the projection on the stack's settings (no batching window: at a
 * gate's real pace a stream batch holds one scan; when the gates saturate, full batches of 100).
 */
export async function measureUnits(input: {
  endpoint: string;
  table: (prefix: string) => string;
  credential: string;
  keys: PublicKeys;
  tickets: { token: string }[];
  scanBody: (token: string, gateId: string, direction: 'in' | 'out') => ScanInput;
  day: string;
  now: () => Date;
}) {
  const { endpoint, table, credential, scanBody, day } = input;
  const metered = meteredClient(endpoint);
  const deps = {
    client: metered.client,
    tables: { scans: table('TablesScans'), tickets: table('TablesTickets'), zones: table('TablesZones') },
    verifier: new TokenVerifier(input.keys),
    fair: { fairId: demoFair.fairId, timezone: demoFair.timezone, days: demoFair.days, hours: dayHoursOf(demoFair) },
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
  const scanWrites = metered.totals.write;
  const scanReads = metered.totals.read;
  // The authorizer's share of every API call: the credential read (its last-use write is once a minute).
  const authorizerBefore = metered.totals.read;
  await getCredentialByHash(metered.client, table('TablesCredentials'), credentialHash(credential));
  const authorizerReads = metered.totals.read - authorizerBefore;
  // The projector on the stack's own settings (no batching window): at a gate's real pace a stream
  // batch holds one scan or a few; when the gates saturate, full batches of 100. Half the scans each way.
  const project = async (records: typeof streamed, batch: number) => {
    const before = { ...metered.totals };
    const started = performance.now();
    for (let i = 0; i < records.length; i += batch)
      await projectScans(
        {
          client: metered.client,
          tables: { zones: table('TablesZones'), stats: table('TablesStats') },
          timezone: demoFair.timezone,
          now: deps.now,
        },
        records.slice(i, i + batch),
      );
    return {
      write: (metered.totals.write - before.write) / records.length,
      read: (metered.totals.read - before.read) / records.length,
      recordsPerSecond: records.length / ((performance.now() - started) / 1000),
    };
  };
  const half = streamed.length / 2;
  const paceProjection = await project(streamed.slice(0, half), 1);
  const fullProjection = await project(streamed.slice(half), 100);
  const perScan = {
    write: scanWrites / streamed.length + paceProjection.write,
    read: scanReads / streamed.length + authorizerReads + paceProjection.read,
    saturatedWrite: scanWrites / streamed.length + fullProjection.write,
  };
  const before = { ...metered.totals };
  const footfallMessages = Array.from({ length: 10 }, (_, m) => ({
    messageId: `m${m}`,
    message: {
      boothId: 'A040',
      events: Array.from({ length: 500 }, (_, i) =>
        i % 2
          ? { eventId: crypto.randomUUID(), at: deps.now().toISOString(), kind: 'count' as const, in: 1, out: 0 }
          : {
              eventId: crypto.randomUUID(),
              at: deps.now().toISOString(),
              kind: 'badge' as const,
              ticketId: `t${i % 50}`,
            },
      ),
    },
  }));
  await aggregateFootfall(metered.client, table('TablesStats'), footfallMessages, demoFair.timezone);
  const perEvent = {
    write: (metered.totals.write - before.write) / 5000,
    read: (metered.totals.read - before.read) / 5000,
  };
  return { perScan, perEvent, authorizerReads, projectorRecordsPerSecond: fullProjection.recordsPerSecond };
}
