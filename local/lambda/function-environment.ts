import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../emulators/dynamodb-local';
import type { LocalResources } from '../provision/local-resources';
import { resolveValue } from '../template/intrinsics';
import type { FunctionSpec } from '../template/topology';

/** Where a function's SDK clients send their calls on this machine. */
export interface LocalEndpoints {
  dynamodb: string;
  sqs: string;
  /** The local Secrets Manager (local/http/internal-endpoints.ts). */
  secrets: string;
}

/**
 * The environment Lambda would give a function: its template variables resolved against the local
 * resources, the variables Lambda sets itself, and the engines' addresses for the SDK's clients.
 */
export function functionEnvironment(
  spec: FunctionSpec,
  resources: LocalResources,
  endpoints: LocalEndpoints,
  /** Its own access key, when IAM is checked (the gate knows the caller by it). */
  accessKeyId = LOCAL_CREDENTIALS.accessKeyId,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.environment)) {
    // NODE_OPTIONS cannot apply to a worker thread; the pool passes --enable-source-maps itself.
    if (name !== 'NODE_OPTIONS') variables[name] = resolveValue(value, resources);
  }
  return {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SNS: endpoints.sqs,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secrets,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    RAWAQ_LOCAL: '1',
    ...(process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS
      ? { RAWAQ_ALLOW_LOOPBACK_WEBHOOKS: process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS }
      : {}),
    ...variables,
  };
}
