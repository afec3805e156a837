import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEMO_FAIR_FILE } from '../shared/fair/fair-file';
import { PUBLIC_KEYS_PARTITION } from '../shared/store/index-names';
import { DataTables } from './constructs/data-tables';
import { CREDENTIAL_BUDGET, RawaqHttpApi } from './constructs/http-api';
import { OperationsAlarms } from './constructs/operations-alarms';
import { OperationsTopic } from './constructs/operations-topic';
import { PagesSite } from './constructs/pages-site';
import { RawaqFunction } from './constructs/rawaq-function';
import { RawaqSecrets } from './constructs/secrets';
import { FairAndAccess } from './features/fair-and-access';
import { FairData } from './features/fair-data';
import { FairDays } from './features/fair-days';
import { bindTable } from './features/feature';
import { Floor } from './features/floor';
import { Footfall } from './features/footfall';
import { OccupancyAndAlerts } from './features/occupancy-and-alerts';
import { Reports } from './features/reports';
import { TicketsAndScans } from './features/tickets-and-scans';
import { WalkIns } from './features/walk-ins';
import { Workshops } from './features/workshops';

export interface RawaqStackProps extends StackProps {
  /** Keep data when the stack is deleted (the default: a fair's records are evidence). */
  retainData?: boolean;
  /** The fair's file (`fairs/*.json`), checked at synth and bundled into the seed; the demo fair by default. */
  fairFile?: string;
}

/** One fair deployment: tables, queues, topics, functions and the HTTP API that fronts them. */
export class RawaqStack extends Stack {
  constructor(scope: Construct, id: string, props: RawaqStackProps = {}) {
    super(scope, id, props);
    const dataRemoval = props.retainData === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const tables = new DataTables(this, 'Tables', { removalPolicy: dataRemoval });
    const secrets = new RawaqSecrets(this, 'Secrets', { removalPolicy: dataRemoval });
    const snsKey = Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns');
    const alertTopic = new Topic(this, 'AlertTopic', {
      displayName: 'Rawaq zone alerts',
      enforceSSL: true,
      masterKey: snsKey,
    });
    const operationsTopic = new OperationsTopic(this, 'Operations').topic;
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

    const authorizer = new RawaqFunction(this, 'Authorizer', {
      name: 'authorizer',
      description: 'Resolves bearer credentials for the HTTP API',
      environment: { CREDENTIAL_BUDGET },
    });
    alarms.watchFunction('Authorizer', authorizer);
    // Reading the credential, and noting its last use (once a minute at most).
    bindTable(authorizer, tables.credentials, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    const site = new PagesSite(this, 'Pages');
    const http = new RawaqHttpApi(this, 'Http', {
      authorizerFunction: authorizer,
      gatePath: {
        environment: { CREDENTIAL_BUDGET },
        // As the authorizer, and the credential read in one batch with the zones an entry raises.
        grant: (fn) =>
          bindTable(fn, tables.credentials, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem']),
      },
    });

    const parts = { tables, http, alarms };
    new FairAndAccess(this, 'Access', parts);
    new TicketsAndScans(this, 'Tickets', { ...parts, secrets });
    const { alertSending } = new OccupancyAndAlerts(this, 'Occupancy', {
      ...parts,
      secrets,
      alertTopic,
      streamFailures,
    });
    new WalkIns(this, 'WalkIns', { ...parts, alerts: alertSending });
    new FairDays(this, 'FairDays', { ...parts, alerts: alertSending });
    new Floor(this, 'Floor', { ...parts, alerts: alertSending });
    new Reports(this, 'Reports', parts);
    new Workshops(this, 'Workshops', { ...parts, streamFailures });
    new Footfall(this, 'Footfall', parts);
    // The pages, with the API under their own origin.
    site.deploy(http.api);

    new FairData(this, 'Fair', { tables, secrets, fairFile: props.fairFile ?? DEMO_FAIR_FILE });
    protectPublicKeys(this, tables);

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

/** The functions that publish the ticket keys: the seed, and those that sign tickets. */
const KEY_PUBLISHERS = new Set(['seed', 'issue-tickets', 'get-ticket']);

/**
 * The public keys item (`KEYS` in the fair table) says which tickets gates accept: only its publishers
 * may write it. Every other function granted a write on the fair table is denied that partition (an
 * IAM condition on the item's leading key), so a function's bug or a stolen role cannot publish a key.
 */
function protectPublicKeys(stack: Stack, tables: DataTables): void {
  const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
  // Read from the function's bindings, the one source of its grants on the fair's tables.
  const writesFairTable = (fn: RawaqFunction) =>
    fn.bindings.some(
      (binding) =>
        binding.resources.includes(tables.fair.tableArn) && binding.actions.some((action) => writes.includes(action)),
    );
  for (const fn of stack.node.findAll().filter((node): node is RawaqFunction => node instanceof RawaqFunction)) {
    if (KEY_PUBLISHERS.has(fn.rawaqName) || !writesFairTable(fn)) continue;
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: writes,
        resources: [tables.fair.tableArn],
        conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [PUBLIC_KEYS_PARTITION] } },
      }),
    );
  }
}
