import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FootfallMessage, QueuedFootfallEvent } from '../../events/footfall-message';
import type { FairZone } from '../domain/fair-time';
import { type DayGroup, groupByBoothDay, hourOf, planVisits } from '../domain/footfall';
import { applyBoothVisits, readPaceCounts } from '../store/footfall-store';

export interface AggregateDeps {
  client: DynamoDBDocumentClient;
  table: string;
  zone: FairZone;
  /** Self-counted visits a booth may add a minute, judged over each hour (the fair's file). */
  boothVisitsPerMinute: number;
  /** When the events' ids may be forgotten (TTL, epoch seconds): a week after the fair. */
  eventsExpireAt: number;
  /** Tries of a part before it is given up as failed (default 10): fewer in a request, which has the queue behind it. */
  attempts?: number;
}

const MAX_ATTEMPTS = 10;
/** Booth-days counted at once in a batch (each its own transaction on its own items). */
const GROUPS_AT_ONCE = 8;
/** DynamoDB takes 100 items in a transaction. */
const MAX_ITEMS = 100;

/**
 * Splits a booth-day's events into parts that each fit one transaction: an event's id (1), its visitor
 * when new in the part (1) and its answer (1), plus the booth-day's row the part shares (1).
 */
function parts(events: QueuedFootfallEvent[]): QueuedFootfallEvent[][] {
  const fresh = () => ({ events: [] as QueuedFootfallEvent[], items: 1, visitors: new Set<string>() });
  const costIn = (part: ReturnType<typeof fresh>, event: QueuedFootfallEvent) =>
    1 +
    (event.kind === 'badge' ? (part.visitors.has(event.ticketId) ? 0 : 1) + (event.consent === undefined ? 0 : 1) : 0);
  const result: QueuedFootfallEvent[][] = [];
  let part = fresh();
  for (const event of events) {
    if (part.items + costIn(part, event) > MAX_ITEMS && part.events.length > 0) {
      result.push(part.events);
      part = fresh();
    }
    part.items += costIn(part, event);
    part.events.push(event);
    if (event.kind === 'badge') part.visitors.add(event.ticketId);
  }
  if (part.events.length > 0) result.push(part.events);
  return result;
}

/**
 * One part of a booth-day in one transaction. Nothing is read but the pace of the hours its tallies fall
 * in (on the booth-day's row): a refusal says which events were counted before, which visitors were
 * seen, which answers are older, or that an hour's pace moved; those are left out (or read again) and
 * the rest tried again.
 */
async function applyPart(deps: AggregateDeps, boothId: string, day: string, events: QueuedFootfallEvent[]) {
  let pending = events;
  const seenVisitors = new Set<string>();
  const olderAnswers = new Set<string>();
  const attempts = deps.attempts ?? MAX_ATTEMPTS;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (pending.length === 0) return;
    const hours = [
      ...new Set(pending.flatMap((event) => (event.kind === 'count' ? [hourOf(event.at, deps.zone)] : []))),
    ];
    const counts = await readPaceCounts(deps.client, deps.table, boothId, day, hours);
    const plan = planVisits(pending, counts, deps.boothVisitsPerMinute, deps.zone);
    const outcome = await applyBoothVisits(deps.client, deps.table, {
      boothId,
      day,
      planned: plan.planned,
      seenVisitors,
      olderAnswers,
      pace: plan.pace,
      eventsExpireAt: deps.eventsExpireAt,
    });
    if (outcome === 'applied') return;
    const duplicates = new Set(outcome.duplicates);
    pending = pending.filter((event) => !duplicates.has(event.eventId));
    for (const ticketId of outcome.seenVisitors) seenVisitors.add(ticketId);
    for (const ticketId of outcome.olderAnswers) olderAnswers.add(ticketId);
  }
  throw new Error(`booth ${boothId} on ${day} kept changing under ${attempts} attempts`);
}

async function applyGroup(deps: AggregateDeps, group: DayGroup): Promise<void> {
  // Events in the order they happened: an hour's pace is judged the way the visits came.
  const ordered = [...group.events].sort((a, b) => a.at.localeCompare(b.at));
  for (const part of parts(ordered)) await applyPart(deps, group.boothId, group.day, part);
}

/**
 * Counts a batch of footfall messages: grouped per booth and day (several booth-days at once, each in
 * transactions of its own), events counted before left out by their ids. Returns the ids of the
 * messages whose group could not be applied, for the queue to bring back; counting them again later is
 * harmless.
 */
export async function aggregateFootfall(
  deps: AggregateDeps,
  messages: { messageId: string; message: FootfallMessage }[],
): Promise<string[]> {
  const failed = new Set<string>();
  const sources = new Map<string, string[]>();
  const groups = groupByBoothDay(
    messages.map(({ messageId, message }) => {
      for (const event of message.events)
        sources.set(`${message.boothId}#${event.eventId}`, [
          ...(sources.get(`${message.boothId}#${event.eventId}`) ?? []),
          messageId,
        ]);
      return message;
    }),
    deps.zone,
  );
  // Booth-days are separate items: their transactions run side by side, a few at a time.
  const queue = [...groups];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      try {
        await applyGroup(deps, group);
      } catch {
        for (const event of group.events)
          for (const id of sources.get(`${group.boothId}#${event.eventId}`) ?? []) failed.add(id);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUPS_AT_ONCE, groups.length) }, worker));
  return [...failed];
}
