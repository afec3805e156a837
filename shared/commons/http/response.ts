import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RawBody } from '../../contract/operations';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

declare const answered: unique symbol;

/**
 * An answer that says, to the compiler only, its status and its body's type: `byRoute` holds each
 * route's answers to the contract's schemas for that route (shared/contract/operations.ts). A body
 * that is not JSON (CSV, vCard, SVG, PNG) says `RawBody`.
 */
export type Answer<S extends number = number, B = unknown> = Answering<{ status: S; body: B }>;

/** What an answer must say to be one of a route's answers (`AnswerOf` in the contract). */
export type Answering<A> = HttpResult & { readonly [answered]?: A };

export function json<const S extends number, B>(statusCode: S, value: B): Answer<S, B> {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  };
}

/**
 * Every answer is `no-store`: a QR code is a ticket and a CSV holds a fair's figures or leads; neither
 * may stay in a shared phone's cache or a proxy after the page is closed.
 */
export function binary<const S extends number>(statusCode: S, contentType: string, data: Buffer): Answer<S, RawBody> {
  return {
    statusCode,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    body: data.toString('base64'),
    isBase64Encoded: true,
  };
}

/** A CSV file (see `shared/csv.ts`), with the name a browser saves it under. */
export function csvFile(filename: string, body: string): Answer<200, RawBody> {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
    body,
  };
}

export function text<const S extends number>(statusCode: S, contentType: string, body: string): Answer<S, RawBody> {
  return { statusCode, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body };
}
