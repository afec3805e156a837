/**
 * `npm run openapi`: writes the API's OpenAPI 3.1 document (`docs/openapi.json`) from the zod schemas
 * the handlers parse requests with and the answers' schemas (shared/contract/answers.ts).
 * `-- --check` fails when the file is not what the code would write. The document is served at
 * `GET /v1/openapi.json` and by the pages' site at `/openapi.json`; `npm test` lints it with an
 * independent validator and holds every answer the integration tests receive to it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { ErrorBodySchema } from '../shared/contract/answers';
import { type Answer, OPERATIONS, type Operation } from '../shared/contract/operations';

const ROOT = path.resolve(import.meta.dirname, '..');
export const DOCUMENT_FILE = path.join(ROOT, 'docs', 'openapi.json');

const ERROR_WHY: Record<number, string> = {
  400: 'The request is not valid: every problem named with its path',
  401: 'No credential, or one that is unknown, revoked or expired',
  403: 'The credential may not do this (role or scope)',
  404: 'What the path names does not exist',
  409: 'It conflicts with the current state',
  413: 'The body is too large',
  429: 'Too many requests: the route\'s throttle (AWS), the credential\'s budget or the address\'s requests in flight (the venue machine); `Retry-After` says when to try again. On AWS the body is API Gateway\'s `{"message": "Too Many Requests"}`',
  500: 'Something went wrong on our side; the message quotes the request id. When the function itself failed or timed out, the body is API Gateway\'s `{"message": "Internal Server Error"}`: send the same request again (same id), it is counted once',
  503: `\`BUSY\`: the fair's records stayed contended past the store's retries; nothing was written. Send the same request again (same id) after \`Retry-After\`: it is counted once. API Gateway answers 503 \`{"message": "Service Unavailable"}\` itself when the function outlives the integration's 30 s`,
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without its `$schema`. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parameters(operation: Operation) {
  const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!operation.query) return inPath;
  const query = jsonSchema(operation.query, 'input') as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return [
    ...inPath,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
}

function content(answer: Answer) {
  if (typeof answer === 'string')
    return {
      [answer]: {
        schema: answer === 'image/png' ? { type: 'string', contentMediaType: 'image/png' } : { type: 'string' },
      },
    };
  return { 'application/json': { schema: jsonSchema(answer, 'output') } };
}

/**
 * Throttled, failed or timed out outside our code, API Gateway answers with a body of its own
 * (`{"message": ...}`): the statuses it can answer carry both shapes, so a client reads either.
 */
const GATEWAY_STATUSES = new Set([429, 500, 503]);
const errorSchema = (status: number) => ({
  $ref: `#/components/schemas/${GATEWAY_STATUSES.has(status) ? 'ErrorOrGatewayError' : 'Error'}`,
});

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    // A body over the API's limit is refused before any handler runs, on every route that takes one.
    const errors = [
      ...new Set([
        400,
        ...(operation.who === 'public' ? [] : [401, 403]),
        ...(operation.errors ?? []),
        ...(operation.body ? [413] : []),
        429,
        500,
        503,
      ]),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(operation.answers))
      responses[status] = { description: operation.summary, content: content(answer) };
    // Written once under components.responses: the same for every operation.
    for (const status of errors) responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
    const inputs = parameters(operation);
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: {
        operationId: `${operation.method}${operation.path
          .replace(/^\/v1/, '')
          .replace(/\{(\w+)\}/g, 'By-$1')
          .replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ? next.toUpperCase() : ''))}`,
        summary: operation.summary,
        description: `Who: ${operation.who}.`,
        ...(operation.who === 'public' ? { security: [] } : {}),
        ...(inputs.length > 0 ? { parameters: inputs } : {}),
        ...(operation.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rawaq API',
      version,
      description:
        'On-site operations for fairs: gate scans and walk-in counts, workshop doors, booth footfall, live occupancy, alerts and day reports. Send `Authorization: Bearer <credential>`; a verdict is an answer (200), only a malformed request is an error. Errors are `{error: {code, message, details}}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      responses: Object.fromEntries(
        Object.entries(ERROR_WHY).map(([status, why]) => [
          `Error${status}`,
          { description: why, content: { 'application/json': { schema: errorSchema(Number(status)) } } },
        ]),
      ),
      schemas: {
        Error: jsonSchema(ErrorBodySchema, 'output'),
        GatewayError: {
          type: 'object',
          description: "API Gateway's own answer, before or after the function: `{message}` only",
          properties: { message: { type: 'string' } },
          required: ['message'],
          additionalProperties: false,
        },
        ErrorOrGatewayError: {
          oneOf: [{ $ref: '#/components/schemas/Error' }, { $ref: '#/components/schemas/GatewayError' }],
        },
      },
    },
    paths,
  };
}

/** The document as the file holds it: stable key order, two-space indents, a final newline. */
export function documentText(): string {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return `${JSON.stringify(openApiDocument(version), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = documentText();
  if (process.argv.includes('--check')) {
    const current = readFileSync(DOCUMENT_FILE, 'utf8');
    if (current !== text) {
      console.error(`${path.relative(ROOT, DOCUMENT_FILE)} is not what the code describes: run npm run openapi`);
      process.exitCode = 1;
    } else console.log(`${path.relative(ROOT, DOCUMENT_FILE)} matches the code`);
  } else {
    writeFileSync(DOCUMENT_FILE, text);
    console.log(`wrote ${path.relative(ROOT, DOCUMENT_FILE)}: ${Object.keys(JSON.parse(text).paths).length} paths`);
  }
}
