import { isIP } from 'node:net';

/**
 * Where alerts may be POSTed: https to a public address. Loopback, private, link-local and metadata
 * addresses would let a credential make the service call into its own network (SSRF). Locally, plain
 * http to loopback is allowed only behind RAWAQ_ALLOW_LOOPBACK_WEBHOOKS=1 (tests, demos).
 */
const PRIVATE_V4 = [
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^0\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function isPrivate(host: string): boolean {
  if (isIP(host) === 4) return PRIVATE_V4.some((range) => range.test(host));
  if (isIP(host) === 6) return /^(::1|fe80:|fc|fd|::ffff:(10|127|169\.254|192\.168)\.)/i.test(host) || host === '::';
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local');
}

export function webhookUrlProblem(raw: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  if (allowLoopback && isLoopback(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return undefined;
  if (url.protocol !== 'https:') return 'webhooks must use https';
  if (isPrivate(host)) return 'webhooks must go to a public address (no loopback, private or link-local targets)';
  return undefined;
}
