import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators/dynamodb-local';
import { TokenVerifier } from '../../shared/domain/token-verifier';
import { getFairMeta } from '../../shared/store/fair-store';
import { getPublicKeys } from '../../shared/store/public-keys-store';
import { machineFactor } from './machine-factor';
import { openApiProblem } from './openapi-check';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small client for the running API, as a device would call it. */
export async function api<T = Record<string, unknown>>(
  path: string,
  options: { method?: string; body?: unknown; rawBody?: string; credential?: string | null } = {},
): Promise<ApiResponse<T>> {
  const credential = options.credential === undefined ? inject('organiserCredential') : options.credential;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential) headers.authorization = `Bearer ${credential}`;
  const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined ? 'POST' : 'GET');
  const response = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text (an SVG, a PNG as text...)
  }
  // Every answer held to the OpenAPI document: an undocumented status or a body off its schema fails.
  const problem = openApiProblem(method, path, response.status, response.headers.get('content-type'), body);
  if (problem) throw new Error(`the answer disagrees with docs/openapi.json: ${problem}`);
  return { status: response.status, body: body as T, headers: response.headers };
}

export async function createCredential(role: string, scope: Record<string, unknown>, label = 'test'): Promise<string> {
  const response = await api<{ credential: string }>('/v1/credentials', { body: { role, scope, label } });
  if (response.status !== 201)
    throw new Error(`could not create a ${role} credential: ${JSON.stringify(response.body)}`);
  return response.body.credential;
}

/** The contract's error body, asserted whole. */
export function expectErrorBody(
  body: unknown,
  code: string,
): { code: string; message: string; details: { path: string }[] } {
  const error = (body as { error?: { code: string; message: string; details: { path: string }[] } }).error;
  if (!error || error.code !== code || typeof error.message !== 'string' || !Array.isArray(error.details)) {
    throw new Error(`expected an error body with code ${code}, got ${JSON.stringify(body)}`);
  }
  return error;
}

/** Now, on the fair's clock. */
export function fairNow(): string {
  return new Date(Date.now() + inject('clockOffsetMs')).toISOString();
}

/** A zone's count as `GET /v1/occupancy` answers it (NaN when the zone is not there). */
export async function zoneCount(zoneId: string): Promise<number> {
  const { body } = await api<{ zones: { zoneId: string; count: number }[] }>('/v1/occupancy');
  return body.zones.find((zone) => zone.zoneId === zoneId)?.count ?? Number.NaN;
}

export interface IssuedTicket {
  ticketId: string;
  token: string;
  /** What is printed under the QR code, typed when it cannot be read (`6KH7H-X42C7`). */
  shortCode: string;
  /** When the holder agreed to share anything: the code on the badge's fold-back panel. */
  consentCode?: string;
  category: string;
  validDays: string[];
}

export async function issueTicket(request: Record<string, unknown> = { category: 'visitor' }): Promise<IssuedTicket> {
  const response = await api<IssuedTicket>('/v1/tickets', { body: request });
  if (response.status !== 201) throw new Error(`could not issue a ticket: ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface ScanResult {
  scanId: string;
  verdict: string;
  ticketId?: string;
  zoneId: string;
  attention?: string;
  replayed?: boolean;
  conflict?: boolean;
}

export async function scan(
  token: string,
  gateId: string,
  direction: 'in' | 'out',
  extra: Record<string, unknown> = {},
  credential?: string,
): Promise<{ status: number; body: ScanResult }> {
  return api<ScanResult>('/v1/scans', {
    body: {
      scanId: crypto.randomUUID(),
      token,
      gateId,
      direction,
      scannedAt: fairNow(),
      deviceId: 'test-device',
      ...extra,
    },
    ...(credential ? { credential } : {}),
  });
}

/**
 * A scan as a phone that was offline queued it for `POST /v1/scans/batch`: made `minutesAgo` on the
 * fair's clock, at the main gate unless `extra` says otherwise.
 */
export function offlineScan(
  token: string,
  direction: 'in' | 'out',
  minutesAgo: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    scanId: crypto.randomUUID(),
    token,
    gateId: 'main',
    direction,
    scannedAt: new Date(Date.parse(fairNow()) - minutesAgo * 60_000).toISOString(),
    deviceId: 'offline-phone',
    ...extra,
  };
}

/** A document client on the test runtime's DynamoDB Local, and its tables by logical id prefix. */
export function localTables(): { client: DynamoDBDocumentClient; tables: Record<string, string> } {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: inject('dynamodbEndpoint') }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client, tables: inject('tableNames') };
}

/** A request a counting client sent: its command and the table it named first. */
export interface EngineCall {
  command: string;
  table: string | undefined;
}

/** `localTables()`, with every request the client sends recorded in `calls`, in order. */
export function countingTables() {
  const calls: EngineCall[] = [];
  const { client, tables } = localTables();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
      // A batched read names its table in its request items.
      const table = input.TableName ?? Object.keys(input.RequestItems ?? {})[0];
      calls.push({ command: String(context.commandName), table });
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return { client, tables, calls };
}

/** The fair as its tables hold it, and a verifier of its tickets: what a use case called directly needs. */
export async function localFair(client: DynamoDBDocumentClient, fairTable: string) {
  const fair = await getFairMeta(client, fairTable);
  if (!fair) throw new Error('the shared runtime has no fair');
  return { fair, verifier: new TokenVerifier((await getPublicKeys(client, fairTable)).keys) };
}

/**
 * Waits until the holders counter (the tickets stream, read a few seconds behind) has counted every
 * ticket let in before this call: a position in its stream, not a count. It was a ticket of its own let
 * in and the day's holders seen one higher, which an earlier entry still in the counter's batching
 * window also made true: the marker then landed in the next reading (a report test saw 91 for 90).
 */
export function holdersCaughtUp(): Promise<void> {
  return consumersCaughtUp(caughtUpOnSharedRuntime, [['holders-counter']]);
}

/**
 * Who counts a scan, in order: the tickets stream's log writer (a gate's common scan reaches the log
 * through it), then the scans stream's consumers: zone counts and levels, and the gates' hours.
 */
export const SCANS_CONSUMERS: readonly (readonly string[])[] = [
  ['scan-log-writer'],
  ['occupancy-projector', 'gate-hours-counter'],
];

/**
 * Waits until each stream consumer named has read its stream from after this call and finished all it
 * read (`caughtUp` asks a runtime that, see LocalRuntime.streamCaughtUpSince): everything written
 * before the call is then counted. Stages in order: each from when the one before had caught up (what
 * the log writer put is then in the scans stream). Returns at once when nothing is pending; a batch
 * still in its batching window is waited for.
 */
export async function consumersCaughtUp(
  caughtUp: (functionName: string, since: number) => boolean | Promise<boolean>,
  stages: readonly (readonly string[])[] = SCANS_CONSUMERS,
): Promise<void> {
  const deadline = Date.now() + 30_000 * machineFactor();
  for (const consumers of stages) {
    const since = Date.now();
    const done = async () => (await Promise.all(consumers.map((name) => caughtUp(name, since)))).every(Boolean);
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`${consumers.join(' and ')} did not catch up within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Whether a stream consumer of the shared test runtime has finished all written since `since`. */
async function caughtUpOnSharedRuntime(name: string, since: number): Promise<boolean> {
  const answer = await fetch(`${inject('streamsUrl')}/caught-up?fn=${name}&since=${since}`);
  return ((await answer.json()) as { caughtUp: boolean }).caughtUp;
}

/** Everything written so far counted by the scans stream's consumers, on the shared test runtime. */
export function projectionCaughtUp(): Promise<void> {
  return consumersCaughtUp(caughtUpOnSharedRuntime);
}
