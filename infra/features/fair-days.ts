import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { INSIDE_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { DurableQueue } from '../constructs/durable-queue';
import { consumeQueue } from '../constructs/event-sources';
import type { RawaqFunction } from '../constructs/rawaq-function';
import { bindQueue, bindTable, featureFunction, type StackParts } from './feature';

/** How a function sends alerts: what it is bound to (the alert table, the topic, the delivery queue). */
export interface AlertSending {
  grantTo: (fn: RawaqFunction) => void;
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
    const canClose = (fn: RawaqFunction) => {
      alerts.grantTo(fn);
      bindTable(fn, tables.fair, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']);
      bindTable(fn, tables.zones, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
      bindTable(fn, tables.tickets, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
      bindTable(fn, tables.tickets, ['dynamodb:Query'], { index: INSIDE_INDEX });
      bindQueue(fn, closing.queue, 'CLOSING_QUEUE_URL', 'send');
    };
    const days = featureFunction(this, parts, 'Days', {
      name: 'fair-days',
      description: 'POST /v1/days/{day}/close: closes a fair day now; GET /v1/days/{day}',
      timeout: Duration.seconds(29),
    });
    canClose(days);
    const schedule = featureFunction(this, parts, 'Schedule', {
      name: 'fair-days-schedule',
      description:
        'Every 5 minutes: closes each fair day past its closing time and grace period, and empties each workshop room past its end',
      timeout: Duration.minutes(5),
    });
    canClose(schedule);
    // A room past its workshop's end: the workshops listed, each one still admitted let out (its seat,
    // its door's record in the scan log, the ticket's room), the workshop marked emptied.
    bindTable(schedule, tables.workshops, ['dynamodb:Query'], { index: WORKSHOP_LIST_INDEX });
    bindTable(schedule, tables.workshops, [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    bindTable(schedule, tables.scans, ['dynamodb:PutItem']);
    new Rule(this, 'Every5Minutes', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(schedule)],
    });
    const sweep = featureFunction(this, parts, 'Sweep', {
      name: 'fair-days-sweep',
      description: "A closing's sweep jobs: the tickets still inside, one shard of the inside index each",
      timeout: sweepTimeout,
    });
    canClose(sweep);
    // Each job is a shard of a day: a few at a time per invocation, the rest to other instances in parallel.
    consumeQueue(sweep, closing.queue, { batchSize: 2, maxBatchingWindow: Duration.seconds(0) });
  }
}
