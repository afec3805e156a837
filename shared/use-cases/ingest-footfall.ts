import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FootfallMessage, QueuedFootfallEvent } from '../../events/footfall-message';
import type { FootfallEvent } from '../contract/booths';
import { Refused } from '../domain/errors';
import { type FairZone, fairDay } from '../domain/fair-time';
import { FOOTFALL_CLOCK_SKEW_MS, footfallDayOf } from '../domain/footfall';
import { consentCodeMatches } from '../domain/lead-contact';
import type { Verifier } from '../domain/token-verifier';
import { enqueueFootfall, MAX_FOOTFALL_MESSAGE_BYTES } from '../store/footfall-queue';
import { getTicketsByIds } from '../store/tickets-store';
import { type AggregateDeps, aggregateFootfall } from './aggregate-footfall';

export interface Rejection {
  eventId: string;
  /**
   * OUT_OF_DAY: its time is not on one of the fair's days so far (beyond a few minutes of drift), or
   * ahead of the fair's clock.
   */
  reason: 'INVALID_TOKEN' | 'REVOKED' | 'OUT_OF_DAY';
}

export interface IngestFootfallDeps {
  client: DynamoDBDocumentClient;
  sqs: SQSClient;
  ticketsTable: string;
  queueUrl: string;
  /** Counting, for a request small enough to be counted before it is answered. */
  aggregate: AggregateDeps;
  verifier: Verifier;
  fairId: string;
  days: readonly string[];
  zone: FairZone;
  now: () => Date;
}

/**
 * A request of at most this many good events is counted before it is answered, as the queue's consumer
 * would count it: the booth page's real shape (a visit a request) costs one invocation and no queue.
 * Larger ones (a phone's offline queue, up to 500) go to the queue, answered at once.
 */
export const COUNTED_IN_REQUEST_MAX = 10;

/**
 * The fair day an event counts on, judged on the fair's clock: online, today only (a few minutes'
 * drift either way); from a device that was offline, any fair day so far. Never ahead of the clock: a
 * visit dated tomorrow would fill a day nobody has lived yet.
 */
function dayOf(deps: IngestFootfallDeps, at: string, offline: boolean): string | undefined {
  const now = deps.now();
  if (Date.parse(at) > now.getTime() + FOOTFALL_CLOCK_SKEW_MS) return undefined;
  const day = footfallDayOf(deps.days, deps.zone, at);
  const today = fairDay(now, deps.zone);
  if (!day || day > today) return undefined;
  if (!offline && day !== today) return undefined;
  return day;
}

/**
 * Checks a booth's footfall events and queues the good ones: a badge scan counts only with a token
 * this fair signed, for a ticket that exists and is not revoked; the others are answered as rejected
 * and never counted. An online request whose events are not of today is refused whole (400, naming
 * them): a phone's clock set wrong should be seen at once; what a phone that was offline sends
 * (`offline`) may be of earlier days, and an event out of them is answered rejected. A few events are
 * counted at once (COUNTED_IN_REQUEST_MAX); more, or any the counting could not finish (a booth-day
 * contended past its tries, the table throttled), go to the queue in as few messages as the size limit
 * allows. Either way nothing is answered accepted before it is counted or queued, and an event counted
 * here and queued as well (its answer lost) is counted once: the queue's consumer skips known ids.
 */
export async function ingestFootfall(
  deps: IngestFootfallDeps,
  boothId: string,
  incoming: FootfallEvent[],
  offline = false,
  recordedBy?: string,
): Promise<{ accepted: number; rejected: Rejection[]; consentNotShown?: string[] }> {
  const rejected: Rejection[] = [];
  const dated = incoming.map((event) => ({ event, day: dayOf(deps, event.at, offline) }));
  if (!offline) {
    const wrong = dated.flatMap(({ event, day }, index) =>
      day
        ? []
        : [
            {
              path: `events.${index}.at`,
              message: `event ${event.eventId}: ${event.at} is not today on the fair's clock`,
            },
          ],
    );
    if (wrong.length > 0)
      throw new Refused(
        'invalid',
        'online footfall events must be of today (fair clock); send what a phone queued offline with "offline": true',
        wrong,
      );
  }
  // An event from outside the fair's days so far (a device clock set wrong, a replay) would fill a
  // booth-day nobody looks at, or one not begun, and it could grow without bound.
  const events = dated.flatMap(({ event, day }) => {
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
    (await getTicketsByIds(deps.client, deps.ticketsTable, ticketIds, ['ticketId', 'revoked', 'consentSecret'])).map(
      (ticket) => [ticket.ticketId, { revoked: ticket.revoked === true, consentSecret: ticket.consentSecret }],
    ),
  );
  // A yes the visitor did not show their consent code for is the booth's claim, not the visitor's act:
  // the visit counts, the claim makes no lead, and the answer says so.
  const consentNotShown: string[] = [];
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
    else {
      const shown = event.consent === true && consentCodeMatches(event.consentCode, ticketId, state.consentSecret);
      if (event.consent === true && !shown) consentNotShown.push(event.eventId);
      accepted.push({
        eventId: event.eventId,
        at: event.at,
        day: event.day,
        kind: 'badge',
        ticketId,
        ...(event.consent === false ? { consent: false } : {}),
        ...(shown ? { consent: true, method: 'consent-code' as const } : {}),
        ...(event.consent !== undefined && recordedBy ? { recordedBy } : {}),
        ...(event.consent !== undefined && event.wording ? { wording: event.wording } : {}),
      });
    }
  }
  const answer = { accepted: accepted.length, rejected, ...(consentNotShown.length > 0 ? { consentNotShown } : {}) };
  if (accepted.length === 0) return answer;
  if (accepted.length <= COUNTED_IN_REQUEST_MAX) {
    const failed = await aggregateFootfall(deps.aggregate, [
      { messageId: 'request', message: { boothId, events: accepted } },
    ]);
    if (failed.length === 0) return answer;
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
  return answer;
}
