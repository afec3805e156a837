import { referencedId } from './intrinsics';
import type { PolicyStatementSpec, SiteHeaders, TableSpec, Topology } from './topology-types';

// The reader of the topology out of a synthesized template; the shapes it reads into are in
// ./topology-types.ts, exported from here too.
export type * from './topology-types';

interface HeadersPolicyConfig {
  SecurityHeadersConfig?: {
    ContentSecurityPolicy?: { ContentSecurityPolicy: unknown };
    ContentTypeOptions?: unknown;
    FrameOptions?: { FrameOption: unknown };
    ReferrerPolicy?: { ReferrerPolicy: unknown };
  };
  CustomHeadersConfig?: { Items?: { Header: string; Value: unknown }[] };
}

function responseHeaders(config: HeadersPolicyConfig): SiteHeaders {
  const security = config.SecurityHeadersConfig ?? {};
  const headers: SiteHeaders = {};
  if (security.ContentSecurityPolicy)
    headers['content-security-policy'] = security.ContentSecurityPolicy.ContentSecurityPolicy;
  if (security.ContentTypeOptions) headers['x-content-type-options'] = 'nosniff';
  if (security.FrameOptions) headers['x-frame-options'] = security.FrameOptions.FrameOption;
  if (security.ReferrerPolicy) headers['referrer-policy'] = security.ReferrerPolicy.ReferrerPolicy;
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[item.Header.toLowerCase()] = item.Value;
  // Strict-Transport-Security is left out: `npm start` serves plain HTTP on the LAN.
  return headers;
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface CloudFormationTemplate {
  Resources: Record<string, Resource>;
}

function kebab(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
}

function functionName(logicalId: string, resource: Resource): string {
  // The name the function's own code goes by (RawaqFunction sets it from its folder under functions/).
  const service = (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
    ?.POWERTOOLS_SERVICE_NAME;
  if (typeof service === 'string' && service.startsWith('rawaq-')) return service.slice('rawaq-'.length);
  const path = String(resource.Metadata?.['aws:cdk:path'] ?? logicalId).split('/');
  // "Rawaq/GetFair/Resource" -> "get-fair"
  return kebab(path.at(-2) ?? logicalId);
}

function rateSeconds(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|second|seconds|day|days)\)$/.exec(expression);
  if (!match) throw new Error(`schedule ${expression}: only rate() expressions run locally`);
  const unit = match[2]?.replace(/s$/, '') ?? 'minute';
  const seconds = { second: 1, minute: 60, hour: 3600, day: 86400 }[unit] ?? 60;
  return Number(match[1]) * seconds;
}

export function readTopology(template: CloudFormationTemplate): Topology {
  const topology: Topology = {
    tables: [],
    queues: [],
    topics: [],
    secrets: [],
    functions: [],
    mappings: [],
    routes: [],
    customResources: [],
    schedules: [],
    sites: [],
    siteHeaders: {},
  };
  const resources = template.Resources;
  const integrations = new Map<string, string>();
  const roleOfFunction = new Map<string, string>();
  const statementsOfRole = new Map<string, PolicyStatementSpec[]>();
  const authorizers = new Map<string, { functionId: string; resultTtlSeconds: number }>();

  for (const [id, resource] of Object.entries(resources)) {
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const stream = p.StreamSpecification as { StreamViewType?: TableSpec['streamViewType'] } | undefined;
        const ttl = p.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
        topology.tables.push({
          logicalId: id,
          keySchema: p.KeySchema as TableSpec['keySchema'],
          attributeDefinitions: p.AttributeDefinitions as TableSpec['attributeDefinitions'],
          globalSecondaryIndexes: (p.GlobalSecondaryIndexes as TableSpec['globalSecondaryIndexes']) ?? [],
          streamViewType: stream?.StreamViewType,
          ttlAttribute: ttl?.Enabled ? ttl.AttributeName : undefined,
        });
        break;
      }
      case 'AWS::SQS::Queue': {
        const redrive = p.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number } | undefined;
        const deadLetterQueueId = redrive ? referencedId(redrive.deadLetterTargetArn) : undefined;
        topology.queues.push({
          logicalId: id,
          visibilityTimeoutSeconds: Number(p.VisibilityTimeout ?? 30),
          retentionSeconds: Number(p.MessageRetentionPeriod ?? 345600),
          redrive:
            redrive && deadLetterQueueId
              ? { deadLetterQueueId, maxReceiveCount: Number(redrive.maxReceiveCount) }
              : undefined,
        });
        break;
      }
      case 'AWS::SNS::Topic':
        topology.topics.push(id);
        break;
      case 'AWS::SecretsManager::Secret': {
        const generate = p.GenerateSecretString as { PasswordLength?: number } | undefined;
        topology.secrets.push({ logicalId: id, length: generate?.PasswordLength ?? 32 });
        break;
      }
      case 'AWS::Lambda::Function': {
        const assetPath = resource.Metadata?.['aws:asset:path'];
        if (typeof assetPath !== 'string') break; // CDK's own helper functions (inline code) do not run locally.
        // Only the Node functions are ours; CDK's Python helpers (BucketDeployment) have local stand-ins.
        if (!String(p.Runtime ?? '').startsWith('nodejs')) break;
        const environment = (p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
        topology.functions.push({
          logicalId: id,
          name: functionName(id, resource),
          assetPath,
          handler: String(p.Handler ?? 'index.handler'),
          timeoutSeconds: Number(p.Timeout ?? 3),
          memoryMb: Number(p.MemorySize ?? 128),
          environment,
          policy: [],
        });
        const roleId = referencedId(p.Role);
        if (roleId) roleOfFunction.set(id, roleId);
        break;
      }
      case 'AWS::IAM::Policy': {
        const statements = (p.PolicyDocument as { Statement?: PolicyStatementSpec[] } | undefined)?.Statement ?? [];
        for (const role of (p.Roles as unknown[]) ?? []) {
          const roleId = referencedId(role);
          if (roleId) statementsOfRole.set(roleId, [...(statementsOfRole.get(roleId) ?? []), ...statements]);
        }
        break;
      }
      case 'AWS::Lambda::EventSourceMapping': {
        const functionId = referencedId(p.FunctionName);
        const sourceId = referencedId(p.EventSourceArn);
        if (!functionId || !sourceId) break;
        const source = resources[sourceId];
        const base = {
          logicalId: id,
          functionId,
          batchSize: Number(p.BatchSize ?? (source?.Type === 'AWS::SQS::Queue' ? 10 : 100)),
          maxBatchingWindowSeconds: Number(p.MaximumBatchingWindowInSeconds ?? 0),
          reportBatchItemFailures: ((p.FunctionResponseTypes as string[]) ?? []).includes('ReportBatchItemFailures'),
          enabled: p.Enabled !== false,
        };
        if (source?.Type === 'AWS::SQS::Queue') {
          topology.mappings.push({ ...base, kind: 'sqs', queueId: sourceId });
        } else {
          const onFailure = (p.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure;
          topology.mappings.push({
            ...base,
            kind: 'stream',
            tableId: sourceId,
            startingPosition: (p.StartingPosition as 'TRIM_HORIZON' | 'LATEST') ?? 'TRIM_HORIZON',
            bisectBatchOnError: p.BisectBatchOnFunctionError === true,
            maximumRetryAttempts: Number(p.MaximumRetryAttempts ?? -1),
            maximumRecordAgeSeconds: Number(p.MaximumRecordAgeInSeconds ?? -1),
            tumblingWindowSeconds: Number(p.TumblingWindowInSeconds ?? 0),
            onFailureQueueId: onFailure ? referencedId(onFailure.Destination) : undefined,
          });
        }
        break;
      }
      case 'AWS::ApiGatewayV2::Integration': {
        const functionId = referencedId(p.IntegrationUri);
        if (functionId) integrations.set(id, functionId);
        break;
      }
      case 'AWS::ApiGatewayV2::Authorizer': {
        const functionId = referencedId(p.AuthorizerUri);
        if (functionId)
          authorizers.set(id, { functionId, resultTtlSeconds: Number(p.AuthorizerResultTtlInSeconds ?? 300) });
        break;
      }
      case 'AWS::Events::Rule': {
        const targets = (p.Targets as { Arn: unknown }[]) ?? [];
        for (const target of targets) {
          const functionId = referencedId(target.Arn);
          if (functionId && typeof p.ScheduleExpression === 'string') {
            topology.schedules.push({ logicalId: id, functionId, rateSeconds: rateSeconds(p.ScheduleExpression) });
          }
        }
        break;
      }
      case 'AWS::CloudFront::Function':
        if (typeof p.FunctionCode === 'string') topology.siteViewerRequest = p.FunctionCode;
        break;
      case 'AWS::CloudFront::ResponseHeadersPolicy':
        topology.siteHeaders = responseHeaders((p.ResponseHeadersPolicyConfig as HeadersPolicyConfig) ?? {});
        break;
      case 'Custom::CDKBucketDeployment': {
        // Served from the asset folders directly, as the bucket would serve what this uploads.
        const keys = ((p.SourceObjectKeys as unknown[]) ?? []).filter((key): key is string => typeof key === 'string');
        topology.sites.push({ logicalId: id, assetDirs: keys.map((key) => `asset.${key.replace(/\.zip$/, '')}`) });
        break;
      }
      default:
        if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource') {
          const functionId = referencedId(p.ServiceToken);
          if (functionId) {
            const { ServiceToken: _token, ...properties } = p;
            topology.customResources.push({ logicalId: id, type: resource.Type, functionId, properties });
          }
        }
    }
  }

  for (const fn of topology.functions) {
    const roleId = roleOfFunction.get(fn.logicalId);
    fn.policy = roleId ? (statementsOfRole.get(roleId) ?? []) : [];
  }

  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const p = resource.Properties ?? {};
    const integrationId = referencedId(p.Target);
    const functionId = integrationId ? integrations.get(integrationId) : undefined;
    if (!functionId) continue;
    const authorizerId = p.AuthorizationType === 'CUSTOM' ? referencedId(p.AuthorizerId) : undefined;
    topology.routes.push({
      routeKey: String(p.RouteKey),
      functionId,
      authorizer: authorizerId ? authorizers.get(authorizerId) : undefined,
    });
  }
  return topology;
}
