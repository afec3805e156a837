import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export function json(statusCode: number, value: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  };
}

export function binary(statusCode: number, contentType: string, data: Buffer): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': contentType, 'cache-control': 'private, max-age=3600' },
    body: data.toString('base64'),
    isBase64Encoded: true,
  };
}

export function text(statusCode: number, contentType: string, body: string): HttpResult {
  return { statusCode, headers: { 'content-type': contentType, 'cache-control': 'private, max-age=3600' }, body };
}
