import { footfallBaseline } from './footfall-baseline';
import { round } from './measure';

/**
 * Booth footfall from the API to counted: events sent 500 a request to ten booths (half badge scans,
 * half counter taps), four requests at once, timed until every visit is in the booths' stats; then the
 * same events written one by one straight to the engine, each with its own duplicate check, as a simple
 * implementation would. Both must end exact.
 */
export async function measureFootfall(input: {
  call: <T = Record<string, unknown>>(route: string, body?: unknown) => Promise<T>;
  endpoint: string;
  badgeTickets: { ticketId: string; token: string }[];
  events: number;
  concurrency: number;
  fairNow: () => string;
}) {
  const { call, endpoint, badgeTickets, fairNow } = input;
  const footfallEvents = input.events;
  const booths = ['A030', 'A031', 'A032', 'A033', 'A034', 'B030', 'B031', 'B032', 'B033', 'B034'];
  let expectedVisits = 0;
  const requests = booths.map((boothId) => ({ boothId, events: [] as unknown[] }));
  for (let i = 0; i < footfallEvents; i += 1) {
    const request = requests[i % booths.length] as { events: unknown[] };
    if (i % 2 === 0)
      request.events.push({
        eventId: crypto.randomUUID(),
        at: fairNow(),
        kind: 'badge',
        token: (badgeTickets[i % 200] as { token: string }).token,
      });
    else request.events.push({ eventId: crypto.randomUUID(), at: fairNow(), kind: 'count', in: 1 });
    expectedVisits += 1;
  }
  const posts = requests.flatMap(({ boothId, events }) =>
    Array.from({ length: Math.ceil(events.length / 500) }, (_, i) => ({
      boothId,
      events: events.slice(i * 500, i * 500 + 500),
    })),
  );
  const day = fairNow().slice(0, 10);
  const counted = async () => {
    let total = 0;
    for (const boothId of booths)
      total += (await call<{ visits: number }>(`/v1/booths/${boothId}/stats?day=${day}`)).visits;
    return total;
  };
  const footfallStart = performance.now();
  for (let i = 0; i < posts.length; i += 4) {
    await Promise.all(
      posts.slice(i, i + 4).map((post) => call(`/v1/booths/${post.boothId}/footfall`, { events: post.events })),
    );
  }
  let visits = await counted();
  while (visits < expectedVisits && performance.now() - footfallStart < 300_000) {
    await new Promise((r) => setTimeout(r, 200));
    visits = await counted();
  }
  const visitsSoFar = () => visits;
  const footfallSeconds = (performance.now() - footfallStart) / 1000;
  // The same events written one by one, as a simple implementation would (its own duplicate check).
  const ticketOf = new Map(badgeTickets.map((ticket) => [ticket.token, ticket.ticketId]));
  const baseline = await footfallBaseline(
    endpoint,
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
  const footfall = {
    events: footfallEvents,
    eventsPerSecond: round(footfallEvents / footfallSeconds),
    baselineEventsPerSecond: round(baseline.eventsPerSecond),
    ratioToRaw: round(footfallEvents / footfallSeconds / baseline.eventsPerSecond, 2),
    exact: visitsSoFar() === expectedVisits && baseline.exact,
  };
  return { footfall, day, visitsExact: visits === expectedVisits };
}
