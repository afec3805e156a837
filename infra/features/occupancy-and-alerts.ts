import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { CfnTopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALERT_FEED_INDEX, INSIDE_INDEX } from '../../shared/store/index-names';
import { DurableQueue } from '../constructs/durable-queue';
import { consumeQueue, consumeStream } from '../constructs/event-sources';
import type { RawaqFunction, RawaqFunctionProps } from '../constructs/rawaq-function';
import type { RawaqSecrets } from '../constructs/secrets';
import type { AlertSending } from './fair-days';
import { allow, bindQueue, bindSecret, bindTable, bindTopic, featureFunction, type StackParts } from './feature';

/** The occupancy projector, levels and alerts, their delivery, reconciliation, escalation. */
export class OccupancyAndAlerts extends Construct {
  /** How the day's closing (and anything else) sends an alert the way the feed's alerts go. */
  readonly alertSending: AlertSending;

  constructor(
    scope: Construct,
    id: string,
    parts: StackParts & { secrets: RawaqSecrets; alertTopic: Topic; streamFailures: Queue },
  ) {
    super(scope, id);
    const { tables, secrets, alarms, alertTopic, streamFailures } = parts;
    const fn = (id: string, props: RawaqFunctionProps) => featureFunction(this, parts, id, props);
    // A consumer counting a stream's batches exactly once: whole batches, retried from their first
    // record, watched for falling behind. Its tumbling window names each batch's shard in the event:
    // each item it counts into keeps how far it counted each shard, so a redelivery counts nothing
    // twice without a marker or a transaction. The window holds no record back.
    const batchCounter = (id: string, props: RawaqFunctionProps, stream: ITable, window: Duration) => {
      const counter = fn(id, { ...props, timeout: Duration.seconds(60) });
      alarms.watchStreamConsumer(id, counter);
      consumeStream(counter, stream, streamFailures, {
        batchSize: 1000,
        maxBatchingWindow: window,
        wholeBatch: true,
        tumblingWindow: Duration.minutes(15),
      });
      return counter;
    };
    // The tickets stream's log writer: a gate's common case writes the ticket alone, carrying its
    // scan's record (one write where a transaction with the log took two at twice the price); this
    // puts the records into the scan log, whose stream the counters below read. No batching window:
    // the projector's 2 s freshness runs through it.
    const logWriter = fn('ScanLogWriter', {
      name: 'scan-log-writer',
      description: 'Tickets stream: the scan records gates carried on tickets, put into the scan log',
      timeout: Duration.seconds(60),
    });
    alarms.watchStreamConsumer('ScanLogWriter', logWriter);
    consumeStream(logWriter, tables.tickets, streamFailures, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(0),
      wholeBatch: true,
    });
    bindTable(logWriter, tables.scans, ['dynamodb:PutItem']);

    const projector = batchCounter(
      'OccupancyProjector',
      {
        name: 'occupancy-projector',
        description: 'Scans stream: zone counts and levels, one conditional update a zone, per-shard watermarks',
      },
      tables.scans,
      Duration.seconds(0),
    );
    bindTable(projector, tables.zones, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);

    // The scans stream's second consumer (a DynamoDB stream serves two at full speed): each gate's
    // hours. They need no 2 s freshness: a 5 s window coalesces a gate's scans into one write an hour,
    // and keeps them out of the projector's zone writes, where at a national fair's rate they would
    // contend across shards with the zone counts.
    const gateHours = batchCounter(
      'GateHoursCounter',
      {
        name: 'gate-hours-counter',
        description: "Scans stream: each gate's entries, exits and refusals by hour, one conditional update an hour",
      },
      tables.scans,
      Duration.seconds(5),
    );
    bindTable(gateHours, tables.stats, ['dynamodb:UpdateItem']);
    // The fair's time zone: a gate hour is the fair's wall-clock hour.
    bindTable(gateHours, tables.fair, ['dynamodb:GetItem']);

    // The tickets stream: each holder's first entry of a day (and ever), counted for the reports. They
    // need no 2 s freshness: a 5 s window lets a batch coalesce a busy gate's first entries.
    const holders = batchCounter(
      'HoldersCounter',
      {
        name: 'holders-counter',
        description: "Tickets stream: each day's distinct ticket holders by category, one conditional update a day",
      },
      tables.tickets,
      Duration.seconds(5),
    );
    bindTable(holders, tables.stats, ['dynamodb:UpdateItem']);

    const deliveries = new DurableQueue(this, 'AlertDeliveries', {
      visibilityTimeout: Duration.seconds(60),
      maxReceiveCount: 8,
    });
    alarms.watchDeadLetters('AlertDeliveries', deliveries.deadLetterQueue);
    const canDeliver = (target: RawaqFunction) => {
      bindTable(target, tables.alerts, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      // The fair's time zone and languages for the texts (GetItem), its webhooks (Query).
      bindTable(target, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
      bindTopic(target, alertTopic, 'ALERT_TOPIC_ARN');
      bindQueue(target, deliveries.queue, 'ALERT_DELIVERY_QUEUE_URL', 'send');
    };
    const evaluator = fn('AlertEvaluator', {
      name: 'alert-evaluator',
      description: 'Zones stream: one alert per change of level, then SNS and webhooks',
    });
    canDeliver(evaluator);
    alarms.watchStreamConsumer('AlertEvaluator', evaluator);
    consumeStream(evaluator, tables.zones, streamFailures, { batchSize: 100, maxBatchingWindow: Duration.seconds(0) });

    const webhook = fn('AlertWebhook', {
      name: 'alert-webhook',
      description: 'Alert delivery queue: signed POSTs to webhook subscribers, with backoff',
    });
    bindSecret(webhook, secrets.webhookSigning, 'WEBHOOK_SECRET_ARN');
    // The queue's URL, to hold a delivery back for its next try (the event source mapping grants the consuming).
    bindQueue(webhook, deliveries.queue, 'ALERT_DELIVERY_QUEUE_URL', 'consume');
    // Whether the subscription still exists: a deleted one gets nothing more.
    bindTable(webhook, tables.fair, ['dynamodb:GetItem']);
    consumeQueue(webhook, deliveries.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(0) });

    const alerts = fn('Alerts', {
      name: 'alerts',
      description: 'GET /v1/alerts, POST /v1/alerts/{alertId}/ack',
    });
    bindTable(alerts, tables.alerts, ['dynamodb:UpdateItem']);
    bindTable(alerts, tables.alerts, ['dynamodb:Query'], { index: ALERT_FEED_INDEX });

    const subscriptions = fn('AlertSubscriptions', {
      name: 'alert-subscriptions',
      description: 'GET/POST /v1/alert-subscriptions, DELETE /v1/alert-subscriptions/{subscriptionId}',
    });
    bindTable(subscriptions, tables.fair, ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem']);
    bindSecret(subscriptions, secrets.webhookSigning, 'WEBHOOK_SECRET_ARN');
    // A test alert goes through the delivery queue like a real one.
    bindQueue(subscriptions, deliveries.queue, 'ALERT_DELIVERY_QUEUE_URL', 'send');
    // Organisers' phones and addresses on the alert topic, managed from the alerts page.
    subscriptions.bind('ALERT_TOPIC_ARN', alertTopic.topicArn, {
      actions: ['sns:Subscribe', 'sns:ListSubscriptionsByTopic'],
      resources: [alertTopic.topicArn],
    });
    allow(subscriptions, ['sns:Unsubscribe'], [`${alertTopic.topicArn}:*`]);
    Validations.of(subscriptions).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(alertTopic.node.defaultChild as CfnTopic)}>:*]`,
      reason:
        "sns:Unsubscribe names a subscription, whose ARN is the alert topic's ARN and an id AWS chooses: the wildcard is this topic's subscriptions only.",
    });

    const updateZone = fn('UpdateZone', {
      name: 'update-zone',
      description: 'PATCH /v1/zones/{zoneId}',
    });
    bindTable(updateZone, tables.zones, ['dynamodb:GetItem', 'dynamodb:PutItem']);

    const gateStats = fn('GateStats', {
      name: 'gate-stats',
      description: 'GET /v1/gates/stats',
    });
    bindTable(gateStats, tables.stats, ['dynamodb:Query']);
    bindTable(gateStats, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);

    const reconcile = fn('Reconcile', {
      name: 'reconcile',
      description: 'Every 5 minutes: zone counts against the tickets inside, drift corrected',
      timeout: Duration.minutes(5),
    });
    bindTable(reconcile, tables.tickets, ['dynamodb:Query'], { index: INSIDE_INDEX });
    bindTable(reconcile, tables.fair, ['dynamodb:GetItem']);
    bindTable(reconcile, tables.zones, ['dynamodb:Scan', 'dynamodb:UpdateItem']);
    bindTable(reconcile, tables.stats, ['dynamodb:Query']);
    bindTable(reconcile, tables.stats, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    new Rule(this, 'ReconcileSchedule', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(reconcile)],
    });

    const escalate = fn('Escalate', {
      name: 'escalate',
      description: 'Every minute: unacknowledged alerts raised again',
      timeout: Duration.seconds(60),
    });
    canDeliver(escalate);
    bindTable(escalate, tables.alerts, ['dynamodb:Query'], { index: ALERT_FEED_INDEX });
    bindTable(escalate, tables.zones, ['dynamodb:Scan']);
    // The fair's hours and gates, the devices' reports (a gate gone silent raises an alert too) and the
    // short codes each credential typed that named no ticket (a run of them raises one): read here,
    // queried with canDeliver's grant.
    bindTable(escalate, tables.fair, ['dynamodb:GetItem']);
    new Rule(this, 'EscalateSchedule', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(escalate)],
    });
    this.alertSending = { grantTo: canDeliver };
  }
}
