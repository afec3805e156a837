/**
 * What the local runtime needs to know from the synthesized template: the resources to create on the
 * local engines and the wiring between them. Nothing here is declared by hand: it all comes from the
 * CDK stack, so what runs locally is what deploys.
 */
export interface TableSpec {
  logicalId: string;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  globalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
  }[];
  streamViewType?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  ttlAttribute?: string;
}

export interface QueueSpec {
  logicalId: string;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  redrive?: { deadLetterQueueId: string; maxReceiveCount: number };
}

export interface FunctionSpec {
  logicalId: string;
  /** The construct id, kebab-cased: `get-fair`, `occupancy-projector`. Logs and `npm run invoke` use it. */
  name: string;
  assetPath: string;
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, unknown>;
  /** Its role's policy statements, as the template writes them (unresolved): what IAM lets it do. */
  policy: PolicyStatementSpec[];
}

export interface PolicyStatementSpec {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

interface MappingBase {
  logicalId: string;
  functionId: string;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
}

export interface QueueMappingSpec extends MappingBase {
  kind: 'sqs';
  queueId: string;
}

export interface StreamMappingSpec extends MappingBase {
  kind: 'stream';
  tableId: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  bisectBatchOnError: boolean;
  /** -1: forever (AWS's default, which the stack never uses). */
  maximumRetryAttempts: number;
  maximumRecordAgeSeconds: number;
  /** 0: none. With one, each event names its shard, carries the window and its state, and must answer a state. */
  tumblingWindowSeconds: number;
  onFailureQueueId?: string;
}

export type MappingSpec = QueueMappingSpec | StreamMappingSpec;

export interface RouteSpec {
  routeKey: string;
  functionId: string;
  authorizer?: { functionId: string; resultTtlSeconds: number };
}

export interface CustomResourceSpec {
  logicalId: string;
  type: string;
  functionId: string;
  properties: Record<string, unknown>;
}

export interface ScheduleSpec {
  logicalId: string;
  functionId: string;
  /** `rate(5 minutes)` and the like. */
  rateSeconds: number;
}

export interface Topology {
  tables: TableSpec[];
  queues: QueueSpec[];
  topics: string[];
  secrets: { logicalId: string; length: number }[];
  functions: FunctionSpec[];
  mappings: MappingSpec[];
  routes: RouteSpec[];
  customResources: CustomResourceSpec[];
  schedules: ScheduleSpec[];
  /** Static sites (BucketDeployment): the cloud assembly's asset folders they upload. */
  sites: SiteSpec[];
  /** The headers CloudFront adds to the pages (the site's response headers policy). */
  siteHeaders: SiteHeaders;
  /** The code of the edge function CloudFront runs on each page request (CloudFront Functions). */
  siteViewerRequest?: string;
}

export interface SiteSpec {
  logicalId: string;
  /** Folder names under the cloud assembly (`asset.<hash>`), in the deployment's order. */
  assetDirs: string[];
}

/** A CloudFront response headers policy, as header name -> value (values still to resolve). */
export type SiteHeaders = Record<string, unknown>;
