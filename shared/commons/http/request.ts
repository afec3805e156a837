import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { type ErrorDetail, PayloadTooLargeError, ValidationFailedError } from './errors';

/** The contract's limit on request bodies; API Gateway itself allows 10 MB. */
export const MAX_BODY_BYTES = 256 * 1024;

function joinPath(prefix: string, path: PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.') || '(root)';
}

/** One detail per failing field; an unknown field is named itself, not its parent object. */
export function detailsFromZod(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath(prefix, [...issue.path, key]), message: 'unknown field' }))
      : [{ path: joinPath(prefix, issue.path), message: issue.message }],
  );
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix: string, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailedError(`${what} is not valid`, detailsFromZod(result.error, prefix));
  return result.data;
}

function rawBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body === null || event.body === '') return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`the request body is over ${MAX_BODY_BYTES / 1024} KiB`);
  }
  return text;
}

export function parseJsonBody<T extends z.ZodType>(event: APIGatewayProxyEventV2, schema: T): z.infer<T> {
  const text = rawBody(event);
  if (text === '')
    throw new ValidationFailedError('a JSON body is required', [{ path: '(root)', message: 'empty body' }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationFailedError('the body is not valid JSON', [
      { path: '(root)', message: error instanceof Error ? error.message : 'unparseable' },
    ]);
  }
  return parseWith(schema, value, '', 'the body');
}

export function parsePath<T extends z.ZodType>(event: APIGatewayProxyEventV2, schema: T): z.infer<T> {
  return parseWith(schema, event.pathParameters ?? {}, 'path', 'the path');
}

export function parseQuery<T extends z.ZodType>(event: APIGatewayProxyEventV2, schema: T): z.infer<T> {
  return parseWith(schema, event.queryStringParameters ?? {}, 'query', 'the query');
}
