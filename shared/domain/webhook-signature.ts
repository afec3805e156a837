import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook bodies are signed HMAC-SHA256 over `<timestamp>.<body>` (the timestamp stops replays of an
 * old body). Each subscription's secret is derived from one master secret kept in Secrets Manager, so
 * no secret is stored in a table.
 */
export const SIGNATURE_HEADER = 'x-rawaq-signature';
export const TIMESTAMP_HEADER = 'x-rawaq-timestamp';

export function subscriptionSecret(masterSecret: string, subscriptionId: string): string {
  return createHmac('sha256', masterSecret).update(`webhook:${subscriptionId}`).digest('base64url');
}

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyBody(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
