import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { InternalEndpoints } from './http/internal-endpoints';
import type { FunctionPool } from './lambda/function-pool';
import type { Resolver } from './template/intrinsics';
import { resolveValue } from './template/intrinsics';
import type { CustomResourceSpec } from './template/topology';

function resolveProperties(value: unknown, resolver: Resolver): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveProperties(item, resolver));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'))) return resolveValue(value, resolver);
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveProperties(inner, resolver)]));
  }
  return value;
}

/**
 * Runs the template's Lambda-backed custom resources as CloudFormation would on a deploy: Create the
 * first time, Update when their properties change, nothing when they have not. What each last ran
 * with is kept under $DATA_DIR.
 */
export async function runCustomResources(
  resources: CustomResourceSpec[],
  pool: FunctionPool,
  resolver: Resolver,
  endpoints: InternalEndpoints,
  stateFile: string | undefined,
  log: (line: string) => void,
  /** Run each one as an Update whatever it last ran with (a redeploy with changed properties). */
  options: { asUpdate?: boolean } = {},
): Promise<void> {
  const state: Record<string, string> =
    stateFile && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
  for (const resource of resources) {
    const properties = resolveProperties(resource.properties, resolver) as Record<string, unknown>;
    const hash = createHash('sha256').update(JSON.stringify(properties)).digest('hex');
    if (state[resource.logicalId] === hash && !options.asUpdate) continue;
    const token = randomUUID();
    const { url, answer } = endpoints.expectCloudFormationAnswer(token);
    const requestType = state[resource.logicalId] || options.asUpdate ? 'Update' : 'Create';
    log(`running custom resource ${resource.logicalId} (${requestType})...`);
    await pool.invoke(resource.functionId, {
      RequestType: requestType,
      ServiceToken: resolver.getAtt(resource.functionId, 'Arn'),
      ResponseURL: url,
      StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/Rawaq/local',
      RequestId: token,
      LogicalResourceId: resource.logicalId,
      ResourceType: resource.type,
      ResourceProperties: { ServiceToken: resolver.getAtt(resource.functionId, 'Arn'), ...properties },
      ...(requestType === 'Update' ? { PhysicalResourceId: resource.logicalId, OldResourceProperties: {} } : {}),
    });
    const result = await Promise.race([
      answer,
      new Promise<{ Status: string; Reason: string }>((resolve) =>
        setTimeout(() => resolve({ Status: 'FAILED', Reason: 'no answer on the response URL' }), 5000),
      ),
    ]);
    if (result.Status !== 'SUCCESS')
      throw new Error(`custom resource ${resource.logicalId} failed: ${result.Reason ?? ''}`);
    state[resource.logicalId] = hash;
    if (stateFile) writeFileSync(stateFile, JSON.stringify(state, null, 2));
  }
}
