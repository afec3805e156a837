import { footfallBaseline } from './footfall-baseline';
import { round, WARMUP_SECONDS } from './measure';

type FootfallEvent =
  | { eventId: string; at: string; kind: 'badge'; token: string }
  | { eventId: string; at: string; kind: 'count'; in: number };

type Call = <T = Record<string, unknown>>(route: string, body?: unknown) => Promise<T>;

const BOOTHS = ['A030', 'A031', 'A032', 'A033', 'A034', 'B030', 'B031', 'B032', 'B033', 'B034'];

/** What the step sends and reads with. */
interface Footfall {
  call: Call;
  badgeTickets: { ticketId: string; token: string }[];
  fairNow: () => string;
  day: string;
}

/** Events sent 500 a request, round robin over the booths: half badge scans, half counter taps. */
function postsOf({ badgeTickets, fairNow }: Footfall, count: number) {
  const requests = BOOTHS.map((boothId) => ({ boothId, events: [] as FootfallEvent[] }));
  for (let i = 0; i < count; i += 1) {
    const request = requests[i % BOOTHS.length] as { events: FootfallEvent[] };
    const token = (badgeTickets[i % 200] as { token: string }).token;
    request.events.push(
      i % 2 === 0
        ? { eventId: crypto.randomUUID(), at: fairNow(), kind: 'badge', token }
        : { eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 1 },
    );
  }
  const posts = requests.flatMap(({ boothId, events }) =>
    Array.from({ length: Math.ceil(events.length / 500) }, (_, i) => ({
      boothId,
      events: events.slice(i * 500, i * 500 + 500),
    })),
  );
  return { requests, posts };
}

/**
 * Every booth's figures for the day, and the visits they carried added up: counted, or flagged when a
 * booth's self-counted taps pass its plausible pace for the hour (30 a minute; the bench's taps do, as
 * no booth could). Either way each event is taken in exactly once, which is what is measured.
 */
async function counted({ call, day }: Footfall) {
  const figures = await Promise.all(
    BOOTHS.map((boothId) =>
      call<{ boothId: string; visits: number; flaggedVisits?: number; uniqueVisitors: number }>(
        `/v1/booths/${boothId}/stats?day=${day}`,
      ),
    ),
  );
  return { figures, visits: figures.reduce((total, figure) => total + figure.visits + (figure.flaggedVisits ?? 0), 0) };
}

/** Four requests at once. */
async function send({ call }: Footfall, posts: { boothId: string; events: FootfallEvent[] }[]): Promise<void> {
  for (let i = 0; i < posts.length; i += 4) {
    await Promise.all(
      posts.slice(i, i + 4).map((post) => call(`/v1/booths/${post.boothId}/footfall`, { events: post.events })),
    );
  }
}

/** The booths' figures once they carry `visits` (at most five minutes after `since`). */
async function countedReaches(footfall: Footfall, visits: number, since: number) {
  let seen = await counted(footfall);
  while (seen.visits < visits && performance.now() - since < 300_000) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await counted(footfall);
  }
  return seen;
}

/** Each booth's distinct badges over the warm-up and the run (the same 200 tickets), against its figure. */
function uniquesExact(figures: { boothId: string; uniqueVisitors: number }[], events: number): boolean {
  const badgesAt = new Map<string, Set<string>>();
  for (let i = 0; i < events; i += 2) {
    const boothId = BOOTHS[i % BOOTHS.length] as string;
    badgesAt.set(boothId, (badgesAt.get(boothId) ?? new Set()).add(String(i % 200)));
  }
  return figures.every((figure) => figure.uniqueVisitors === (badgesAt.get(figure.boothId)?.size ?? 0));
}

/**
 * Booth footfall from the API to counted: events sent 500 a request to ten booths (half badge scans,
 * half counter taps), four requests at once, timed until every visit is in the booths' stats; then the
 * same events written one by one straight to the engine, each with its own duplicate check, as a simple
 * implementation would. Both must end exact.
 */
export async function measureFootfall(input: {
  call: Call;
  endpoint: string;
  badgeTickets: { ticketId: string; token: string }[];
  events: number;
  concurrency: number;
  fairNow: () => string;
}) {
  const footfall: Footfall = { ...input, day: input.fairNow().slice(0, 10) };
  // The same warm-up as every loop (WARMUP_SECONDS of the same traffic), counted before the clock starts.
  let warmed = 0;
  const warmupEnds = performance.now() + WARMUP_SECONDS * 1000;
  while (performance.now() < warmupEnds) {
    await send(footfall, postsOf(footfall, 2000).posts);
    warmed += 2000;
  }
  const before = (await countedReaches(footfall, warmed, performance.now())).visits;
  const { requests, posts } = postsOf(footfall, input.events);
  const expectedVisits = before + input.events;
  const started = performance.now();
  await send(footfall, posts);
  const { figures, visits } = await countedReaches(footfall, expectedVisits, started);
  const seconds = (performance.now() - started) / 1000;
  // The same events written one by one, as a simple implementation would (its own duplicate check).
  const ticketOf = new Map(input.badgeTickets.map((ticket) => [ticket.token, ticket.ticketId]));
  const baseline = await footfallBaseline(
    input.endpoint,
    requests.flatMap(({ boothId, events }) =>
      (events as { eventId: string; kind: 'badge' | 'count'; token?: string }[]).map((event) => ({
        boothId,
        eventId: event.eventId,
        kind: event.kind,
        ...(event.token ? { ticketId: ticketOf.get(event.token) as string } : {}),
      })),
    ),
    input.concurrency,
  );
  const result = {
    events: input.events,
    eventsPerSecond: round(input.events / seconds),
    baselineEventsPerSecond: round(baseline.eventsPerSecond),
    ratioToRaw: round(input.events / seconds / baseline.eventsPerSecond, 2),
    exact: visits === expectedVisits && uniquesExact(figures, Math.max(warmed, input.events)) && baseline.exact,
  };
  // Every event the pipeline carried, the warm-up's included: what its measured consumption is divided by.
  return {
    footfall: result,
    day: footfall.day,
    visitsExact: visits === expectedVisits,
    eventsSent: warmed + input.events,
  };
}
