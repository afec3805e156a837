import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export const ITERATOR_AGE_LIMIT = Duration.minutes(1);

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

  /**
   * A function's errors and throttles, added up in one alarm: one alarm a function rather than two
   * keeps the stack under CloudFormation's 500 resources (45 functions, each with its role, policy,
   * log group, permissions).
   */
  watchFunction(name: string, fn: IFunction): void {
    this.alarm(
      `${name}ErrorsOrThrottles`,
      new MathExpression({
        expression: 'errors + throttles',
        usingMetrics: {
          errors: fn.metricErrors({ period: Duration.minutes(1) }),
          throttles: fn.metricThrottles({ period: Duration.minutes(1) }),
        },
        label: `${name} errors and throttles`,
        period: Duration.minutes(1),
      }),
    );
  }

  /**
   * A stream consumer falling behind: the oldest record it read was written more than a minute before
   * (occupancy on the dashboard would be a minute stale, or a level change a minute late).
   */
  watchStreamConsumer(name: string, fn: IFunction): void {
    this.alarm(
      `${name}IteratorAge`,
      fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      ITERATOR_AGE_LIMIT.toMilliseconds(),
    );
  }

  private alarm(id: string, metric: IMetric, threshold = 1): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
