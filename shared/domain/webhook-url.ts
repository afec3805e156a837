import { isIP } from 'node:net';
import { isLoopbackAddress, isPublicAddress } from './public-address';

/**
 * Where alerts may be POSTed: https to a host whose every address is public. Loopback, private,
 * link-local, multicast and metadata addresses would let a credential make the service call into its
 * own network (SSRF). Locally, http or https to a host that is only loopback is allowed behind
 * RAWAQ_ALLOW_LOOPBACK_WEBHOOKS=1 (tests, demos).
 *
 * Two steps: the URL alone (`webhookUrlProblem`), then the addresses its host resolves to
 * (`addressesProblem`), checked again at each delivery, which then connects to the address checked,
 * not to whatever the name resolves to a moment later (DNS rebinding).
 */
const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|lan|home\.arpa|intranet)\.?$/i;

/** The host of a URL as DNS and `isIP` know it (no IPv6 brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export function webhookUrlProblem(raw: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  const host = hostOf(url);
  const loopbackHost = host === 'localhost' || isLoopbackAddress(host);
  if (url.protocol !== 'https:' && !(allowLoopback && url.protocol === 'http:' && loopbackHost))
    return 'webhooks must use https';
  if (isIP(host)) return addressesProblem([host], allowLoopback, url);
  if (PRIVATE_NAMES.test(host) && !(allowLoopback && host === 'localhost'))
    return 'webhooks must go to a public address (no loopback, private or link-local targets)';
  return undefined;
}

/**
 * Whether a URL's host may be reached at these addresses: every one public, or, where loopback is
 * allowed, every one loopback. One private address among public ones is enough to refuse: a resolver
 * may hand out any of them.
 */
export function addressesProblem(addresses: readonly string[], allowLoopback: boolean, url: URL): string | undefined {
  if (addresses.length === 0) return `${hostOf(url)} has no address`;
  if (allowLoopback && addresses.every(isLoopbackAddress)) return undefined;
  if (url.protocol !== 'https:') return 'webhooks must use https';
  const refused = addresses.filter((address) => !isPublicAddress(address));
  if (refused.length > 0)
    return `webhooks must go to a public address; ${hostOf(url)} is at ${refused.join(', ')} (loopback, private, link-local, multicast or reserved)`;
  return undefined;
}
