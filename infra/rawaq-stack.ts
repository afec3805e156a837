import { createHash } from 'node:crypto';
import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { demoFair } from '../shared/fair/demo-fair';
import { CREDENTIAL_ID_INDEX } from '../shared/store/credentials-store';
import { DataTables } from './constructs/data-tables';
import { RawaqHttpApi } from './constructs/http-api';
import { OperationsAlarms } from './constructs/operations-alarms';
import { RawaqFunction } from './constructs/rawaq-function';
import { RawaqSecrets } from './constructs/secrets';

export interface RawaqStackProps extends StackProps {
  /** Keep data when the stack is deleted (the default: a fair's records are evidence). */
  retainData?: boolean;
}

/** Grants exactly these actions on exactly these resources, where CDK's grant helpers give more. */
function allow(fn: IFunction, actions: string[], resources: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
}

/** One fair deployment: tables, queues, topics, functions and the HTTP API that fronts them. */
export class RawaqStack extends Stack {
  constructor(scope: Construct, id: string, props: RawaqStackProps = {}) {
    super(scope, id, props);
    const tables = new DataTables(this, 'Tables', {
      removalPolicy: props.retainData === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    const secrets = new RawaqSecrets(this, 'Secrets');
    const snsKey = Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns');
    const alertTopic = new Topic(this, 'AlertTopic', {
      displayName: 'Rawaq zone alerts',
      enforceSSL: true,
      masterKey: snsKey,
    });
    const operationsTopic = new Topic(this, 'OperationsTopic', {
      displayName: 'Rawaq operations alarms',
      enforceSSL: true,
      masterKey: snsKey,
    });
    const alarms = new OperationsAlarms(this, 'Alarms', operationsTopic);
    const streamFailures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(streamFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'On-failure destination of the stream consumers: it is the dead letter; its depth raises an alarm.',
    });
    alarms.watchDeadLetters('StreamFailures', streamFailures);

    const api = (name: string, fn: RawaqFunction) => {
      alarms.watchFunction(name, fn);
      return fn;
    };

    const authorizer = api(
      'Authorizer',
      new RawaqFunction(this, 'Authorizer', {
        name: 'authorizer',
        description: 'Resolves bearer credentials for the HTTP API',
        environment: { CREDENTIALS_TABLE: tables.credentials.tableName },
      }),
    );
    allow(authorizer, ['dynamodb:GetItem'], [tables.credentials.tableArn]);
    const http = new RawaqHttpApi(this, 'Http', { authorizerFunction: authorizer });

    const health = api('Health', new RawaqFunction(this, 'Health', { name: 'health', description: 'GET /v1/health' }));
    http.route(health, [{ method: HttpMethod.GET, path: '/v1/health', public: true }]);

    const getFair = api(
      'GetFair',
      new RawaqFunction(this, 'GetFair', {
        name: 'get-fair',
        description: 'GET /v1/fair',
        environment: { FAIR_TABLE: tables.fair.tableName, ZONES_TABLE: tables.zones.tableName },
      }),
    );
    tables.fair.grantReadData(getFair);
    tables.zones.grantReadData(getFair);
    http.route(getFair, [{ method: HttpMethod.GET, path: '/v1/fair' }]);

    const credentials = api(
      'Credentials',
      new RawaqFunction(this, 'Credentials', {
        name: 'credentials',
        description: 'POST /v1/credentials, DELETE /v1/credentials/{credentialId}',
        environment: { CREDENTIALS_TABLE: tables.credentials.tableName },
      }),
    );
    allow(credentials, ['dynamodb:PutItem', 'dynamodb:DeleteItem'], [tables.credentials.tableArn]);
    allow(credentials, ['dynamodb:Query'], [`${tables.credentials.tableArn}/index/${CREDENTIAL_ID_INDEX}`]);
    http.route(credentials, [
      { method: HttpMethod.POST, path: '/v1/credentials' },
      { method: HttpMethod.DELETE, path: '/v1/credentials/{credentialId}' },
    ]);

    const occupancy = api(
      'Occupancy',
      new RawaqFunction(this, 'Occupancy', {
        name: 'occupancy',
        description: 'GET /v1/occupancy',
        environment: { ZONES_TABLE: tables.zones.tableName },
      }),
    );
    tables.zones.grantReadData(occupancy);
    http.route(occupancy, [{ method: HttpMethod.GET, path: '/v1/occupancy' }]);

    const seed = new RawaqFunction(this, 'Seed', {
      name: 'seed',
      description: 'Custom resource: loads the fair and registers the first organiser credential',
      timeout: Duration.minutes(2),
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        CREDENTIALS_TABLE: tables.credentials.tableName,
        ORGANISER_SECRET_ARN: secrets.organiserCredential.secretArn,
      },
    });
    tables.fair.grantWriteData(seed);
    tables.zones.grantWriteData(seed);
    allow(seed, ['dynamodb:PutItem'], [tables.credentials.tableArn]);
    secrets.organiserCredential.grantRead(seed);
    new CustomResource(this, 'FairData', {
      serviceToken: seed.functionArn,
      resourceType: 'Custom::RawaqSeed',
      // A change of the fair's data re-runs the seed on the next deploy.
      properties: { fairVersion: createHash('sha256').update(JSON.stringify(demoFair)).digest('hex').slice(0, 16) },
    });

    new CfnOutput(this, 'FirstOrganiserSecretArn', {
      value: secrets.organiserCredential.secretArn,
      description: 'aws secretsmanager get-secret-value --secret-id <this> gives the first organiser credential',
    });
    new CfnOutput(this, 'AlertTopicArn', {
      value: alertTopic.topicArn,
      description: 'Subscribe organisers by e-mail or SMS',
    });
    new CfnOutput(this, 'OperationsTopicArn', { value: operationsTopic.topicArn });
  }
}
