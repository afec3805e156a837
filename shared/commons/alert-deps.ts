import { dynamo, sns, sqs } from '../store/clients';
import type { DeliveryDeps } from '../use-cases/deliver-alert';
import { now } from './clock';
import { resource } from './config';
import { fairMeta } from './fair-context';

export function alertDeliveryDeps(): DeliveryDeps {
  return {
    client: dynamo(),
    sns: sns(),
    sqs: sqs(),
    tables: { alerts: resource('ALERTS_TABLE'), fair: resource('FAIR_TABLE') },
    topicArn: resource('ALERT_TOPIC_ARN'),
    deliveryQueueUrl: resource('ALERT_DELIVERY_QUEUE_URL'),
    fair: fairMeta,
    now,
  };
}
