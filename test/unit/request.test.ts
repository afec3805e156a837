import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { PayloadTooLargeError, ValidationFailedError } from '#commons/http/errors';
import { MAX_BODY_BYTES, parseJsonBody, parseQuery } from '#commons/http/request';

const event = (body: string | undefined, extra: Partial<APIGatewayProxyEventV2> = {}) =>
  ({ body, isBase64Encoded: false, ...extra }) as APIGatewayProxyEventV2;
const Schema = z.object({ name: z.string(), seats: z.number().int().positive() });

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('request parsing', () => {
  it('names the failing field paths', () => {
    const error = thrown(() => parseJsonBody(event('{"name": 3, "seats": -1}'), Schema)) as ValidationFailedError;
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error.details.map((d) => d.path).sort()).toEqual(['name', 'seats']);
  });

  it('refuses broken JSON and an empty body as validation failures, not crashes', () => {
    expect(thrown(() => parseJsonBody(event('{"name": '), Schema))).toBeInstanceOf(ValidationFailedError);
    expect(thrown(() => parseJsonBody(event(undefined), Schema))).toBeInstanceOf(ValidationFailedError);
  });

  it('refuses a body over 256 KiB with 413, counting bytes not characters', () => {
    const arabic = 'ر'.repeat(MAX_BODY_BYTES / 2 + 1); // two bytes each in UTF-8
    expect(thrown(() => parseJsonBody(event(JSON.stringify({ name: arabic, seats: 1 })), Schema))).toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(parseJsonBody(event(JSON.stringify({ name: 'ر'.repeat(1000), seats: 1 })), Schema).seats).toBe(1);
  });

  it('decodes base64 bodies as API Gateway sends non-text content types', () => {
    const body = Buffer.from(JSON.stringify({ name: 'x', seats: 2 })).toString('base64');
    expect(parseJsonBody(event(body, { isBase64Encoded: true }), Schema)).toEqual({ name: 'x', seats: 2 });
  });

  it('prefixes query failures with "query"', () => {
    const error = thrown(() =>
      parseQuery(
        event(undefined, { queryStringParameters: { day: 'monday' } }),
        z.object({ day: z.string().regex(/^\d{4}/) }),
      ),
    ) as ValidationFailedError;
    expect(error.details[0]?.path).toBe('query.day');
  });
});
