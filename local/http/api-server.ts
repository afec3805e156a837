import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { FunctionError, type FunctionPool } from '../lambda/function-pool';
import type { RouteSpec } from '../template/topology';
import type { LocalTls } from '../tls/local-authority';
import { authorizerEvent, proxyEvent, type RawRequest, rawRequest } from './api-event';
import { EDGE_DEFAULTS, EdgeGuard, type EdgeLimits } from './edge-guard';
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
  /** Limits on requests from the network (not this machine); EDGE_DEFAULTS unless given. */
  edge?: EdgeLimits;
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

const withHeaders = (reply: Reply, headers: Record<string, string>): Reply => ({
  ...reply,
  headers: { ...reply.headers, ...headers },
});

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

  type Answered = { reply: Reply; functionName: string };
  type Target = {
    functionId: string;
    functionName: string;
    routeKey: string;
    pathParameters: Record<string, string> | undefined;
  };

  /**
   * What a request is for, decided before its body is read: the health check while starting, a page,
   * no such route, or a route and (where it has one) what the authorizer said.
   */
  async function route(
    request: RawRequest,
  ): Promise<{ answered: Answered } | { invoke: Target; authorizerContext?: Record<string, unknown> }> {
    if (request.path === '/v1/health' && !options.isReady()) {
      return { answered: { reply: jsonReply(503, { status: 'starting' }), functionName: 'runtime' } };
    }
    const matched = table.match(request.method, request.path);
    if (!matched) {
      const file =
        request.method === 'GET' || request.method === 'HEAD' ? await options.site?.find(request.path) : undefined;
      if (file) return { answered: { reply: file, functionName: 'site' } };
      return {
        answered: {
          reply: contractError(404, 'NOT_FOUND', `no route ${request.method} ${request.path}`),
          functionName: 'runtime',
        },
      };
    }
    const { route, pathParameters } = matched;
    const functionName = options.pool.spec(route.functionId).name;
    const invoke = { functionId: route.functionId, functionName, routeKey: route.routeKey, pathParameters };
    if (!route.authorizer) return { invoke };
    let decision: { isAuthorized?: boolean; context?: Record<string, unknown> };
    try {
      decision = (await options.pool.invoke(
        route.authorizer.functionId,
        authorizerEvent(request, route.routeKey, pathParameters),
      )) as typeof decision;
    } catch (error) {
      if (error instanceof FunctionError)
        options.log(`authorizer for ${functionName} failed: ${error.errorType}: ${error.message}`);
      return { answered: { reply: jsonReply(500, { message: 'Internal Server Error' }), functionName } };
    }
    if (decision?.isAuthorized !== true) {
      return { answered: { reply: jsonReply(403, { message: 'Forbidden' }), functionName } };
    }
    return { invoke, authorizerContext: decision.context ?? {} };
  }

  async function invokeRoute(
    request: RawRequest,
    target: Target,
    authorizerContext: Record<string, unknown> | undefined,
  ): Promise<Answered> {
    try {
      const result = await options.pool.invoke(
        target.functionId,
        proxyEvent(request, target.routeKey, target.pathParameters, authorizerContext),
      );
      return { reply: replyFromResult(result), functionName: target.functionName };
    } catch (error) {
      if (error instanceof FunctionError)
        options.log(`${target.functionName} failed: ${error.errorType}: ${error.message}`);
      return { reply: jsonReply(500, { message: 'Internal Server Error' }), functionName: target.functionName };
    }
  }

  function send(response: ServerResponse, reply: Reply, head: boolean): void {
    response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(reply.body.length) });
    response.end(head ? undefined : reply.body);
  }

  const gateway = options.lan ? lanGateway(options.lan.tls, options.lan.httpsPort, options.port) : undefined;
  const guard = new EdgeGuard(options.edge ?? EDGE_DEFAULTS);

  /**
   * One request, in API Gateway's order: route and authorizer first, from the headers alone; the body
   * is read only for a request that may go on. Rawaq's authorizer lets every request through and says
   * in its context why it found no principal (no credential, an unknown one, over its budget): such a
   * request reaches its function without its body, which the function refuses first, so nothing a
   * stranger uploads is ever read or held. From the network, one address has a bounded number of
   * requests in flight.
   */
  const listener = async (incoming: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    if (gateway?.serveLocal(incoming, response)) return;
    const release = guard.enter(incoming.socket.remoteAddress);
    if (!release) {
      incoming.resume();
      send(
        response,
        withHeaders(contractError(429, 'RATE_LIMITED', 'too many requests at once from this address: wait a second'), {
          'retry-after': '1',
          connection: 'close',
        }),
        false,
      );
      return;
    }
    if (!guard.spend(incoming.socket.remoteAddress, incoming.headers.authorization)) {
      release();
      incoming.resume();
      send(
        response,
        withHeaders(
          contractError(
            429,
            'RATE_LIMITED',
            'this credential is sending more requests than a device does: wait a second',
          ),
          { 'retry-after': '1', connection: 'close' },
        ),
        false,
      );
      return;
    }
    let request = rawRequest(incoming, Buffer.alloc(0));
    let answered: Answered;
    try {
      const routed = await route(request);
      if ('answered' in routed) {
        incoming.resume();
        answered = routed.answered;
      } else if (routed.authorizerContext && !routed.authorizerContext.principal) {
        // Refused on its credential: the body stays unread (and the connection is not reused for it).
        incoming.resume();
        response.setHeader('connection', 'close');
        answered = await invokeRoute(request, routed.invoke, routed.authorizerContext);
      } else {
        let body: Buffer;
        try {
          body = await readBody(incoming, API_GATEWAY_MAX_BODY);
        } catch (error) {
          send(
            response,
            error instanceof BodyTooLargeError
              ? contractError(413, 'PAYLOAD_TOO_LARGE', 'the request body is over 10 MB')
              : contractError(400, 'VALIDATION_FAILED', 'the request body could not be read'),
            false,
          );
          return;
        }
        request = { ...request, body };
        answered = await invokeRoute(request, routed.invoke, routed.authorizerContext);
      }
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
    } finally {
      release();
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
