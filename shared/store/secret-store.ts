import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Secrets are read once per function instance: they change only by redeploying. */
const cache = new Map<string, Promise<string>>();

export function readSecret(client: SecretsManagerClient, secretId: string): Promise<string> {
  let value = cache.get(secretId);
  if (!value) {
    value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then(({ SecretString }) => {
      if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
      return SecretString;
    });
    value.catch(() => cache.delete(secretId));
    cache.set(secretId, value);
  }
  return value;
}
