import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the functions' bundles use in place of the SDK's default credential chain (esbuild's alias for
 * `@aws-sdk/credential-provider-node`, set in infra/constructs/rawaq-function.ts). On Lambda the
 * execution role's credentials are always in the environment, the chain's first link; the rest of the
 * chain (SSO, profiles, processes, web identity, instance metadata, with the STS and SSO clients they
 * load) is about 90 KB that every cold start parsed for nothing. Locally the runtime sets them too.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);

/** The chain's memoisation helpers, as the SDK's clients import them. */
export const credentialsWillNeedRefresh = (credentials?: { expiration?: Date }) =>
  credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials?: { expiration?: Date }) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
