import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+json)/i;

export interface RawRequest {
  method: string;
  path: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
}

export function rawRequest(request: IncomingMessage, body: Buffer): RawRequest {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    body,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  };
}

function queryParameters(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw))
    result[name] = name in result ? `${result[name]},${value}` : value;
  return result;
}

function requestContext(request: RawRequest, routeKey: string) {
  const now = new Date();
  return {
    accountId: '000000000000',
    apiId: 'local',
    domainName: request.headers.host ?? 'localhost',
    domainPrefix: 'localhost',
    http: {
      method: request.method,
      path: request.path,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: request.headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  };
}

/** The event API Gateway (HTTP API, payload 2.0) hands a Lambda integration. */
export function proxyEvent(
  request: RawRequest,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
  authorizerContext: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const isText = request.body.length === 0 || TEXT_TYPES.test(request.headers['content-type'] ?? 'application/json');
  const cookies = request.headers.cookie?.split(/;\s*/);
  return {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers: request.headers,
    queryStringParameters: queryParameters(request.rawQueryString),
    pathParameters,
    requestContext: {
      ...requestContext(request, routeKey),
      ...(authorizerContext ? { authorizer: { lambda: authorizerContext } } : {}),
    },
    body:
      request.body.length === 0 ? undefined : isText ? request.body.toString('utf8') : request.body.toString('base64'),
    isBase64Encoded: !isText,
  } as APIGatewayProxyEventV2;
}

/** The event an HTTP API Lambda authorizer (payload 2.0, REQUEST type) receives. */
export function authorizerEvent(
  request: RawRequest,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:us-east-1:000000000000:local/$default/${request.method}${request.path}`,
    identitySource: request.headers.authorization ? [request.headers.authorization] : [],
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    headers: request.headers,
    queryStringParameters: queryParameters(request.rawQueryString),
    pathParameters,
    requestContext: requestContext(request, routeKey),
  } as unknown as APIGatewayRequestAuthorizerEventV2;
}
