import { zoneOf } from '../domain/fair-time';
import { dynamo, sqs } from '../store/clients';
import type { IngestFootfallDeps } from '../use-cases/ingest-footfall';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, type Typist, ticketVerifier } from './fair-context';

/** What taking a booth's footfall in needs: tickets to check badges against, the queue, the fair's days. */
export async function ingestFootfallDeps(typist: Typist): Promise<IngestFootfallDeps> {
  const [fair, verifier] = await Promise.all([fairMeta(), ticketVerifier(typist)]);
  return {
    client: dynamo(),
    sqs: sqs(),
    ticketsTable: resource('TICKETS_TABLE'),
    queueUrl: resource('FOOTFALL_QUEUE_URL'),
    verifier,
    fairId: fair.fairId,
    days: fair.days,
    zone: zoneOf(fair),
    now,
  };
}
