import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressesProblem, hostOf, webhookUrlProblem } from '../domain/webhook-url';

/** A host name resolved to every address, as `dns.lookup` with `all` answers. */
export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

const resolveAll: Resolve = (host) => systemLookup(host, { all: true, verbatim: true });

/**
 * `refused`: the URL or one of its addresses may not be called; `unresolved`: the name does not
 * resolve now (a typo, or DNS down), which a later attempt may not meet.
 */
export type WebhookTarget =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; kind: 'refused' | 'unresolved'; problem: string };

/**
 * Where a webhook URL may be reached: the URL checked, its host resolved, every address checked. The
 * answer names the one address to connect to.
 */
export async function resolveWebhookTarget(
  raw: string,
  allowLoopback: boolean,
  resolve: Resolve = resolveAll,
): Promise<WebhookTarget> {
  const problem = webhookUrlProblem(raw, allowLoopback);
  if (problem) return { ok: false, kind: 'refused', problem };
  const url = new URL(raw);
  const host = hostOf(url);
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    return { ok: false, kind: 'unresolved', problem: `${host} does not resolve (${code})` };
  }
  const refused = addressesProblem(
    addresses.map(({ address }) => address),
    allowLoopback,
    url,
  );
  if (refused) return { ok: false, kind: 'refused', problem: refused };
  const [first] = addresses as [{ address: string; family: number }];
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * POSTs to a checked target, connecting to its checked address whatever the name resolves to now
 * (TLS still verifies the certificate for the URL's host name). Redirects are not followed. Answers
 * the status code, or throws on a network failure or the timeout.
 */
export function postToTarget(
  target: Extract<WebhookTarget, { ok: true }>,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
