import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { FunctionError, type FunctionPool } from '../lambda/function-pool';
import type { RouteSpec } from '../template/topology';
import type { LocalTls } from '../tls/local-authority';
import { authorizerEvent, proxyEvent, type RawRequest, rawRequest } from './api-event';
import { lanGateway } from './lan-gateway';
import { BodyTooLargeError, readBody } from './read-body';
import { RouteTable } from './route-table';
import type { StaticSite } from './static-site';

/** API Gateway's own payload limit; the contract's smaller 256 KiB limit is the handlers' to enforce. */
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export interface ApiServerOptions {
  port: number;
  host: string;
  routes: RouteSpec[];
  pool: FunctionPool;
  isReady: () => boolean;
  site?: StaticSite;
  log: (line: string) => void;
  /**
   * Serving the venue's network: the same API and pages over HTTPS on `httpsPort` (phones need a secure
   * context for the camera and offline), and on plain HTTP only what installs the local authority.
   */
  lan?: { tls: LocalTls; httpsPort: number };
}

interface Reply {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

function jsonReply(statusCode: number, value: unknown): Reply {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(value)),
  };
}

function contractError(statusCode: number, code: string, message: string): Reply {
  return jsonReply(statusCode, { error: { code, message, details: [] } });
}

/** Payload 2.0 response mapping: a structured result as given, anything else as a 200 JSON body. */
function replyFromResult(result: unknown): Reply {
  if (result && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: number;
      headers?: Record<string, string | number | boolean>;
      body?: string;
      isBase64Encoded?: boolean;
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
    return { statusCode: r.statusCode, headers, body };
  }
  return jsonReply(200, result ?? null);
}

/**
 * Serves the template's HTTP API routes the way API Gateway does: route selection, the Lambda
 * authorizer on the routes that have one, payload 2.0 events, and API Gateway's answers when a
 * function fails (500) or an authorizer refuses (403).
 */
export async function startApiServer(options: ApiServerOptions): Promise<Server[]> {
  const table = new RouteTable(options.routes);

  async function handle(request: RawRequest): Promise<{ reply: Reply; functionName: string }> {
    if (request.path === '/v1/health' && !options.isReady()) {
      return { reply: jsonReply(503, { status: 'starting' }), functionName: 'runtime' };
    }
    const matched = table.match(request.method, request.path);
    if (!matched) {
      const file =
        request.method === 'GET' || request.method === 'HEAD' ? await options.site?.find(request.path) : undefined;
      if (file) return { reply: file, functionName: 'site' };
      return {
        reply: contractError(404, 'NOT_FOUND', `no route ${request.method} ${request.path}`),
        functionName: 'runtime',
      };
    }
    const { route, pathParameters } = matched;
    const functionName = options.pool.spec(route.functionId).name;
    let authorizerContext: Record<string, unknown> | undefined;
    if (route.authorizer) {
      let decision: { isAuthorized?: boolean; context?: Record<string, unknown> };
      try {
        decision = (await options.pool.invoke(
          route.authorizer.functionId,
          authorizerEvent(request, route.routeKey, pathParameters),
        )) as typeof decision;
      } catch {
        return { reply: jsonReply(500, { message: 'Internal Server Error' }), functionName };
      }
      if (decision?.isAuthorized !== true) return { reply: jsonReply(403, { message: 'Forbidden' }), functionName };
      authorizerContext = decision.context ?? {};
    }
    try {
      const result = await options.pool.invoke(
        route.functionId,
        proxyEvent(request, route.routeKey, pathParameters, authorizerContext),
      );
      return { reply: replyFromResult(result), functionName };
    } catch (error) {
      if (error instanceof FunctionError) options.log(`${functionName} failed: ${error.errorType}: ${error.message}`);
      return { reply: jsonReply(500, { message: 'Internal Server Error' }), functionName };
    }
  }

  function send(response: ServerResponse, reply: Reply, head: boolean): void {
    response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(reply.body.length) });
    response.end(head ? undefined : reply.body);
  }

  const gateway = options.lan ? lanGateway(options.lan.tls, options.lan.httpsPort) : undefined;
  const listener = async (incoming: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    if (gateway?.serveLocal(incoming, response)) return;
    let body: Buffer;
    try {
      body = await readBody(incoming, API_GATEWAY_MAX_BODY);
    } catch (error) {
      const reply =
        error instanceof BodyTooLargeError
          ? contractError(413, 'PAYLOAD_TOO_LARGE', 'the request body is over 10 MB')
          : contractError(400, 'VALIDATION_FAILED', 'the request body could not be read');
      send(response, reply, false);
      return;
    }
    const request = rawRequest(incoming, body);
    let answered: { reply: Reply; functionName: string };
    try {
      answered = await handle(request);
    } catch (error) {
      // A request the router cannot even read (a malformed %-escape in the path) is the client's
      // mistake; anything else here is ours. Either way the server keeps serving.
      answered =
        error instanceof URIError
          ? {
              reply: contractError(400, 'VALIDATION_FAILED', 'the path has a malformed %-escape'),
              functionName: 'runtime',
            }
          : { reply: jsonReply(500, { message: 'Internal Server Error' }), functionName: 'runtime' };
    }
    const { reply, functionName } = answered;
    send(response, reply, request.method === 'HEAD');
    if (functionName !== 'site') {
      options.log(
        `${functionName.padEnd(20)} ${request.method} ${request.path} ${reply.statusCode} ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
  };
  const servers: Server[] = [
    createServer((incoming, response) => {
      if (gateway?.handle(incoming, response)) return;
      void listener(incoming, response);
    }),
  ];
  if (options.lan) {
    servers.push(
      createHttpsServer({ key: options.lan.tls.key, cert: options.lan.tls.cert }, (incoming, response) => {
        void listener(incoming, response);
      }),
    );
  }
  const ports = [options.port, options.lan?.httpsPort ?? 0];
  for (const [index, server] of servers.entries()) {
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[index], options.host, () => resolve());
    });
  }
  return servers;
}
