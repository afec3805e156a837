import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError, RateLimitedError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import type { AuthorizedEvent } from '#commons/http/principal';
import { requirePermission } from '#commons/http/principal';
import { csvFile, json } from '#commons/http/response';
import { Refused } from '#shared/domain/errors';

/**
 * The one HTTP wrapper every function uses: a request without a known credential refused with 401
 * before the handler runs, the throttled one with 429, and every error a handler throws on purpose
 * answered as the contract says (status, code, details); anything else a bare 500 with the request id.
 */
const context = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 3000 } as Context;

function event(authorizer?: Record<string, unknown>): AuthorizedEvent {
  return {
    version: '2.0',
    routeKey: 'GET /v1/test',
    rawPath: '/v1/test',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      requestId: 'api-req-7',
      routeKey: 'GET /v1/test',
      ...(authorizer ? { authorizer: { lambda: authorizer } } : {}),
    },
  } as unknown as AuthorizedEvent;
}

const organiser = {
  principal: JSON.stringify({ credentialId: 'c1', role: 'organiser', scope: {}, label: 'desk one' }),
};
const gate = {
  principal: JSON.stringify({ credentialId: 'c2', role: 'gate', scope: { gates: ['main'] }, label: 'main phone' }),
};

async function answer(inner: Parameters<typeof httpHandler>[0], from: AuthorizedEvent, options = {}) {
  const result = (await httpHandler(inner, options)(from, context)) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  };
  return {
    ...result,
    json: JSON.parse(result.body) as { error?: { code: string; message: string; details: unknown[] } },
  };
}

describe('the HTTP wrapper', () => {
  it('refuses a request without a known credential with 401 before the handler runs', async () => {
    let ran = 0;
    const inner = async () => {
      ran += 1;
      return json(200, { ok: true });
    };
    for (const refused of [event(), event({ authError: 'INVALID' }), event({ principal: '{"role":"nobody"}' })]) {
      const result = await answer(inner, refused);
      expect(result.statusCode).toBe(401);
      expect(result.json.error?.code).toBe('UNAUTHORIZED');
    }
    expect(ran).toBe(0);
    expect((await answer(inner, event(organiser))).statusCode).toBe(200);
    expect(ran).toBe(1);
    // A public route runs without one.
    expect((await answer(inner, event(), { public: true })).statusCode).toBe(200);
    expect(ran).toBe(2);
  });

  it('answers a throttled credential with 429 and when to retry, before the handler runs', async () => {
    let ran = false;
    const result = await answer(
      async () => {
        ran = true;
        return json(200, {});
      },
      event({ authError: 'THROTTLED' }),
    );
    expect(result.statusCode).toBe(429);
    expect(result.headers['retry-after']).toMatch(/^\d+$/);
    expect(result.json.error?.code).toBe('RATE_LIMITED');
    expect(ran).toBe(false);
  });

  it("maps each error thrown on purpose to the contract's status, code and details", async () => {
    const cases: [Error, number, string][] = [
      [new ValidationFailedError('bad', [{ path: 'body.capacity', message: 'too big' }]), 400, 'VALIDATION_FAILED'],
      [new NotFoundError('no workshop ws-9'), 404, 'NOT_FOUND'],
      [new ConflictError('closed'), 409, 'CONFLICT'],
      [new RateLimitedError('slow down'), 429, 'RATE_LIMITED'],
      // A use case's refusals, in the domain's words.
      [new Refused('invalid', 'no such day', [{ path: 'day', message: 'not a fair day' }]), 400, 'VALIDATION_FAILED'],
      [new Refused('missing', 'no such booth'), 404, 'NOT_FOUND'],
      [new Refused('conflict', 'already closed'), 409, 'CONFLICT'],
    ];
    for (const [error, status, code] of cases) {
      const result = await answer(async () => {
        throw error;
      }, event(organiser));
      expect(result.statusCode, code).toBe(status);
      expect(result.json.error).toMatchObject({ code, message: error.message });
      expect(result.headers['content-type']).toContain('application/json');
    }
    const detailed = await answer(async () => {
      throw new Refused('invalid', 'no such day', [{ path: 'day', message: 'not a fair day' }]);
    }, event(organiser));
    expect(detailed.json.error?.details).toEqual([{ path: 'day', message: 'not a fair day' }]);
  });

  it('answers 403 when the credential may not act, and a bare 500 with the request id for a bug', async () => {
    const forbidden = await answer(async (request) => {
      requirePermission(request, { kind: 'organiser' });
      return json(200, {});
    }, event(gate));
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json.error?.code).toBe('FORBIDDEN');
    const bug = await answer(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secretTableName')");
    }, event(organiser));
    expect(bug.statusCode).toBe(500);
    expect(bug.json.error?.code).toBe('INTERNAL');
    expect(bug.json.error?.message).toContain('api-req-7');
    expect(bug.body).not.toContain('secretTableName');
  });

  it('answers contention the store gave up on with 503 BUSY and when to send again, in the service’s real error shapes', async () => {
    const conflict = new TransactionCanceledException({
      message:
        'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]',
      $metadata: {},
      CancellationReasons: [
        { Code: 'None' },
        { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
      ],
    });
    const throttled = new ProvisionedThroughputExceededException({
      message: 'The level of configured provisioned throughput for the table was exceeded.',
      $metadata: {},
    });
    for (const thrown of [conflict, throttled]) {
      const busy = await answer(async () => {
        throw thrown;
      }, event(gate));
      expect(busy.statusCode, thrown.name).toBe(503);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.json.error?.code).toBe('BUSY');
      expect(busy.json.error?.message).toContain('same id');
    }
    // A transaction refused by its own conditions is no contention: not a 503.
    const refused = await answer(async () => {
      throw new TransactionCanceledException({
        message: 'Transaction cancelled [ConditionalCheckFailed]',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      });
    }, event(gate));
    expect(refused.statusCode).toBe(500);
  });
});

describe('a function answering its routes from the contract (byRoute)', () => {
  const routed = (routeKey: string) => ({ ...event(organiser), routeKey }) as AuthorizedEvent;
  const acknowledged = {
    alertId: 'a1',
    zoneId: 'venue',
    level: 'critical' as const,
    previousLevel: 'warning' as const,
    count: 1900,
    capacity: 2000,
    raisedAt: '2027-03-26T12:00:00.000Z',
    acknowledgedBy: 'desk one',
    acknowledgedAt: '2027-03-26T12:01:00.000Z',
  };
  const listed = { alerts: [], cursor: null };
  const alerts = byRoute('alerts')({
    'GET /v1/alerts': async () => json(200, listed),
    'POST /v1/alerts/{alertId}/ack': async () => json(200, acknowledged),
  });

  it("answers each route with the table's own function", async () => {
    expect((await answer(alerts, routed('GET /v1/alerts'))).json).toEqual(listed);
    expect((await answer(alerts, routed('POST /v1/alerts/{alertId}/ack'))).json).toEqual(acknowledged);
  });

  it('answers a route the contract does not give it with a bare 500 (a deployment error, never a client’s)', async () => {
    expect((await answer(alerts, routed('DELETE /v1/alerts'))).statusCode).toBe(500);
  });

  it('does not compile with a route missing, one the contract gives another function, or an answer it does not describe', () => {
    // The proofs are the compiler's: `npm test` type-checks before it runs, and each line below must fail.
    // @ts-expect-error the acknowledgement's route is missing
    byRoute('alerts')({ 'GET /v1/alerts': async () => json(200, listed) });
    byRoute('alerts')({
      'GET /v1/alerts': async () => json(200, listed),
      'POST /v1/alerts/{alertId}/ack': async () => json(200, acknowledged),
      // @ts-expect-error the scans' route is the scan function's
      'POST /v1/scans': async () => json(200, {}),
    });
    // @ts-expect-error no function of that name has routes
    byRoute('nobody');
    byRoute('alerts')({
      // @ts-expect-error a body without the list the schema describes
      'GET /v1/alerts': async () => json(200, { listed: true }),
      // @ts-expect-error a status the route does not answer (an acknowledgement is 200, not 201)
      'POST /v1/alerts/{alertId}/ack': async () => json(201, acknowledged),
    });
    byRoute('reports')({
      'GET /v1/reports/days/{day}': async () => json(200, {} as never),
      // @ts-expect-error the CSV route answers a file, not JSON
      'GET /v1/reports/days/{day}/report.csv': async () => json(200, listed),
      'GET /v1/reports/fair': async () => json(200, {} as never),
      'GET /v1/reports/fair/report.csv': async () => csvFile('fair.csv', 'a,b'),
    });
  });
});
