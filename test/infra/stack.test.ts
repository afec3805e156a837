import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type App, DefaultStackSynthesizer, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { type CfnRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_THROTTLE, CREDENTIAL_BUDGET, GATE_THROTTLE } from '../../infra/constructs/http-api';
import { prettyUrls, rootFiles } from '../../infra/constructs/pages-site';
import { checkedEnvironment, RawaqFunction } from '../../infra/constructs/rawaq-function';
import { DEFAULT_GATE_CONCURRENCY } from '../../infra/features/tickets-and-scans';
import { RawaqStack } from '../../infra/rawaq-stack';
import { FUNCTION_RESOURCES, type FunctionName } from '../../shared/commons/function-resources';
import { OPERATIONS, routeKeyOf } from '../../shared/contract/operations';
import { DEMO_FAIR_FILE, stackNameFor } from '../../shared/fair/fair-file';
import { PAGES } from '../../web/pages';
import { removeScratch, scratchApp, scratchFolder } from '../support/scratch';

afterAll(removeScratch);

/** Bundling is skipped here (asset hashes only); `npm start` and the integration tests bundle for real. */
function build(): { app: App; stack: RawaqStack } {
  const app = scratchApp({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new RawaqStack(app, 'Rawaq', { env: { account: '123456789012', region: 'eu-west-3' } });
  return { app, stack };
}

/** Our functions, not CDK's own helper (the BucketDeployment's Python uploader). */
/** Every statement of the policies attached to a role (by its logical id). */
function statementsOf(template: Template, role: string): Record<string, unknown>[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
}

function ownFunctions(template: Template) {
  const functions = template.findResources('AWS::Lambda::Function');
  return Object.fromEntries(Object.entries(functions).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment')));
}

describe('the Rawaq stack', () => {
  let template: Template;
  let built: ReturnType<typeof build>;
  beforeAll(() => {
    built = build();
    template = Template.fromStack(built.stack);
  });

  it("puts on the API the contract's routes, no more and no fewer, each to the function the contract names", () => {
    const functionOf = new Map(
      built.stack.node
        .findAll()
        .filter((construct): construct is RawaqFunction => construct instanceof RawaqFunction)
        .map((fn) => [built.stack.getLogicalId(fn.node.defaultChild as CfnFunction), fn.rawaqName]),
    );
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const served = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((route) => {
        const integration = integrations[String(route.Properties.Target['Fn::Join'][1][1].Ref)];
        const target = integration?.Properties.IntegrationUri['Fn::GetAtt'][0];
        return `${route.Properties.RouteKey} -> ${functionOf.get(target)}`;
      })
      .sort();
    const contract = OPERATIONS.map((operation) => `${routeKeyOf(operation)} -> ${operation.fn}`).sort();
    expect(contract.length).toBeGreaterThan(70);
    expect(served).toEqual(contract);
  });

  it('refuses to synthesize a stack missing a function the contract routes to', () => {
    OPERATIONS.push({ method: 'get', path: '/v1/nowhere', fn: 'nowhere', summary: 'x', who: 'organiser', answers: {} });
    try {
      const { app } = build();
      expect(() => app.synth()).toThrow(/GET \/v1\/nowhere: the contract gives it to functions\/nowhere/);
    } finally {
      OPERATIONS.pop();
    }
  });

  it('makes every table on-demand, with point-in-time recovery and a TTL attribute', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables).length).toBeGreaterThanOrEqual(3);
    for (const table of Object.values(tables)) {
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('streams both images of the zones table, which the alert evaluator reads', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'zoneId', KeyType: 'HASH' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('runs every function on Node 24, arm64, with source maps and a log group kept a month', () => {
    const functions = ownFunctions(template);
    expect(Object.keys(functions).length).toBeGreaterThan(25);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it("puts the authorizer, uncached, on every route but health, the public keys, the API document, the public status screen, a booth's poster page, a visitor's registration from it and the gate path", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerResultTtlInSeconds: 0,
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    const publicRoutes = routes.filter((route) => route.Properties.AuthorizationType === 'NONE');
    expect(publicRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      expect.arrayContaining(['GET /v1/health']),
    );
    expect(publicRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual([
      'GET /v1/booths/{boothId}/poster',
      'GET /v1/health',
      'GET /v1/keys',
      'GET /v1/openapi.json',
      'GET /v1/status',
      'POST /v1/booths/{boothId}/footfall',
      'POST /v1/booths/{boothId}/interest',
      'POST /v1/gates/{gateId}/counts',
      'POST /v1/gates/{gateId}/counts/batch',
      'POST /v1/scans',
      'POST /v1/scans/batch',
      'POST /v1/self-registrations',
      'POST /v1/workshops/{workshopId}/admissions',
      'POST /v1/workshops/{workshopId}/exits',
    ]);
    for (const route of routes.filter((r) => r.Properties.AuthorizationType !== 'NONE')) {
      expect(route.Properties.AuthorizationType).toBe('CUSTOM');
    }
  });

  it('throttles every route, the gate routes apart and higher, and logs access', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: { DestinationArn: Match.anyValue() },
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual([
      'POST /v1/booths/{boothId}/footfall',
      'POST /v1/gates/{gateId}/counts',
      'POST /v1/gates/{gateId}/counts/batch',
      'POST /v1/scans',
      'POST /v1/scans/batch',
      'POST /v1/workshops/{workshopId}/admissions',
      'POST /v1/workshops/{workshopId}/exits',
    ]);
    for (const route of Object.values(settings)) expect(route.ThrottlingRateLimit).toBe(GATE_THROTTLE.rateLimit);
    // Every other route together stays under the account's 10,000 requests a second.
    const routes = Object.keys(template.findResources('AWS::ApiGatewayV2::Route')).length;
    expect((routes - Object.keys(settings).length) * API_THROTTLE.rateLimit).toBeLessThan(10_000);
  });

  it('refuses a request without an Authorization header before any function runs, and budgets each credential', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 0,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CREDENTIAL_BUDGET: CREDENTIAL_BUDGET }) },
    });
  });

  it('keeps concurrency aside for the gate scans', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'rawaq-scan' }) },
      ReservedConcurrentExecutions: DEFAULT_GATE_CONCURRENCY,
    });
  });

  it('grants the authorizer nothing but reading a credential and noting its use, on the credentials table', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const authorizerPolicy = Object.entries(policies).find(([id]) => id.startsWith('AuthorizerServiceRole'));
    expect(authorizerPolicy).toBeDefined();
    const statements = authorizerPolicy?.[1].Properties.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
    }[];
    expect(statements.flatMap((s) => s.Action)).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    for (const statement of statements) expect(JSON.stringify(statement.Resource)).toContain('TablesCredentials');
  });

  it('lets exactly the gate path functions authenticate themselves: the budget, and reading the credentials', () => {
    const readsCredentials = (role: string) =>
      statementsOf(template, role).some(
        (statement) =>
          [statement.Action].flat().includes('dynamodb:BatchGetItem') &&
          JSON.stringify(statement.Resource).includes('TablesCredentials'),
      );
    const authenticating = Object.values(ownFunctions(template))
      .filter((fn) => {
        const variables = fn.Properties.Environment.Variables as Record<string, string>;
        return variables.CREDENTIAL_BUDGET !== undefined && variables.CREDENTIALS_TABLE !== undefined;
      })
      .map((fn) => ({
        name: String((fn.Properties.Environment.Variables as Record<string, string>).POWERTOOLS_SERVICE_NAME),
        reads: readsCredentials(fn.Properties.Role['Fn::GetAtt'][0]),
      }));
    expect(authenticating.map((fn) => fn.name).sort()).toEqual([
      'rawaq-authorizer',
      'rawaq-footfall-ingest',
      'rawaq-scan',
      'rawaq-walk-ins',
      'rawaq-workshop-door',
    ]);
    expect(authenticating.filter((fn) => fn.name !== 'rawaq-authorizer').every((fn) => fn.reads)).toBe(true);
  });

  it('keeps secrets out of the template: generated by Secrets Manager', () => {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets.length).toBe(3);
    for (const secret of secrets) {
      expect(secret.Properties.GenerateSecretString).toBeDefined();
      expect(secret.Properties.SecretString).toBeUndefined();
    }
    expect(JSON.stringify(template.toJSON())).not.toMatch(/rwq_[A-Za-z0-9_-]{20,}/);
  });

  it('encrypts every queue and topic and refuses plain HTTP to them', () => {
    for (const queue of Object.values(template.findResources('AWS::SQS::Queue'))) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
    for (const topic of Object.values(template.findResources('AWS::SNS::Topic'))) {
      expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    }
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('stays under CloudFormation’s 500 resources a stack, with room for what comes next', () => {
    const count = Object.keys(template.toJSON().Resources).length;
    expect(count).toBeLessThanOrEqual(470);
    // API Gateway may invoke each function once granted, for this API only: not one grant a route.
    const grants = Object.values(template.findResources('AWS::Lambda::Permission')).filter(
      (permission) => permission.Properties.Principal === 'apigateway.amazonaws.com',
    );
    const granted = grants.map((grant) => JSON.stringify(grant.Properties.FunctionName));
    expect(new Set(granted).size).toBe(granted.length);
    // Each names this API: its routes, or (the authorizer's) its authorizers.
    for (const grant of grants)
      expect(JSON.stringify(grant.Properties.SourceArn)).toMatch(
        /"Ref":"HttpApi[0-9A-F]+"\},"(\/\*\/\*\/\*"|\/authorizers\/")/,
      );
  });

  it('lets only the seed and the ticket signers write the public keys item', () => {
    const functions = ownFunctions(template);
    const roleOf = (fn: { Properties: { Role: { 'Fn::GetAtt': string[] } } }) =>
      fn.Properties.Role['Fn::GetAtt'][0] ?? '';
    const denied = (role: string) =>
      statementsOf(template, role).some(
        (statement) =>
          statement.Effect === 'Deny' &&
          JSON.stringify(statement.Condition) ===
            JSON.stringify({ 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['KEYS'] } }) &&
          (statement.Action as string[]).includes('dynamodb:PutItem') &&
          (statement.Action as string[]).includes('dynamodb:UpdateItem'),
      );
    // Which functions may write to the fair table at all, from their allowed actions.
    const fairTable = Object.keys(template.findResources('AWS::DynamoDB::Table')).find((id) => id.includes('Fair'));
    const writesFair = (role: string) =>
      statementsOf(template, role).some(
        (statement) =>
          statement.Effect === 'Allow' &&
          [statement.Action]
            .flat()
            .some((action) => /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/.test(String(action))) &&
          JSON.stringify(statement.Resource).includes(`"${fairTable}"`),
      );
    const name = (fn: unknown) =>
      (fn as { Properties: { Environment?: { Variables?: Record<string, string> } } }).Properties.Environment?.Variables
        ?.POWERTOOLS_SERVICE_NAME;
    const writers = Object.values(functions).filter((fn) => writesFair(roleOf(fn as never)));
    expect(writers.length).toBeGreaterThan(5);
    const publishers = writers
      .filter((fn) => !denied(roleOf(fn as never)))
      .map(name)
      .sort();
    expect(publishers).toEqual(['rawaq-get-ticket', 'rawaq-issue-tickets', 'rawaq-seed']);
  });

  it('lets the functions that take typed short codes count their misses, and the escalation read them', () => {
    const functions = ownFunctions(template);
    const fairTable = Object.keys(template.findResources('AWS::DynamoDB::Table')).find((id) => id.includes('Fair'));
    const allowedOnFair = (service: string) => {
      const fn = Object.values(functions).find(
        (candidate) => candidate.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service,
      );
      const role = fn?.Properties.Role['Fn::GetAtt'][0];
      return statementsOf(template, role)
        .filter(
          (statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Resource).includes(`"${fairTable}"`),
        )
        .flatMap((statement) => [statement.Action].flat());
    };
    for (const service of [
      'rawaq-scan',
      'rawaq-workshop-door',
      'rawaq-workshop-registrations',
      'rawaq-footfall-ingest',
    ])
      expect(allowedOnFair(service)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:UpdateItem']));
    // The devices' reports and the runs of misses are queried by the every-minute escalation.
    expect(allowedOnFair('rawaq-escalate')).toContain('dynamodb:Query');
    expect(allowedOnFair('rawaq-get-fair')).not.toContain('dynamodb:UpdateItem');
  });

  it('alarms on every function error and throttle, and on every dead-letter queue', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const functions = Object.keys(ownFunctions(template));
    // One alarm a function adds its errors and throttles up (metric math): the metrics it reads.
    const watched = (metric: string) =>
      alarms.flatMap((alarm) =>
        (
          (alarm.Properties.Metrics ?? []) as {
            MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: { Ref: string } }[] } };
          }[]
        )
          .filter((entry) => entry.MetricStat?.Metric.MetricName === metric)
          .map((entry) => entry.MetricStat?.Metric.Dimensions[0]?.Value.Ref),
      );
    // The seed runs once per deploy; CloudFormation reports its failure.
    for (const fn of functions.filter((id) => !id.startsWith('FairSeed'))) {
      expect(watched('Errors')).toContain(fn);
      expect(watched('Throttles')).toContain(fn);
    }
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    const deadLetterQueues = queues.filter((id) => /DeadLetters|StreamFailures/.test(id));
    expect(deadLetterQueues.length).toBeGreaterThan(0);
    const watchedQueues = alarms
      .filter((alarm) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((alarm) => alarm.Properties.Dimensions[0].Value['Fn::GetAtt'][0]);
    for (const queue of deadLetterQueues) expect(watchedQueues).toContain(queue);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });

  it('serves the pages from a private bucket behind CloudFront, and the API under the same origin, the only host the CSP lets them call', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0];
    const config = distribution?.Properties.DistributionConfig;
    // Two origins: the bucket (origin access control) and the API's own host.
    expect(config.Origins).toHaveLength(2);
    const apiOrigin = config.Origins.find((origin: { CustomOriginConfig?: unknown }) => origin.CustomOriginConfig);
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/HttpApi.*execute-api/);
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    // `/v1/*`: HTTPS only (no redirect that would carry a credential in clear), every method, never
    // cached, every viewer header but Host passed on (with caching off, Authorization among them).
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(config.CacheBehaviors[0]).toMatchObject({
      PathPattern: '/v1/*',
      TargetOriginId: apiOrigin.Id,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
    });
    const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0];
    const csp: string =
      policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'"); // WebAssembly only, never eval
    // The pages may call their own origin only: no other API Gateway host of the Region, no wildcard.
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/execute-api|\*/);
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    // config.json names no other host: the API is on the pages' origin, as with npm start.
    expect(JSON.stringify(deployments.map((d) => d.Properties.SourceMarkers))).not.toContain('HttpApi');
    // No CORS: no other site's page may call the API from a browser.
    const api = Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0];
    expect(api?.Properties.CorsConfiguration).toBeUndefined();
  });

  it("rewrites the pages' short addresses at the edge as npm start does (/gate -> /gate.html), and sends any other home", () => {
    const handler = new Function(`${prettyUrls()}; return handler;`)() as (event: { request: { uri: string } }) => {
      uri?: string;
      statusCode?: number;
      headers?: Record<string, { value: string }>;
    };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/gate')).toBe('/gate.html');
    expect(rewrite('/dashboard/')).toBe('/dashboard.html');
    expect(rewrite('/')).toBe('/');
    expect(rewrite('/assets/gate-1a2b.js')).toBe('/assets/gate-1a2b.js');
    for (const file of ['config.json', 'sw.js', 'openapi.json', 'manifest.webmanifest', 'gate.html'])
      expect(rewrite(`/${file}`)).toBe(`/${file}`);
    for (const uri of ['/gates', '/supervise', '/gate/extra', '/constructor', '/gate.htm', '/favicon.ico', '/.env']) {
      const answer = handler({ request: { uri } });
      expect(answer.statusCode, uri).toBe(302);
      expect(answer.headers?.location?.value).toBe(`/?nopage=${encodeURIComponent(uri)}`);
    }
    // Every page built is one the edge knows, and only those.
    const built = readdirSync('web').filter((name) => name.endsWith('.html'));
    expect(PAGES.map((page) => `${page}.html`).sort()).toEqual(built.sort());
    expect(rootFiles()).toEqual(expect.arrayContaining([...built, ...readdirSync('web/public')]));
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: prettyUrls() });
  });

  it("loads the fair's file through a custom resource backed by the seed function, which bundles the file", () => {
    template.hasResource('Custom::RawaqSeed', {
      Properties: {
        ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FairSeed'), 'Arn'] },
        // The file's hash: a changed file re-runs the seed on the next deploy.
        fairVersion: Match.stringLikeRegexp('^[0-9a-f]{16}$'),
      },
    });
  });

  it('deploys two fairs side by side in one account: a stack each, no resource named by hand', () => {
    const file = path.join(scratchFolder('rawaq-fair-'), 'fair.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(DEMO_FAIR_FILE, 'utf8')), fairId: 'nador-2027' }));
    const app = scratchApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const env = { account: '123456789012', region: 'eu-west-3' };
    const stacks = [DEMO_FAIR_FILE, file].map((fairFile) => {
      const fairId = JSON.parse(readFileSync(fairFile, 'utf8')).fairId as string;
      return new RawaqStack(app, stackNameFor(fairId), { env, fairFile });
    });
    expect(stacks.map((stack) => stack.stackName)).toEqual(['Rawaq-oujda-ess-2027', 'Rawaq-nador-2027']);
    // A name in the template is the resource's name in the account: the two stacks must share none
    // (names that live inside one of the stack's own resources, an authorizer of its API, cannot collide).
    const physicalNames =
      /^(TableName|QueueName|TopicName|FunctionName|Name|BucketName|LogGroupName|AlarmName|RoleName)$/;
    const scoped = ['AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Route'];
    const namesOf = (stack: RawaqStack) => {
      const resources = Template.fromStack(stack).toJSON().Resources as Record<
        string,
        { Type: string; Properties?: Record<string, unknown> }
      >;
      return Object.values(resources)
        .filter((resource) => !scoped.includes(resource.Type))
        .flatMap((resource) =>
          Object.entries(resource.Properties ?? {})
            .filter(([key, value]) => physicalNames.test(key) && typeof value === 'string')
            .map(([, value]) => `${resource.Type} ${String(value)}`),
        );
    };
    const [first, second] = stacks.map(namesOf) as [string[], string[]];
    expect(first.filter((name) => second.includes(name))).toEqual([]);
  });

  it('refuses to synthesize a fair whose file is not valid, naming every problem', () => {
    const file = path.join(scratchFolder('rawaq-fair-'), 'fair.json');
    const broken = JSON.parse(readFileSync(DEMO_FAIR_FILE, 'utf8'));
    broken.zones[1].capacity = 0;
    broken.gates[0].zoneId = 'nowhere';
    writeFileSync(file, JSON.stringify(broken));
    expect(
      () => new RawaqStack(scratchApp({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Broken', { fairFile: file }),
    ).toThrow(/zones\[1\]\.capacity: must be a whole number above 0[\s\S]*gates\[0\]\.zoneId: no zone nowhere/);
  });

  it('indexes only the tickets inside, by day and shard, keeping their presence, and short codes, never a holder name', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'ticketId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byInsideShard',
          KeySchema: [{ AttributeName: 'insideShard', KeyType: 'HASH' }],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: Match.arrayWith(['insideDay', 'counted', 'category', 'version']),
          },
        }),
        Match.objectLike({
          IndexName: 'byShortCode',
          KeySchema: [{ AttributeName: 'shortCode', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
    });
    const tickets = Object.values(template.findResources('AWS::DynamoDB::Table')).find(
      (table) => table.Properties.KeySchema[0].AttributeName === 'ticketId',
    );
    expect(JSON.stringify(tickets?.Properties.GlobalSecondaryIndexes)).not.toMatch(/holderName|attentionNote/);
  });

  it('routes walk-in counts and day closings to their functions, and closes days on a schedule', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey,
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/gates/{gateId}/counts',
        'POST /v1/gates/{gateId}/counts/batch',
        'DELETE /v1/gates/{gateId}/counts/{countId}',
        'POST /v1/days/{day}/close',
        'GET /v1/days/{day}',
      ]),
    );
    const closer = Object.entries(ownFunctions(template)).find(([id]) => id.startsWith('FairDaysSchedule'));
    expect(closer).toBeDefined();
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [closer?.[0], 'Arn'] } })],
    });
  });

  it("lets the workshop door write the scan log, so a room's door counts the room", () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const door = Object.entries(policies).find(([id]) => id.includes('WorkshopDoorServiceRole'))?.[1];
    const statements = door?.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    const scanLogWrite = statements.find(
      (statement) =>
        [statement.Action].flat().includes('dynamodb:PutItem') && JSON.stringify(statement.Resource).includes('Scans'),
    );
    expect(scanLogWrite).toBeDefined();
  });

  it("encrypts the operations topic with a key CloudWatch may use, and lets this account's alarms publish", () => {
    const key = Object.entries(template.findResources('AWS::KMS::Key')).find(([id]) => id.startsWith('Operations'));
    expect(key).toBeDefined();
    expect(key?.[1].Properties.EnableKeyRotation).toBe(true);
    const statements = key?.[1].Properties.KeyPolicy.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
      }),
    );
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Rawaq operations alarms',
      KmsMasterKeyId: { 'Fn::GetAtt': [key?.[0], 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
          }),
        ]),
      },
    });
    // Every alarm notifies that topic.
    const topic = Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('Operations'));
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm')))
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it('protects the data tables from deletion and keeps the secrets that read them with them', () => {
    for (const table of Object.values(template.findResources('AWS::DynamoDB::Table')))
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    for (const [id, secret] of Object.entries(secrets)) {
      if (/TicketSigningKey|WebhookSigningKey/.test(id)) expect(secret.DeletionPolicy, id).toBe('Retain');
    }
    // A throw-away stack (-c rawaq:retainData=false) lets everything go.
    const app = scratchApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const throwAway = Template.fromStack(
      new RawaqStack(app, 'Scratch', { env: { account: '123456789012', region: 'eu-west-3' }, retainData: false }),
    );
    for (const table of Object.values(throwAway.findResources('AWS::DynamoDB::Table')))
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it('reads each table stream with at most two consumers, the scans stream with the projector at once and the gate hours batched', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (mapping) => mapping.Properties.StartingPosition !== undefined,
    );
    const byStream = new Map<string, { fn: string; window: number; tumbling: number }[]>();
    for (const mapping of mappings) {
      const stream = JSON.stringify(mapping.Properties.EventSourceArn);
      const fn = String(mapping.Properties.FunctionName.Ref);
      byStream.set(stream, [
        ...(byStream.get(stream) ?? []),
        {
          fn,
          window: mapping.Properties.MaximumBatchingWindowInSeconds ?? 0,
          tumbling: mapping.Properties.TumblingWindowInSeconds ?? 0,
        },
      ]);
    }
    // DynamoDB Streams: more than two readers of a shard at once are throttled.
    for (const consumers of byStream.values()) expect(consumers.length).toBeLessThanOrEqual(2);
    const scans = [...byStream.values()].find((consumers) =>
      consumers.some(({ fn }) => fn.includes('OccupancyProjector')),
    );
    expect(
      scans?.map(({ fn, window, tumbling }) => ({
        fn: fn.replace(/^.*?(OccupancyProjector|GateHoursCounter).*$/, '$1'),
        window,
        tumbling,
      })),
    ).toEqual(
      expect.arrayContaining([
        // The tumbling windows are for the shard's name in each event (the counters' per-shard marks).
        { fn: 'OccupancyProjector', window: 0, tumbling: 900 },
        { fn: 'GateHoursCounter', window: 5, tumbling: 900 },
      ]),
    );
    expect(scans).toHaveLength(2);
  });

  it('alarms when a stream consumer falls more than a minute behind', () => {
    const ages = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.MetricName === 'IteratorAge',
    );
    const watched = ages.map((alarm) => alarm.Properties.Dimensions[0].Value.Ref as string);
    for (const consumer of [
      'OccupancyProjector',
      'GateHoursCounter',
      'HoldersCounter',
      'ScanLogWriter',
      'AlertEvaluator',
      'WaitlistPromoter',
    ])
      expect(watched.some((id) => id.includes(consumer))).toBe(true);
    for (const alarm of ages) {
      expect(alarm.Properties.Statistic).toBe('Maximum');
      expect(alarm.Properties.Threshold).toBe(60_000);
    }
  });

  it('names the CDK bootstrap resources with the qualifier it is synthesized with', () => {
    const app = scratchApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new RawaqStack(app, 'Qualified', {
      env: { account: '123456789012', region: 'eu-west-3' },
      synthesizer: new DefaultStackSynthesizer({ qualifier: 'oujda27' }),
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
    const policies = JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    expect(policies).toContain('cdk-oujda27-assets');
    expect(policies).not.toContain('hnb659fds');
  });

  it('binds every function to each resource in one call: its variable, and on the tables exactly the actions listed', () => {
    const { stack } = build();
    const built = Template.fromStack(stack);
    const functions = stack.node.findAll().filter((node): node is RawaqFunction => node instanceof RawaqFunction);
    expect(functions.length).toBe(Object.keys(FUNCTION_RESOURCES).length);
    // Read from a table's stream: granted by the event source mapping that feeds the function.
    const streamReads = new Set([
      'dynamodb:ListStreams',
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ]);
    const pairs = (actions: unknown, resources: unknown) =>
      [actions]
        .flat()
        .filter((action) => String(action).startsWith('dynamodb:') && !streamReads.has(String(action)))
        .flatMap((action) => [resources].flat().map((resource) => `${action} ${JSON.stringify(resource)}`));
    let bound = 0;
    for (const fn of functions) {
      const role = stack.getLogicalId(fn.role?.node.defaultChild as CfnRole);
      // Allowed (the public keys' Deny, which protectPublicKeys adds, is asserted on its own below).
      const granted = statementsOf(built, role)
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => pairs(statement.Action, statement.Resource));
      const bindings = fn.bindings.flatMap((binding) => pairs(binding.actions, stack.resolve(binding.resources)));
      expect([...new Set(granted)].sort(), fn.rawaqName).toEqual([...new Set(bindings)].sort());
      // Each resource variable the function is given (a table, a queue, a topic, a secret) comes from a
      // binding, with its grant.
      const variables = Object.keys(
        (built.toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as CfnFunction)].Properties.Environment
          ?.Variables ?? {}) as Record<string, string>,
      ).filter((variable) => /_(TABLE|ARN|URL)$/.test(variable));
      expect(variables.sort(), fn.rawaqName).toEqual(
        [...new Set(fn.bindings.map((binding) => binding.variable))].sort(),
      );
      bound += fn.bindings.length;
    }
    expect(bound).toBeGreaterThan(90);
    // A grant made beside a binding is one the check sees: it fails.
    const { stack: widened } = build();
    const scan = widened.node
      .findAll()
      .find((node): node is RawaqFunction => node instanceof RawaqFunction && node.rawaqName === 'scan');
    scan?.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Scan'], resources: ['*'] }));
    const role = widened.getLogicalId(scan?.role?.node.defaultChild as CfnRole);
    const widenedGrants = statementsOf(Template.fromStack(widened), role).flatMap((statement) =>
      pairs(statement.Action, statement.Resource),
    );
    expect(widenedGrants).toContain('dynamodb:Scan "*"');
    expect(
      scan?.bindings.flatMap((binding) => pairs(binding.actions, widened.resolve(binding.resources))),
    ).not.toContain('dynamodb:Scan "*"');
  });

  it('gives every function exactly the resource variables its code reads, and refuses to synthesize otherwise', () => {
    const functions = Object.values(ownFunctions(template)).filter((fn) =>
      String(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).startsWith('rawaq-'),
    );
    expect(functions.length).toBe(Object.keys(FUNCTION_RESOURCES).length);
    for (const fn of functions) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      const name = String(variables.POWERTOOLS_SERVICE_NAME).replace('rawaq-', '') as FunctionName;
      const given = Object.keys(variables).filter((variable) => /_(TABLE|ARN|URL|BUDGET)$/.test(variable));
      expect(given.sort(), name).toEqual([...FUNCTION_RESOURCES[name]].sort());
    }
    // The check that holds the stack to the list can fail: a variable left out, one too many, an unlisted function.
    const { TICKETS_TABLE: _left, ...withoutTickets } = { FAIR_TABLE: 'f', TICKETS_TABLE: 't' };
    expect(() => checkedEnvironment({ name: 'revoke-ticket', environment: withoutTickets })).toThrow(
      'functions/revoke-ticket: reads TICKETS_TABLE, which the stack does not give it',
    );
    expect(() => checkedEnvironment({ name: 'keys', environment: { FAIR_TABLE: 'f', SCANS_TABLE: 's' } })).toThrow(
      'is given SCANS_TABLE, which it never reads',
    );
    expect(() => checkedEnvironment({ name: 'no-such-function', environment: {} })).toThrow(
      'functions/no-such-function is not in shared/commons/function-resources.ts',
    );
    expect(checkedEnvironment({ name: 'keys', environment: { FAIR_TABLE: 'f' } })).toEqual({ FAIR_TABLE: 'f' });
  });

  it('passes the cdk-nag AwsSolutions pack, each acknowledgement on the resource it concerns', () => {
    // A fresh app: Template.fromStack would synthesize before the plugin is added and hide findings.
    const { app } = build();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('is failed by cdk-nag for a function added without its acknowledgement (the check above can fail)', () => {
    const { app, stack } = build();
    new LambdaFunction(stack, 'Unacknowledged', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => 1;'),
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4.*Unacknowledged|Unacknowledged.*AwsSolutions-IAM4/s);
  });
});
