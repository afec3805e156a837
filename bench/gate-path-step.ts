import { round } from './measure';
import type { StackMeter, Usage } from './stack-meter';

/** The functions a gate's request runs in before its answer (projectors and consumers come after). */
const REQUEST_PATH = ['scan', 'authorizer'];

/**
 * What one gate scan costs on its way to the answer, kind by kind: the engine requests its functions
 * send (counted at the DynamoDB gate by the function that signed each, see local/dynamodb-gate/meter.ts) and the
 * invocations it takes, measured one scan at a time so that nothing else shares the window. The
 * common entry and exit, a named ticket's entry, and each refusal and replay a gate meets.
 */
export async function measureGatePath(input: {
  call: <T = Record<string, unknown>>(route: string, body?: unknown, method?: string) => Promise<T>;
  issue: (count: number) => Promise<{ ticketId: string; token: string }[]>;
  scanBody: (token: string, gateId: string, direction: 'in' | 'out') => { scanId: string };
  meter: StackMeter;
  perKind: number;
}) {
  const { call, issue, scanBody, meter, perKind } = input;
  const onPath = (usage: Usage) => {
    const kept = Object.entries(usage).filter(([name]) => REQUEST_PATH.includes(name));
    return {
      requests: kept.reduce((sum, [, used]) => sum + used.requests, 0),
      invocations: kept.reduce((sum, [, used]) => sum + used.invocations, 0),
    };
  };
  /** Sends `bodies` one after the other; what each cost, and whether each got `verdict`. */
  const kind = async (bodies: object[], verdict: string, replayed = false) => {
    let wrong = 0;
    const { usage } = await meter.measure(async () => {
      for (const body of bodies) {
        const answer = await call<{ verdict?: string; replayed?: boolean }>('/v1/scans', body);
        if (answer.verdict !== verdict || Boolean(answer.replayed) !== replayed) wrong += 1;
      }
    }, 1000);
    const used = onPath(usage);
    return {
      engineRequests: round(used.requests / bodies.length, 2),
      invocations: round(used.invocations / bodies.length, 2),
      wrongVerdicts: wrong,
    };
  };
  const tickets = await issue(perKind * 2);
  const named = await call<{ tickets: { token: string }[] }>('/v1/tickets/batch', {
    tickets: Array.from({ length: perKind }, (_, index) => ({ category: 'visitor', holderName: `Bench ${index}` })),
  });
  const entries = tickets.slice(0, perKind).map((ticket) => scanBody(ticket.token, 'main', 'in'));
  const entry = await kind(entries, 'ADMITTED');
  const replay = await kind(entries, 'ADMITTED', true);
  const alreadyInside = await kind(
    tickets.slice(0, perKind).map((ticket) => scanBody(ticket.token, 'main', 'in')),
    'ALREADY_INSIDE',
  );
  const exit = await kind(
    tickets.slice(0, perKind).map((ticket) => scanBody(ticket.token, 'main', 'out')),
    'EXITED',
  );
  const namedEntry = await kind(
    named.tickets.map((ticket) => scanBody(ticket.token, 'main', 'in')),
    'ADMITTED',
  );
  const revokedTickets = tickets.slice(perKind);
  await call('/v1/tickets/revoke', { ticketIds: revokedTickets.map((ticket) => ticket.ticketId) });
  const revoked = await kind(
    revokedTickets.map((ticket) => scanBody(ticket.token, 'main', 'in')),
    'REVOKED',
  );
  const invalid = await kind(
    Array.from({ length: perKind }, (_, index) => scanBody(`not-a-ticket-${index}`, 'main', 'in')),
    'INVALID_TOKEN',
  );
  const refusals = { replay, alreadyInside, revoked, invalid };
  return {
    engineRequestsPerEntry: entry.engineRequests,
    invocationsPerEntry: entry.invocations,
    engineRequestsPerRefusal: Math.max(...Object.values(refusals).map((refusal) => refusal.engineRequests)),
    wrongVerdicts: [entry, exit, namedEntry, ...Object.values(refusals)].reduce(
      (sum, one) => sum + one.wrongVerdicts,
      0,
    ),
    byKind: { entry, exit, namedEntry, ...refusals },
  };
}
