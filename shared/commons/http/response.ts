import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export function json(statusCode: number, value: unknown): HttpResult {
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
export function binary(statusCode: number, contentType: string, data: Buffer): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    body: data.toString('base64'),
    isBase64Encoded: true,
  };
}

/** A CSV file (see `shared/csv.ts`), with the name a browser saves it under. */
export function csvFile(filename: string, body: string): HttpResult {
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

export function text(statusCode: number, contentType: string, body: string): HttpResult {
  return { statusCode, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body };
}
