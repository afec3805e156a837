import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators/dynamodb-local';
import { api, createCredential, fairNow, issueTicket } from '../support/api-client';

/**
 * The workshop door's function, called as API Gateway calls it, on the shared runtime's tables: every
 * request it sends to the engine counted. Its credential, the scan id's earlier answer, the workshop,
 * the ticket and (for a room this instance has met) the zones around the room come in one request;
 * then the seat's transaction. Two requests an admission, as the gate's scans.
 */
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode: number; body: string }>;
let handler: Handler;
const sent: { command: string; tables: string[] }[] = [];
const context = { awsRequestId: 'door-path', functionName: 'workshop-door' } as Context;

beforeAll(async () => {
  const tables = inject('tableNames');
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: 'rawaq-workshop-door',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    FAIR_TABLE: tables.TablesFair,
    ZONES_TABLE: tables.TablesZones,
    CREDENTIALS_TABLE: tables.TablesCredentials,
    TICKETS_TABLE: tables.TablesTickets,
    SCANS_TABLE: tables.TablesScans,
    WORKSHOPS_TABLE: tables.TablesWorkshops,
    CREDENTIAL_BUDGET: '20/60',
  });
  // The fair's clock, as the local runtime gives its sandboxes (shared/commons/clock.ts).
  const offset = inject('clockOffsetMs');
  (globalThis as { rawaqFairClock?: () => number }).rawaqFairClock = () => Date.now() + offset;
  handler = (await import('../../functions/workshop-door/handler')).handler as unknown as Handler;
  const { dynamo } = await import('../../shared/store/clients');
  dynamo().middlewareStack.add(
    (next, call) => async (args) => {
      const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
      sent.push({
        command: String(call.commandName),
        tables: input.TableName ? [input.TableName] : Object.keys(input.RequestItems ?? {}),
      });
      return next(args);
    },
    { step: 'initialize', name: 'countDoorPath' },
  );
});

describe("the workshop door's function", () => {
  it('admits with two requests to the engine: one read with the credential, then the seat', async () => {
    const tables = inject('tableNames');
    const startsAt = new Date(Date.parse(fairNow()) + 10 * 60_000).toISOString();
    const { body: workshop } = await api<{ workshopId: string }>('/v1/workshops', {
      body: {
        title: 'The door path',
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        capacity: 5,
        registrationRequired: false,
        zoneId: 'room-2',
      },
    });
    const host = await createCredential('host', { workshops: [workshop.workshopId] }, 'door path host');
    const door = async (
      kind: 'admissions' | 'exits',
      token: string,
      scanId = crypto.randomUUID(),
      credential = host,
    ) => {
      sent.length = 0;
      const routeKey = `POST /v1/workshops/{workshopId}/${kind}`;
      const answer = await handler(
        {
          version: '2.0',
          routeKey,
          rawPath: `/v1/workshops/${workshop.workshopId}/${kind}`,
          rawQueryString: '',
          headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
          pathParameters: { workshopId: workshop.workshopId },
          body: JSON.stringify({ scanId, token }),
          isBase64Encoded: false,
          requestContext: { requestId: scanId, routeKey, http: { method: 'POST', sourceIp: '127.0.0.1' } },
        } as unknown as APIGatewayProxyEventV2,
        context,
      );
      return { status: answer.statusCode, body: JSON.parse(answer.body) as { verdict?: string; seatsLeft?: number } };
    };
    // The instance's first scan meets the room (its zone), the fair and the credential's last use.
    const first = await issueTicket();
    expect((await door('admissions', first.token)).body.verdict).toBe('ADMITTED');

    const ticket = await issueTicket();
    expect(await door('admissions', ticket.token)).toMatchObject({
      status: 200,
      body: { verdict: 'ADMITTED', seatsLeft: 3 },
    });
    expect(sent.map((request) => request.command)).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    // The scan log too: a movement in a room in a zone is recorded there alone, with its answer.
    expect(new Set(sent[0]?.tables)).toEqual(
      new Set([
        tables.TablesCredentials,
        tables.TablesWorkshops,
        tables.TablesScans,
        tables.TablesTickets,
        tables.TablesZones,
      ]),
    );

    // A resend is answered from that one read: nothing written.
    const scanId = crypto.randomUUID();
    const late = await issueTicket();
    expect((await door('admissions', late.token, scanId)).body.verdict).toBe('ADMITTED');
    expect(await door('admissions', late.token, scanId)).toMatchObject({ body: { verdict: 'ADMITTED' } });
    expect(sent.map((request) => request.command)).toEqual(['BatchGetItemCommand']);

    // A refusal (a forged signature): one read, one record of it. (A typed short code is looked up
    // and its misses counted: more requests, on purpose.)
    const forged = `${ticket.token.slice(0, -4)}${ticket.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await door('admissions', forged)).body.verdict).toBe('INVALID_TOKEN');
    expect(sent.map((request) => request.command)).toEqual(['BatchGetItemCommand', 'PutItemCommand']);

    // An evacuation of the room's zone, read in that same request: refused, and recorded.
    const evacuation = await api<{ evacuationId: string }>('/v1/evacuations', {
      body: { zoneId: 'room-2', reason: 'door path drill' },
    });
    try {
      expect(evacuation.status).toBe(201);
      expect((await door('admissions', (await issueTicket()).token)).body.verdict).toBe('EVACUATION');
      expect(sent.map((request) => request.command)).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
      // Letting people out goes on.
      expect((await door('exits', ticket.token)).body.verdict).toBe('EXITED');
    } finally {
      await api(`/v1/evacuations/${evacuation.body.evacuationId}/end`, { method: 'POST' });
    }

    // An unknown credential is refused before the door judges anything.
    expect((await door('admissions', ticket.token, crypto.randomUUID(), 'nobody')).status).toBe(401);
  });
});
