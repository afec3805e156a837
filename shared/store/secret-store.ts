import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Secrets read once per function instance, or again once `maxAgeMs` has passed: the signing secret
 * changes during a fair (a rotation, a leaked key retired) and every signer must follow within a
 * minute, whatever container it runs in.
 */
const cache = new Map<string, { value: Promise<string>; readAt: number }>();

export function readSecret(
  client: SecretsManagerClient,
  secretId: string,
  maxAgeMs = Number.POSITIVE_INFINITY,
): Promise<string> {
  const known = cache.get(secretId);
  if (known && Date.now() - known.readAt < maxAgeMs) return known.value;
  const value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then(({ SecretString }) => {
    if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
    return SecretString;
  });
  value.catch(() => cache.delete(secretId));
  cache.set(secretId, { value, readAt: Date.now() });
  return value;
}
