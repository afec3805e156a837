import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEMO_FAIR_FILE } from '../shared/fair/fair-file';
import {
  ALERT_FEED_INDEX,
  CONFLICT_INDEX,
  CREDENTIAL_ID_INDEX,
  INSIDE_INDEX,
  SHORT_CODE_INDEX,
  WORKSHOP_LIST_INDEX,
} from '../shared/store/index-names';
import { DataTables } from './constructs/data-tables';
import { DurableQueue } from './constructs/durable-queue';
import { consumeQueue, consumeStream } from './constructs/event-sources';
import { RawaqHttpApi } from './constructs/http-api';
import { OperationsAlarms } from './constructs/operations-alarms';
import { OperationsTopic } from './constructs/operations-topic';
import { PagesSite } from './constructs/pages-site';
import { RawaqFunction, type RawaqFunctionProps } from './constructs/rawaq-function';
import { RawaqSecrets } from './constructs/secrets';
import { FairData } from './features/fair-data';
import { type AlertSending, FairDays } from './features/fair-days';
import { Reports } from './features/reports';
import { WalkInCounts } from './features/walk-in-counts';

export interface RawaqStackProps extends StackProps {
  /** Keep data when the stack is deleted (the default: a fair's records are evidence). */
  retainData?: boolean;
  /** The fair's file (`fairs/*.json`), checked at synth and bundled into the seed; the demo fair by default. */
  fairFile?: string;
}

/** A badge's short code, typed at a gate, door, desk or booth: looked up in the tickets' short-code index. */
function allowShortCodes(fn: IFunction, tables: DataTables): void {
  allow(fn, ['dynamodb:Query'], [`${tables.tickets.tableArn}/index/${SHORT_CODE_INDEX}`]);
}

/** Grants exactly these actions on exactly these resources, where CDK's grant helpers give more. */
function allow(fn: IFunction, actions: string[], resources: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
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
    // Reading the credential, and noting its last use (once a minute at most).
    allow(authorizer, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.credentials.tableArn]);
    const site = new PagesSite(this, 'Pages');
    const http = new RawaqHttpApi(this, 'Http', { authorizerFunction: authorizer, pageOrigins: [site.url] });

    const health = api('Health', new RawaqFunction(this, 'Health', { name: 'health', description: 'GET /v1/health' }));
    http.route(health, [{ method: HttpMethod.GET, path: '/v1/health', public: true }]);

    const getFair = api(
      'GetFair',
      new RawaqFunction(this, 'GetFair', {
        name: 'get-fair',
        description: 'GET /v1/fair',
        environment: {
          FAIR_TABLE: tables.fair.tableName,
          ZONES_TABLE: tables.zones.tableName,
          WORKSHOPS_TABLE: tables.workshops.tableName,
        },
      }),
    );
    tables.fair.grantReadData(getFair);
    tables.zones.grantReadData(getFair);
    allow(getFair, ['dynamodb:Query'], [`${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`]);
    http.route(getFair, [{ method: HttpMethod.GET, path: '/v1/fair' }]);

    const whoami = api('Whoami', new RawaqFunction(this, 'Whoami', { name: 'whoami', description: 'GET /v1/me' }));
    http.route(whoami, [{ method: HttpMethod.GET, path: '/v1/me' }]);

    const credentials = api(
      'Credentials',
      new RawaqFunction(this, 'Credentials', {
        name: 'credentials',
        description: 'GET/POST /v1/credentials, POST /v1/credentials/batch, DELETE /v1/credentials/{credentialId}',
        environment: { CREDENTIALS_TABLE: tables.credentials.tableName, FAIR_TABLE: tables.fair.tableName },
      }),
    );
    allow(credentials, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Scan'], [tables.credentials.tableArn]);
    allow(credentials, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(credentials, ['dynamodb:Query'], [`${tables.credentials.tableArn}/index/${CREDENTIAL_ID_INDEX}`]);
    http.route(credentials, [
      { method: HttpMethod.GET, path: '/v1/credentials' },
      { method: HttpMethod.POST, path: '/v1/credentials' },
      { method: HttpMethod.POST, path: '/v1/credentials/batch' },
      { method: HttpMethod.DELETE, path: '/v1/credentials/{credentialId}' },
    ]);

    const occupancy = api(
      'Occupancy',
      new RawaqFunction(this, 'Occupancy', {
        name: 'occupancy',
        description: 'GET /v1/occupancy',
        environment: {
          ZONES_TABLE: tables.zones.tableName,
          FAIR_TABLE: tables.fair.tableName,
          STATS_TABLE: tables.stats.tableName,
        },
      }),
    );
    tables.zones.grantReadData(occupancy);
    allow(occupancy, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(occupancy, ['dynamodb:Query'], [tables.stats.tableArn]);
    http.route(occupancy, [{ method: HttpMethod.GET, path: '/v1/occupancy' }]);

    this.addTicketsAndScans(tables, secrets, http, alarms);
    const alertSending = this.addOccupancyAndAlerts({ tables, secrets, http, alarms, alertTopic, streamFailures });
    new WalkInCounts(this, 'WalkIns', { tables, http, alarms });
    new FairDays(this, 'FairDays', { tables, http, alarms, alerts: alertSending });
    new Reports(this, 'Reports', { tables, http, alarms });
    this.addWorkshops(tables, http, alarms, streamFailures);
    this.addFootfall(tables, http, alarms);
    // The pages, told where the API is once it exists.
    site.deploy(http.api.apiEndpoint);

    new FairData(this, 'Fair', { tables, secrets, fairFile: props.fairFile ?? DEMO_FAIR_FILE });

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

  /** Tickets, their QR codes, revocation, and gate scans online and offline. */
  private addTicketsAndScans(
    tables: DataTables,
    secrets: RawaqSecrets,
    http: RawaqHttpApi,
    alarms: OperationsAlarms,
  ): void {
    const api = (id: string, props: RawaqFunctionProps) => this.watchedFunction(alarms, id, props);
    const keys = api('Keys', {
      name: 'keys',
      description: 'GET /v1/keys',
      environment: { FAIR_TABLE: tables.fair.tableName },
    });
    allow(keys, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    http.route(keys, [{ method: HttpMethod.GET, path: '/v1/keys', public: true }]);

    const signing = { SIGNING_KEY_SECRET_ARN: secrets.signingKey.secretArn };
    const issue = api('IssueTickets', {
      name: 'issue-tickets',
      description: 'POST /v1/tickets, POST /v1/tickets/batch',
      timeout: Duration.seconds(29),
      environment: { FAIR_TABLE: tables.fair.tableName, TICKETS_TABLE: tables.tickets.tableName, ...signing },
    });
    // PutItem: a rotated key's public half is published before anything is signed with it.
    allow(issue, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], [tables.fair.tableArn]);
    allow(issue, ['dynamodb:BatchWriteItem', 'dynamodb:PutItem'], [tables.tickets.tableArn]);
    secrets.signingKey.grantRead(issue);
    http.route(issue, [
      { method: HttpMethod.POST, path: '/v1/tickets' },
      { method: HttpMethod.POST, path: '/v1/tickets/batch' },
    ]);

    const getTicket = api('GetTicket', {
      name: 'get-ticket',
      description: 'GET /v1/tickets?q=, GET /v1/tickets/{ticketId} and its QR code',
      environment: { FAIR_TABLE: tables.fair.tableName, TICKETS_TABLE: tables.tickets.tableName, ...signing },
    });
    allow(getTicket, ['dynamodb:GetItem'], [tables.fair.tableArn, tables.tickets.tableArn]);
    // An organiser's search by holder reads the tickets (a fair has thousands, not millions).
    allow(getTicket, ['dynamodb:Scan'], [tables.tickets.tableArn]);
    allowShortCodes(getTicket, tables);
    allow(getTicket, ['dynamodb:PutItem'], [tables.fair.tableArn]);
    secrets.signingKey.grantRead(getTicket);
    http.route(getTicket, [
      { method: HttpMethod.GET, path: '/v1/tickets' },
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}' },
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}/qr.svg' },
      { method: HttpMethod.GET, path: '/v1/tickets/{ticketId}/qr.png' },
    ]);

    const revoke = api('RevokeTicket', {
      name: 'revoke-ticket',
      description: 'POST /v1/tickets/{ticketId}/revoke',
      environment: { FAIR_TABLE: tables.fair.tableName, TICKETS_TABLE: tables.tickets.tableName },
    });
    allow(
      revoke,
      ['dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:ConditionCheckItem'],
      [tables.tickets.tableArn],
    );
    allow(revoke, ['dynamodb:PutItem'], [tables.fair.tableArn]);
    http.route(revoke, [{ method: HttpMethod.POST, path: '/v1/tickets/{ticketId}/revoke' }]);

    const revocations = api('Revocations', {
      name: 'revocations',
      description: 'GET /v1/revocations',
      environment: { FAIR_TABLE: tables.fair.tableName },
    });
    allow(revocations, ['dynamodb:Query'], [tables.fair.tableArn]);
    http.route(revocations, [{ method: HttpMethod.GET, path: '/v1/revocations' }]);

    const scan = api('Scan', {
      name: 'scan',
      description: 'POST /v1/scans, POST /v1/scans/batch',
      timeout: Duration.seconds(29),
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
        SCANS_TABLE: tables.scans.tableName,
        ZONES_TABLE: tables.zones.tableName,
      },
    });
    allow(scan, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(scan, ['dynamodb:GetItem', 'dynamodb:Scan'], [tables.zones.tableArn]);
    allow(scan, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.tickets.tableArn]);
    allowShortCodes(scan, tables);
    allow(scan, ['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.scans.tableArn]);
    http.route(scan, [
      { method: HttpMethod.POST, path: '/v1/scans' },
      { method: HttpMethod.POST, path: '/v1/scans/batch' },
    ]);

    const conflicts = api('ScanConflicts', {
      name: 'scan-conflicts',
      description: 'GET /v1/scans/conflicts',
      environment: { SCANS_TABLE: tables.scans.tableName },
    });
    allow(conflicts, ['dynamodb:Query'], [`${tables.scans.tableArn}/index/${CONFLICT_INDEX}`]);
    http.route(conflicts, [{ method: HttpMethod.GET, path: '/v1/scans/conflicts' }]);
  }

  /** The occupancy projector, levels and alerts, their delivery, reconciliation, escalation. */
  private addOccupancyAndAlerts(parts: {
    tables: DataTables;
    secrets: RawaqSecrets;
    http: RawaqHttpApi;
    alarms: OperationsAlarms;
    alertTopic: Topic;
    streamFailures: Queue;
  }): AlertSending {
    const { tables, secrets, http, alarms, alertTopic, streamFailures } = parts;
    const fn = (id: string, props: RawaqFunctionProps) => this.watchedFunction(alarms, id, props);
    const projector = fn('OccupancyProjector', {
      name: 'occupancy-projector',
      description: 'Scans stream: zone counts, levels and gate statistics, one transaction per batch',
      timeout: Duration.seconds(60),
      environment: {
        ZONES_TABLE: tables.zones.tableName,
        STATS_TABLE: tables.stats.tableName,
        FAIR_TABLE: tables.fair.tableName,
      },
    });
    allow(projector, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.zones.tableArn]);
    allow(projector, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.stats.tableArn]);
    allow(projector, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    // Whole batches, retried from their first record: what makes the batch markers exact.
    alarms.watchStreamConsumer('OccupancyProjector', projector);
    consumeStream(projector, tables.scans, streamFailures, {
      batchSize: 1000,
      maxBatchingWindow: Duration.seconds(0),
      wholeBatch: true,
    });

    const deliveries = new DurableQueue(this, 'AlertDeliveries', {
      visibilityTimeout: Duration.seconds(60),
      maxReceiveCount: 8,
    });
    alarms.watchDeadLetters('AlertDeliveries', deliveries.deadLetterQueue);
    const delivery = {
      ALERTS_TABLE: tables.alerts.tableName,
      FAIR_TABLE: tables.fair.tableName,
      ALERT_TOPIC_ARN: alertTopic.topicArn,
      ALERT_DELIVERY_QUEUE_URL: deliveries.queue.queueUrl,
    };
    const canDeliver = (target: IFunction) => {
      allow(target, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.alerts.tableArn]);
      allow(target, ['dynamodb:Query'], [tables.fair.tableArn]);
      alertTopic.grantPublish(target);
      deliveries.queue.grantSendMessages(target);
    };
    const evaluator = fn('AlertEvaluator', {
      name: 'alert-evaluator',
      description: 'Zones stream: one alert per change of level, then SNS and webhooks',
      environment: delivery,
    });
    canDeliver(evaluator);
    alarms.watchStreamConsumer('AlertEvaluator', evaluator);
    consumeStream(evaluator, tables.zones, streamFailures, { batchSize: 100, maxBatchingWindow: Duration.seconds(0) });

    const webhook = fn('AlertWebhook', {
      name: 'alert-webhook',
      description: 'Alert delivery queue: signed POSTs to webhook subscribers, with backoff',
      environment: {
        ALERT_DELIVERY_QUEUE_URL: deliveries.queue.queueUrl,
        WEBHOOK_SECRET_ARN: secrets.webhookSigning.secretArn,
        FAIR_TABLE: tables.fair.tableName,
      },
    });
    secrets.webhookSigning.grantRead(webhook);
    // Whether the subscription still exists: a deleted one gets nothing more.
    allow(webhook, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    consumeQueue(webhook, deliveries.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(0) });

    const alerts = fn('Alerts', {
      name: 'alerts',
      description: 'GET /v1/alerts, POST /v1/alerts/{alertId}/ack',
      environment: { ALERTS_TABLE: tables.alerts.tableName },
    });
    allow(alerts, ['dynamodb:UpdateItem'], [tables.alerts.tableArn]);
    allow(alerts, ['dynamodb:Query'], [`${tables.alerts.tableArn}/index/${ALERT_FEED_INDEX}`]);
    http.route(alerts, [
      { method: HttpMethod.GET, path: '/v1/alerts' },
      { method: HttpMethod.POST, path: '/v1/alerts/{alertId}/ack' },
    ]);

    const subscriptions = fn('AlertSubscriptions', {
      name: 'alert-subscriptions',
      description: 'GET/POST /v1/alert-subscriptions, DELETE /v1/alert-subscriptions/{subscriptionId}',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        WEBHOOK_SECRET_ARN: secrets.webhookSigning.secretArn,
        ALERT_DELIVERY_QUEUE_URL: deliveries.queue.queueUrl,
      },
    });
    allow(subscriptions, ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'], [tables.fair.tableArn]);
    secrets.webhookSigning.grantRead(subscriptions);
    // A test alert goes through the delivery queue like a real one.
    deliveries.queue.grantSendMessages(subscriptions);
    http.route(subscriptions, [
      { method: HttpMethod.GET, path: '/v1/alert-subscriptions' },
      { method: HttpMethod.POST, path: '/v1/alert-subscriptions' },
      { method: HttpMethod.DELETE, path: '/v1/alert-subscriptions/{subscriptionId}' },
      { method: HttpMethod.POST, path: '/v1/alert-subscriptions/{subscriptionId}/test' },
    ]);

    const updateZone = fn('UpdateZone', {
      name: 'update-zone',
      description: 'PATCH /v1/zones/{zoneId}',
      environment: { ZONES_TABLE: tables.zones.tableName },
    });
    allow(updateZone, ['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.zones.tableArn]);
    http.route(updateZone, [{ method: HttpMethod.PATCH, path: '/v1/zones/{zoneId}' }]);

    const gateStats = fn('GateStats', {
      name: 'gate-stats',
      description: 'GET /v1/gates/stats',
      environment: { STATS_TABLE: tables.stats.tableName, FAIR_TABLE: tables.fair.tableName },
    });
    allow(gateStats, ['dynamodb:Query'], [tables.stats.tableArn]);
    allow(gateStats, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    http.route(gateStats, [{ method: HttpMethod.GET, path: '/v1/gates/stats' }]);

    const reconcile = fn('Reconcile', {
      name: 'reconcile',
      description: 'Every 5 minutes: zone counts against the tickets inside, drift corrected',
      timeout: Duration.minutes(5),
      environment: {
        ZONES_TABLE: tables.zones.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
        STATS_TABLE: tables.stats.tableName,
        FAIR_TABLE: tables.fair.tableName,
      },
    });
    allow(reconcile, ['dynamodb:Query'], [`${tables.tickets.tableArn}/index/${INSIDE_INDEX}`]);
    allow(reconcile, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(reconcile, ['dynamodb:Scan', 'dynamodb:UpdateItem'], [tables.zones.tableArn]);
    allow(reconcile, ['dynamodb:Query'], [tables.stats.tableArn]);
    allow(reconcile, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.stats.tableArn]);
    new Rule(this, 'ReconcileSchedule', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(reconcile)],
    });

    const escalate = fn('Escalate', {
      name: 'escalate',
      description: 'Every minute: unacknowledged alerts raised again',
      timeout: Duration.seconds(60),
      environment: { ...delivery, ZONES_TABLE: tables.zones.tableName },
    });
    canDeliver(escalate);
    allow(escalate, ['dynamodb:Query'], [`${tables.alerts.tableArn}/index/${ALERT_FEED_INDEX}`]);
    allow(escalate, ['dynamodb:Scan'], [tables.zones.tableArn]);
    new Rule(this, 'EscalateSchedule', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(escalate)],
    });
    return { environment: delivery, grantTo: canDeliver };
  }

  /** The programme, registrations with a waitlist, and seat-limited doors. */
  private addWorkshops(tables: DataTables, http: RawaqHttpApi, alarms: OperationsAlarms, streamFailures: Queue): void {
    const fn = (id: string, props: RawaqFunctionProps) => this.watchedFunction(alarms, id, props);
    const workshopArns = [tables.workshops.tableArn];
    const listIndex = `${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`;
    const withTickets = {
      WORKSHOPS_TABLE: tables.workshops.tableName,
      TICKETS_TABLE: tables.tickets.tableName,
      FAIR_TABLE: tables.fair.tableName,
    };
    const canVerify = (target: RawaqFunction) => {
      allow(target, ['dynamodb:GetItem'], [tables.tickets.tableArn, tables.fair.tableArn]);
      allowShortCodes(target, tables);
    };

    const workshops = fn('Workshops', {
      name: 'workshops',
      description: 'GET/POST /v1/workshops, GET/PATCH /v1/workshops/{workshopId}, POST .../cancel',
      environment: { WORKSHOPS_TABLE: tables.workshops.tableName, ZONES_TABLE: tables.zones.tableName },
    });
    allow(workshops, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], workshopArns);
    allow(workshops, ['dynamodb:Query'], [listIndex]);
    // A workshop's room must be one of the fair's zones.
    allow(workshops, ['dynamodb:Scan'], [tables.zones.tableArn]);
    http.route(workshops, [
      { method: HttpMethod.GET, path: '/v1/workshops' },
      { method: HttpMethod.POST, path: '/v1/workshops' },
      { method: HttpMethod.GET, path: '/v1/workshops/{workshopId}' },
      { method: HttpMethod.PATCH, path: '/v1/workshops/{workshopId}' },
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/cancel' },
    ]);

    const registrations = fn('WorkshopRegistrations', {
      name: 'workshop-registrations',
      description: 'POST /v1/workshops/{id}/registrations, DELETE .../registrations/{ticketId}, GET .../waitlist',
      environment: withTickets,
    });
    allow(
      registrations,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
      workshopArns,
    );
    canVerify(registrations);
    allow(registrations, ['dynamodb:Query'], [tables.fair.tableArn]);
    http.route(registrations, [
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/registrations' },
      { method: HttpMethod.DELETE, path: '/v1/workshops/{workshopId}/registrations/{ticketId}' },
      { method: HttpMethod.GET, path: '/v1/workshops/{workshopId}/waitlist' },
    ]);

    const door = fn('WorkshopDoor', {
      name: 'workshop-door',
      description: 'POST /v1/workshops/{id}/admissions and .../exits',
      environment: { ...withTickets, SCANS_TABLE: tables.scans.tableName },
    });
    // The door's record in the scan log commits with the seat: the room is counted by its door.
    allow(door, ['dynamodb:PutItem'], [tables.scans.tableArn]);
    allow(
      door,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      workshopArns,
    );
    canVerify(door);
    allow(door, ['dynamodb:Query'], [tables.fair.tableArn]);
    http.route(door, [
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/admissions' },
      { method: HttpMethod.POST, path: '/v1/workshops/{workshopId}/exits' },
    ]);

    const promoter = fn('WaitlistPromoter', {
      name: 'waitlist-promoter',
      description: 'Workshops stream: waiting tickets take freed seats, in order',
      environment: { WORKSHOPS_TABLE: tables.workshops.tableName },
    });
    allow(promoter, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], workshopArns);
    alarms.watchStreamConsumer('WaitlistPromoter', promoter);
    consumeStream(promoter, tables.workshops, streamFailures, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(0),
    });
  }

  /** Booth footfall through a queue, coalesced per booth and day, and its statistics. */
  private addFootfall(tables: DataTables, http: RawaqHttpApi, alarms: OperationsAlarms): void {
    const fn = (id: string, props: RawaqFunctionProps) => this.watchedFunction(alarms, id, props);
    const aggregatorTimeout = Duration.seconds(30);
    const footfall = new DurableQueue(this, 'Footfall', {
      visibilityTimeout: Duration.seconds(aggregatorTimeout.toSeconds() * 6),
      maxReceiveCount: 5,
    });
    alarms.watchDeadLetters('Footfall', footfall.deadLetterQueue);

    const ingest = fn('FootfallIngest', {
      name: 'footfall-ingest',
      description: 'POST /v1/booths/{boothId}/footfall',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
        FOOTFALL_QUEUE_URL: footfall.queue.queueUrl,
      },
    });
    allow(ingest, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(ingest, ['dynamodb:BatchGetItem', 'dynamodb:GetItem'], [tables.tickets.tableArn]);
    allowShortCodes(ingest, tables);
    footfall.queue.grantSendMessages(ingest);
    http.route(ingest, [{ method: HttpMethod.POST, path: '/v1/booths/{boothId}/footfall' }]);

    const aggregator = fn('FootfallAggregator', {
      name: 'footfall-aggregator',
      description: 'Footfall queue: visits and unique visitors per booth, hour and day, exactly once in effect',
      timeout: aggregatorTimeout,
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        STATS_TABLE: tables.stats.tableName,
        FOOTFALL_QUEUE_URL: footfall.queue.queueUrl,
      },
    });
    allow(aggregator, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(aggregator, ['dynamodb:Query', 'dynamodb:UpdateItem'], [tables.stats.tableArn]);
    // Large batches gathered over a short window: more events per booth-day transaction.
    consumeQueue(aggregator, footfall.queue, { batchSize: 100, maxBatchingWindow: Duration.seconds(1) });

    const boothStats = fn('BoothStats', {
      name: 'booth-stats',
      description: 'GET /v1/booths/{boothId}/stats[.csv], GET /v1/booths/{boothId}/leads',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        STATS_TABLE: tables.stats.tableName,
        TICKETS_TABLE: tables.tickets.tableName,
      },
    });
    allow(boothStats, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(boothStats, ['dynamodb:Query'], [tables.stats.tableArn]);
    allow(boothStats, ['dynamodb:BatchGetItem'], [tables.tickets.tableArn]);
    http.route(boothStats, [
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/stats' },
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/stats.csv' },
      { method: HttpMethod.GET, path: '/v1/booths/{boothId}/leads' },
    ]);

    const ranking = fn('BoothRanking', {
      name: 'booth-ranking',
      description: 'GET /v1/booths/stats[.csv]',
      environment: { FAIR_TABLE: tables.fair.tableName, STATS_TABLE: tables.stats.tableName },
    });
    allow(ranking, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(ranking, ['dynamodb:Query'], [tables.stats.tableArn]);
    http.route(ranking, [
      { method: HttpMethod.GET, path: '/v1/booths/stats' },
      { method: HttpMethod.GET, path: '/v1/booths/stats.csv' },
    ]);
  }

  /** A function with the stack's defaults, its errors and throttles alarmed. */
  private watchedFunction(alarms: OperationsAlarms, id: string, props: RawaqFunctionProps): RawaqFunction {
    const created = new RawaqFunction(this, id, props);
    alarms.watchFunction(id, created);
    return created;
  }
}
