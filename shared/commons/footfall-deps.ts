import { zoneOf } from '../domain/fair-time';
import { DEFAULT_BOOTH_VISITS_PER_MINUTE } from '../domain/footfall';
import { footfallEventsExpireAt } from '../domain/retention';
import { dynamo, sqs } from '../store/clients';
import type { AggregateDeps } from '../use-cases/aggregate-footfall';
import type { IngestFootfallDeps } from '../use-cases/ingest-footfall';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, type Typist, ticketVerifier } from './fair-context';

/** What counting footfall needs, in the request that took it or behind the queue: the stats table, the fair's rules. */
export async function aggregateFootfallDeps(): Promise<AggregateDeps> {
  const fair = await fairMeta();
  return {
    client: dynamo(),
    table: resource('STATS_TABLE'),
    zone: zoneOf(fair),
    boothVisitsPerMinute: fair.boothVisitsPerMinute ?? DEFAULT_BOOTH_VISITS_PER_MINUTE,
    eventsExpireAt: footfallEventsExpireAt(fair.days),
  };
}

/** What taking a booth's footfall in needs: tickets to check badges against, the counting, the queue, the fair's days. */
export async function ingestFootfallDeps(typist: Typist): Promise<IngestFootfallDeps> {
  const [fair, verifier, aggregate] = await Promise.all([fairMeta(), ticketVerifier(typist), aggregateFootfallDeps()]);
  return {
    client: dynamo(),
    sqs: sqs(),
    ticketsTable: resource('TICKETS_TABLE'),
    queueUrl: resource('FOOTFALL_QUEUE_URL'),
    // A part refused three times (its pace moved, a conflict outlasted its retries) is the queue's.
    aggregate: { ...aggregate, attempts: 3 },
    verifier,
    fairId: fair.fairId,
    days: fair.days,
    zone: zoneOf(fair),
    now,
  };
}
