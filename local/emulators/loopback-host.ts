import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The `Host` names a request to a local engine may carry: this machine's own. The engines listen on
 * loopback only, but a web page in this laptop's own browser can rebind its name to 127.0.0.1 (DNS
 * rebinding) and reach them as "itself": it still sends its own name as `Host`, and is refused.
 * DynamoDB Local's Jetty does the same check in `java/LoopbackDynamoDbLocal.java`.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string | undefined): boolean {
  return LOOPBACK_HOSTS.has((host ?? '').toLowerCase().replace(/:\d+$/, ''));
}

/** Answers 421 (misdirected) to a request not addressed to loopback; true when it did. */
export function refusedHost(request: IncomingMessage, response: ServerResponse): boolean {
  if (isLoopbackHost(request.headers.host)) return false;
  response.writeHead(421, { 'content-type': 'text/plain' }).end('this engine answers this machine only\n');
  return true;
}
