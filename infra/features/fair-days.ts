import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { INSIDE_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { DurableQueue } from '../constructs/durable-queue';
import { consumeQueue } from '../constructs/event-sources';
import { allow, featureFunction, type StackParts } from './feature';

/** How a function sends alerts: the environment it reads and the grants it needs. */
export interface AlertSending {
  environment: Record<string, string>;
  grantTo: (fn: IFunction) => void;
}

/**
 * The fair's days closing: by itself after closing time and the grace period (a schedule that closes
 * every day due and not closed, so a missed run is caught up), or early by an organiser. Closing returns
 * every zone to 0 at once; who is still inside is let out in the request for a small crowd, else by
 * sweep jobs on the closing queue, one per shard of the inside index, side by side. The last job done
 * tells organisers once.
 */
export class FairDays extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { alerts: AlertSending }) {
    super(scope, id);
    const { tables, alerts, alarms } = parts;
    const sweepTimeout = Duration.minutes(5);
    const closing = new DurableQueue(this, 'Closing', {
      visibilityTimeout: Duration.seconds(sweepTimeout.toSeconds() * 6),
      maxReceiveCount: 5,
    });
    alarms.watchDeadLetters('Closing', closing.deadLetterQueue);
    const environment = {
      ...alerts.environment,
      FAIR_TABLE: tables.fair.tableName,
      ZONES_TABLE: tables.zones.tableName,
      TICKETS_TABLE: tables.tickets.tableName,
      CLOSING_QUEUE_URL: closing.queue.queueUrl,
    };
    const canClose = (fn: IFunction) => {
      alerts.grantTo(fn);
      allow(
        fn,
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        [tables.fair.tableArn],
      );
      allow(fn, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'], [tables.zones.tableArn]);
      allow(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.tickets.tableArn]);
      allow(fn, ['dynamodb:Query'], [`${tables.tickets.tableArn}/index/${INSIDE_INDEX}`]);
      closing.queue.grantSendMessages(fn);
    };
    const days = featureFunction(this, parts, 'Days', {
      name: 'fair-days',
      description: 'POST /v1/days/{day}/close: closes a fair day now; GET /v1/days/{day}',
      timeout: Duration.seconds(29),
      environment,
      routes: [
        { method: HttpMethod.POST, path: '/v1/days/{day}/close' },
        { method: HttpMethod.GET, path: '/v1/days/{day}' },
      ],
    });
    canClose(days);
    const schedule = featureFunction(this, parts, 'Schedule', {
      name: 'fair-days-schedule',
      description:
        'Every 5 minutes: closes each fair day past its closing time and grace period, and empties each workshop room past its end',
      timeout: Duration.minutes(5),
      environment: {
        ...environment,
        WORKSHOPS_TABLE: tables.workshops.tableName,
        SCANS_TABLE: tables.scans.tableName,
      },
    });
    canClose(schedule);
    // A room past its workshop's end: the workshops listed, each one still admitted let out (its seat,
    // its door's record in the scan log, the ticket's room), the workshop marked emptied.
    allow(schedule, ['dynamodb:Query'], [`${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`]);
    allow(
      schedule,
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      [tables.workshops.tableArn],
    );
    allow(schedule, ['dynamodb:PutItem'], [tables.scans.tableArn]);
    new Rule(this, 'Every5Minutes', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(schedule)],
    });
    const sweep = featureFunction(this, parts, 'Sweep', {
      name: 'fair-days-sweep',
      description: "A closing's sweep jobs: the tickets still inside, one shard of the inside index each",
      timeout: sweepTimeout,
      environment,
    });
    canClose(sweep);
    // Each job is a shard of a day: a few at a time per invocation, the rest to other instances in parallel.
    consumeQueue(sweep, closing.queue, { batchSize: 2, maxBatchingWindow: Duration.seconds(0) });
  }
}
