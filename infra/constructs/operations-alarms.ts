import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Alarms for the operator on call: any message in a dead-letter queue (something was given up on),
 * any function error or throttle. At a fair a quiet failure costs a day, so every threshold is 1.
 */
export class OperationsAlarms extends Construct {
  constructor(
    scope: Construct,
    id: string,
    private readonly topic: ITopic,
  ) {
    super(scope, id);
  }

  watchDeadLetters(name: string, queue: IQueue): void {
    this.alarm(`${name}DeadLetters`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }));
  }

  watchFunction(name: string, fn: IFunction): void {
    this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(1) }));
    this.alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(1) }));
  }

  private alarm(id: string, metric: ReturnType<IFunction['metricErrors']>): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
