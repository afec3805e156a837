import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FootfallMessage, QueuedFootfallEvent } from '../../events/footfall-message';
import { footfallDayOf } from '../domain/footfall';
import type { Verifier } from '../domain/token-verifier';
import { enqueueFootfall, MAX_FOOTFALL_MESSAGE_BYTES } from '../store/footfall-queue';
import { getTicketsByIds } from '../store/tickets-store';

export type IncomingFootfallEvent =
  | { eventId: string; at: string; kind: 'badge'; token: string; consent?: boolean }
  | { eventId: string; at: string; kind: 'count'; in: number; out?: number };

export interface Rejection {
  eventId: string;
  /** OUT_OF_DAY: its time is not on one of the fair's days (beyond a few minutes of drift). */
  reason: 'INVALID_TOKEN' | 'REVOKED' | 'OUT_OF_DAY';
}

export interface IngestFootfallDeps {
  client: DynamoDBDocumentClient;
  sqs: SQSClient;
  ticketsTable: string;
  queueUrl: string;
  verifier: Verifier;
  fairId: string;
  days: readonly string[];
  timezone: string;
}

/**
 * Checks a booth's footfall events and queues the good ones: a badge scan counts only with a token
 * this fair signed, for a ticket that exists and is not revoked; the others are answered as rejected
 * and never counted. Events go to the queue in as few messages as the size limit allows.
 */
export async function ingestFootfall(
  deps: IngestFootfallDeps,
  boothId: string,
  incoming: IncomingFootfallEvent[],
): Promise<{ accepted: number; rejected: Rejection[] }> {
  const rejected: Rejection[] = [];
  // Within the fair's days only: an event from outside them (a device clock set wrong, a replay) would
  // fill a booth-day nobody looks at, or one that is over, and it could grow without bound.
  const events = incoming.flatMap((event) => {
    const day = footfallDayOf(deps.days, deps.timezone, event.at);
    if (!day) rejected.push({ eventId: event.eventId, reason: 'OUT_OF_DAY' });
    return day ? [{ ...event, day }] : [];
  });
  const verified = await Promise.all(
    events.map(async (event) =>
      event.kind === 'badge'
        ? { event, result: await deps.verifier.verify(event.token) }
        : { event, result: undefined },
    ),
  );
  const ticketIds = verified.flatMap(({ result }) =>
    result?.ok && result.claims.fairId === deps.fairId ? [result.claims.ticketId] : [],
  );
  const states = new Map(
    (await getTicketsByIds(deps.client, deps.ticketsTable, ticketIds, ['ticketId', 'revoked'])).map((ticket) => [
      ticket.ticketId,
      { revoked: ticket.revoked === true },
    ]),
  );
  const accepted: QueuedFootfallEvent[] = [];
  for (const { event, result } of verified) {
    if (event.kind === 'count') {
      accepted.push({
        eventId: event.eventId,
        at: event.at,
        day: event.day,
        kind: 'count',
        in: event.in,
        out: event.out ?? 0,
      });
      continue;
    }
    const ticketId = result?.ok && result.claims.fairId === deps.fairId ? result.claims.ticketId : undefined;
    const state = ticketId ? states.get(ticketId) : undefined;
    if (!ticketId || !state) rejected.push({ eventId: event.eventId, reason: 'INVALID_TOKEN' });
    else if (state.revoked) rejected.push({ eventId: event.eventId, reason: 'REVOKED' });
    else
      accepted.push({
        eventId: event.eventId,
        at: event.at,
        day: event.day,
        kind: 'badge',
        ticketId,
        ...(event.consent !== undefined ? { consent: event.consent } : {}),
      });
  }
  let chunk: QueuedFootfallEvent[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const message: FootfallMessage = { boothId, events: chunk };
    await enqueueFootfall(deps.sqs, deps.queueUrl, message);
    chunk = [];
    size = 0;
  };
  for (const event of accepted) {
    const bytes = Buffer.byteLength(JSON.stringify(event)) + 1;
    if (size + bytes > MAX_FOOTFALL_MESSAGE_BYTES) await flush();
    chunk.push(event);
    size += bytes;
  }
  await flush();
  return { accepted: accepted.length, rejected };
}
