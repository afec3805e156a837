import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Budget, parseBudget } from '../shared/domain/rate-budget';
import { runCustomResources } from './custom-resources';
import { DemoClock } from './demo-clock';
import { accessKeyFor, DynamoGate } from './dynamodb-gate/gate';
import { FunctionPolicy } from './dynamodb-gate/iam-policy';
import type { UnitsListener } from './dynamodb-gate/meter';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type RunningDynamo,
  SetupError,
  startDynamoDbLocal,
} from './emulators/dynamodb-local';
import { type RunningFauxqs, startFauxqs } from './emulators/fauxqs';
import { portInUse } from './emulators/free-port';
import { startApiServer } from './http/api-server';
import { EDGE_DEFAULTS } from './http/edge-guard';
import { InternalEndpoints } from './http/internal-endpoints';
import { StaticSite } from './http/static-site';
import { functionEnvironment } from './lambda/function-environment';
import { FunctionPool } from './lambda/function-pool';
import { LocalResources } from './provision/local-resources';
import { SecretVault } from './provision/secret-vault';
import { EventSources } from './sources/event-sources';
import { ensureAssembly } from './template/cloud-assembly';
import { resolveValue } from './template/intrinsics';
import {
  type CloudFormationTemplate,
  type PolicyStatementSpec,
  readTopology,
  type Topology,
} from './template/topology';
import type { LocalTls } from './tls/local-authority';

export interface RuntimeOptions {
  /** Where data lives between starts; undefined keeps everything in memory (tests). */
  dataDir: string | undefined;
  port: number;
  host: string;
  assemblyDir: string;
  stackName: string;
  app?: string;
  sources: string[];
  /** See AssemblyOptions.fingerprint. */
  fingerprint?: string;
  siteDir?: string;
  /** Serve the HTTP API (npm start) or only run the engines and functions (npm run invoke). */
  serveApi: boolean;
  /** The functions' clock (shared/commons/clock.ts): the demo clock, see local/demo-clock.ts. Default: the real time. */
  clock?: DemoClock;
  /** Serve the venue's network over HTTPS too (local/http/lan-gateway.ts). */
  lan?: { tls: LocalTls; httpsPort: number };
  /** Use the engines of a runtime already running on this data folder instead of starting them. */
  attachTo?: { dynamodb: string; sqs: string };
  startEventSources: boolean;
  /**
   * Check every function's DynamoDB calls against the policy the template gives its role, refusing
   * as AWS would (local/dynamodb-gate/). `amendPolicy` changes a function's statements
   * first: the test that proves one grant less fails.
   */
  checkIam?: boolean | { amendPolicy: (functionName: string, policy: PolicyStatementSpec[]) => PolicyStatementSpec[] };
  /** Raise DynamoDB's transaction conflicts when two transactions overlap on an item (local/dynamodb-gate/). */
  transactionConflicts?: boolean;
  /** Refuse a partition's traffic past DynamoDB's per-partition limits, as the service throttles it. */
  partitionLimits?: boolean;
  /** Told what each function's every DynamoDB request consumed (the bench; local/dynamodb-gate/meter.ts). */
  meterDynamo?: UnitsListener;
  /**
   * Stretches every function's timeout (tests sharing the machine with another lane). On Lambda each
   * of 300 simultaneous invocations has a sandbox and its CPU; here they share one thread and the
   * cores with the other lane, so the template's 10 s measures this machine's crowding, not the code.
   */
  functionTimeoutScale?: number;
  /**
   * The network's budget per credential in place of the stack's (`CREDENTIAL_BUDGET`): a test that must
   * outrun it with the requests a loaded machine still answers (one address has 16 in flight).
   */
  credentialBudget?: Budget;
  log: (line: string) => void;
}

/**
 * The whole stack on this machine: the synthesized template read, DynamoDB Local and the SQS/SNS
 * emulator started, the template's resources created on them, each function in its own sandbox,
 * the HTTP API, the event source mappings and the schedules running with AWS's semantics.
 */
export class LocalRuntime {
  ready = false;
  private readonly stoppers: (() => Promise<void>)[] = [];
  template!: CloudFormationTemplate;
  topology!: Topology;
  resources!: LocalResources;
  pool!: FunctionPool;
  private engines: { dynamodb: RunningDynamo; sqs: RunningFauxqs } | undefined;
  private internal: InternalEndpoints | undefined;
  /** Where the engines listen (loopback). */
  endpoints!: { dynamodb: string; sqs: string };
  vault!: SecretVault;
  servers: Server[] = [];
  /** With `checkIam`, `transactionConflicts`, `partitionLimits` or a data folder: what it refused, and how often. */
  dynamoGate: DynamoGate | undefined;
  private eventSources: EventSources | undefined;

  readonly clock: DemoClock;

  /**
   * The budget the stack gives its authorizer (`CREDENTIAL_BUDGET`). On AWS each authorizer instance
   * keeps it for itself; here the server keeps it once for all, exactly, for requests from the network.
   */
  private credentialBudget(): Budget | undefined {
    if (this.options.credentialBudget) return this.options.credentialBudget;
    const authorizerIds = new Set(this.topology.routes.flatMap((route) => route.authorizer?.functionId ?? []));
    const authorizer = this.topology.functions.find((fn) => authorizerIds.has(fn.logicalId));
    const value = authorizer?.environment.CREDENTIAL_BUDGET;
    return typeof value === 'string' ? parseBudget(value) : undefined;
  }

  private constructor(readonly options: RuntimeOptions) {
    this.clock = options.clock ?? DemoClock.offset(0);
  }

  static async start(options: RuntimeOptions): Promise<LocalRuntime> {
    const runtime = new LocalRuntime(options);
    try {
      await runtime.boot();
    } catch (error) {
      await runtime.stop();
      throw error;
    }
    return runtime;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /**
   * Whether the stream consumer named `functionName` has finished everything written to its stream
   * before `since` (ms since the epoch): how a test waits for "everything so far counted" without a pause.
   */
  streamCaughtUpSince(functionName: string, since: number): boolean {
    const fn = this.topology.functions.find((spec) => spec.name === functionName);
    return fn && this.eventSources ? this.eventSources.streamCaughtUpSince(fn.logicalId, since) : false;
  }

  /** The pages' folder: the asset the stack's BucketDeployment uploads (the one with an index.html). */
  pagesDir(): string | undefined {
    for (const site of this.topology.sites) {
      for (const dir of site.assetDirs) {
        const candidate = path.join(this.options.assemblyDir, dir);
        if (existsSync(path.join(candidate, 'index.html'))) return candidate;
      }
    }
    return undefined;
  }

  private dataPath(...parts: string[]): string | undefined {
    return this.options.dataDir ? path.join(this.options.dataDir, ...parts) : undefined;
  }

  /** DynamoDB Local and the SQS/SNS emulator, side by side; each stopped with the runtime once up. */
  private async startEngines(): Promise<NonNullable<LocalRuntime['engines']>> {
    this.options.log('starting DynamoDB Local and the SQS/SNS emulator...');
    const started = <T extends { process: { stop(): Promise<void> } }>(engine: T): T => {
      this.stoppers.push(() => engine.process.stop());
      return engine;
    };
    // Both settle before either failure is thrown, so that the runtime's stop finds each that came up.
    const [dynamodb, sqs] = await Promise.allSettled([
      startDynamoDbLocal(this.dataPath('dynamodb')).then(started),
      startFauxqs(this.dataPath('sqs')).then(started),
    ]);
    if (dynamodb.status === 'rejected') throw dynamodb.reason;
    if (sqs.status === 'rejected') throw sqs.reason;
    this.engines = { dynamodb: dynamodb.value, sqs: sqs.value };
    return this.engines;
  }

  private async boot(): Promise<void> {
    const { options } = this;
    if (options.serveApi && (await portInUse(options.port))) {
      throw new SetupError(
        `port ${options.port} is in use: stop what uses it, or start on another with PORT=3001 npm start`,
      );
    }
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    // The engines start while the stack synthesizes (a fresh clone's first start waits on both): their
    // stoppers are registered as each comes up, so a failed synthesis stops what already started.
    const [assembly, engines] = await Promise.allSettled([
      ensureAssembly({
        outdir: options.assemblyDir,
        stackName: options.stackName,
        app: options.app,
        sources: options.sources,
        ...(options.fingerprint !== undefined ? { fingerprint: options.fingerprint } : {}),
        log: options.log,
      }),
      options.attachTo
        ? Promise.resolve({ dynamodb: options.attachTo.dynamodb, sqs: options.attachTo.sqs })
        : this.startEngines().then(({ dynamodb, sqs }) => ({ dynamodb: dynamodb.endpoint, sqs: sqs.endpoint })),
    ]);
    if (assembly.status === 'rejected') throw assembly.reason;
    if (engines.status === 'rejected') throw engines.reason;
    this.template = assembly.value;
    this.topology = readTopology(this.template);
    this.endpoints = engines.value;
    const dynamo = { endpoint: this.endpoints.dynamodb };
    const fauxqs = { endpoint: this.endpoints.sqs };

    this.vault = new SecretVault(this.dataPath('secrets.json'));
    const internal = new InternalEndpoints(this.vault);
    this.internal = internal;
    await internal.start();
    this.stoppers.push(() => internal.stop());

    const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const dynamoClient = new DynamoDBClient({ ...clientConfig, endpoint: dynamo.endpoint });
    const sqs = new SQSClient({ ...clientConfig, endpoint: fauxqs.endpoint });
    const sns = new SNSClient({ ...clientConfig, endpoint: fauxqs.endpoint });
    const streams = new DynamoDBStreamsClient({ ...clientConfig, endpoint: dynamo.endpoint });
    this.resources = new LocalResources(this.topology, dynamoClient, sqs, sns, this.vault, fauxqs.endpoint);
    await this.resources.provision();

    // A data folder must survive a power cut: its writes are answered once committed (see the gate).
    const gate =
      options.checkIam ||
      options.transactionConflicts ||
      options.partitionLimits ||
      options.meterDynamo ||
      options.dataDir
        ? await this.startDynamoGate(dynamo.endpoint)
        : undefined;
    const endpoints = { dynamodb: gate?.endpoint ?? dynamo.endpoint, sqs: fauxqs.endpoint, secrets: internal.endpoint };
    const timeoutScale = options.functionTimeoutScale ?? 1;
    const functions = this.topology.functions.map((spec) => ({
      ...spec,
      timeoutSeconds: spec.timeoutSeconds * timeoutScale,
    }));
    this.pool = new FunctionPool(functions, {
      assemblyDir: options.assemblyDir,
      clock: this.clock.buffer,
      environmentFor: (spec) =>
        functionEnvironment(spec, this.resources, endpoints, gate ? accessKeyFor(spec.logicalId) : undefined),
      log: (name, line) => options.log(`${name.padEnd(20)} | ${line}`),
    });
    this.stoppers.push(() => this.pool.stop());

    if (options.serveApi) {
      const siteDir = options.siteDir ?? this.pagesDir();
      const siteHeaders = Object.fromEntries(
        Object.entries(this.topology.siteHeaders).map(([name, value]) => [name, resolveValue(value, this.resources)]),
      );
      const site = siteDir ? new StaticSite(siteDir, siteHeaders, this.topology.siteViewerRequest) : undefined;
      this.servers = await startApiServer({
        port: options.port,
        host: options.host,
        routes: this.topology.routes,
        pool: this.pool,
        isReady: () => this.ready,
        site: site?.available ? site : undefined,
        log: options.log,
        ...(options.lan ? { lan: options.lan } : {}),
        edge: { ...EDGE_DEFAULTS, credentialBudget: this.credentialBudget() },
      });
      for (const server of this.servers) {
        this.stoppers.push(
          () =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        );
      }
    }

    await runCustomResources(
      this.topology.customResources,
      this.pool,
      this.resources,
      internal,
      this.dataPath('custom-resources.json'),
      options.log,
    );
    if (options.startEventSources) this.startEventSources(sqs, streams);
    this.ready = true;
    // Each function's sandbox starts at its first invocation, as on Lambda; the rest start meanwhile,
    // one at a time, so that a bundle that cannot load is said now rather than at its first request.
    void this.pool.warmUp((name, error) =>
      options.log(`${name.padEnd(20)} | could not load its bundle (its requests will fail): ${error.message}`),
    );
  }

  private async startDynamoGate(target: string): Promise<DynamoGate> {
    const { checkIam } = this.options;
    const amend = typeof checkIam === 'object' ? checkIam.amendPolicy : undefined;
    const policies = checkIam
      ? new Map(
          this.topology.functions.map((spec) => [
            accessKeyFor(spec.logicalId),
            {
              functionName: spec.name,
              policy: FunctionPolicy.resolve(amend ? amend(spec.name, spec.policy) : spec.policy, this.resources),
            },
          ]),
        )
      : undefined;
    const byName = new Map(this.topology.tables.map((table) => [this.resources.tableName(table.logicalId), table]));
    const gate = new DynamoGate({
      target,
      tables: {
        arnOf: (name) => {
          const table = byName.get(name);
          return table ? this.resources.getAtt(table.logicalId, 'Arn') : undefined;
        },
        // The partition key first, then the sort key.
        keyOf: (name) =>
          [...(byName.get(name)?.keySchema ?? [])]
            .sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0))
            .map((key) => key.AttributeName),
        indexesOf: (name) =>
          (byName.get(name)?.globalSecondaryIndexes ?? []).map((index) => ({
            keys: index.KeySchema.map((key) => key.AttributeName),
            projection: index.Projection.ProjectionType ?? 'ALL',
            nonKey: index.Projection.NonKeyAttributes ?? [],
          })),
      },
      ...(policies ? { policies } : {}),
      conflicts: this.options.transactionConflicts === true,
      throttles: this.options.partitionLimits === true,
      durable: this.options.dataDir !== undefined,
      functionNames: new Map(this.topology.functions.map((spec) => [accessKeyFor(spec.logicalId), spec.name])),
      ...(this.options.meterDynamo ? { meter: this.options.meterDynamo } : {}),
      log: this.options.log,
    });
    await gate.start();
    this.dynamoGate = gate;
    this.stoppers.push(() => gate.stop());
    return gate;
  }

  private startEventSources(sqs: SQSClient, streams: DynamoDBStreamsClient): void {
    const sources = new EventSources({
      topology: this.topology,
      resources: this.resources,
      pool: this.pool,
      sqs,
      streams,
      clock: this.clock,
      checkpointsPath: this.dataPath('stream-checkpoints.json'),
      log: this.options.log,
      runSchedule: (functionId) => this.runSchedule(functionId),
    });
    sources.start();
    this.eventSources = sources;
    this.stoppers.push(() => sources.stop());
  }

  /**
   * Stops an emulator and starts it again on the same port and data (a fault the reliability tests
   * inject): functions and pollers see errors meanwhile and must retry, not lose or double anything.
   */
  async restartEngine(engine: 'dynamodb' | 'sqs', downMs: number): Promise<void> {
    if (!this.engines) throw new Error('this runtime is attached to engines it did not start');
    const port = Number(new URL(this.endpoints[engine]).port);
    await this.engines[engine].process.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    if (engine === 'dynamodb') this.engines.dynamodb = await startDynamoDbLocal(this.dataPath('dynamodb'), port);
    else this.engines.sqs = await startFauxqs(this.dataPath('sqs'), port);
  }

  /**
   * What a `cdk deploy` of a changed stack does to the data: every custom resource runs again as an
   * Update (the seed among them), on the tables as they are.
   */
  async redeploy(): Promise<void> {
    if (!this.internal) throw new Error('the runtime has not started');
    await runCustomResources(
      this.topology.customResources,
      this.pool,
      this.resources,
      this.internal,
      undefined,
      () => {},
      {
        asUpdate: true,
      },
    );
  }

  /** Invokes a scheduled function now, with the event EventBridge sends. */
  runSchedule(functionId: string): Promise<unknown> {
    return this.pool.invoke(functionId, {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date(this.clock.now()).toISOString(),
      region: LOCAL_REGION,
      resources: [],
      detail: {},
    });
  }

  /** A template output, resolved against the local resources (the first organiser's secret ARN...). */
  output(name: string): string | undefined {
    const outputs = (this.template as { Outputs?: Record<string, { Value: unknown }> }).Outputs ?? {};
    const output = outputs[name];
    return output ? resolveValue(output.Value, this.resources) : undefined;
  }

  async stop(): Promise<void> {
    this.ready = false;
    for (const stop of this.stoppers.reverse()) await stop().catch(() => undefined);
    this.stoppers.length = 0;
  }
}
