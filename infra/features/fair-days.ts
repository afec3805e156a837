import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { INSIDE_INDEX } from '../../shared/store/index-names';
import { allow, featureFunction, type StackParts } from './feature';

/** How a function sends alerts: the environment it reads and the grants it needs. */
export interface AlertSending {
  environment: Record<string, string>;
  grantTo: (fn: IFunction) => void;
}

/**
 * The fair's days closing: by itself after closing time and the grace period (a schedule that closes
 * every day due and not closed, so a missed run is caught up), or early by an organiser. Closing sweeps
 * out who is still counted, returns every zone to 0 and tells organisers once.
 */
export class FairDays extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts & { alerts: AlertSending }) {
    super(scope, id);
    const { tables, alerts } = parts;
    const environment = {
      ...alerts.environment,
      FAIR_TABLE: tables.fair.tableName,
      ZONES_TABLE: tables.zones.tableName,
      TICKETS_TABLE: tables.tickets.tableName,
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
    };
    const closeDay = featureFunction(this, parts, 'CloseDay', {
      name: 'close-day',
      description: 'POST /v1/days/{day}/close: closes a fair day now',
      timeout: Duration.seconds(29),
      environment,
      routes: [{ method: HttpMethod.POST, path: '/v1/days/{day}/close' }],
    });
    canClose(closeDay);
    const closer = featureFunction(this, parts, 'DayCloser', {
      name: 'day-closer',
      description: 'Every 5 minutes: closes each fair day past its closing time and grace period',
      timeout: Duration.minutes(5),
      environment,
    });
    canClose(closer);
    new Rule(this, 'Schedule', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(closer)],
    });
  }
}
