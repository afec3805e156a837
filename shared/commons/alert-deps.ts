import type { Place } from '../domain/alert-text';
import { type AlertRecord, alertLog } from '../store/alerts-store';
import { dynamo, sns, sqs } from '../store/clients';
import { type DeliveryDeps, deliverAlert } from '../use-cases/deliver-alert';
import { raiseNotice } from '../use-cases/raise-notice';
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

/**
 * Raises a notice (once by its id) and sends it to the topic and the webhooks. The alert resources are
 * read when a notice is raised, not before: a function that never raises one needs none of them.
 */
export function noticeSender(): (alert: AlertRecord, place: Place) => Promise<void> {
  return async (alert, place) => {
    const deps = {
      alerts: alertLog(dynamo(), resource('ALERTS_TABLE')),
      deliver: (raised: AlertRecord, at: Place) => deliverAlert(alertDeliveryDeps(), raised, at),
    };
    await raiseNotice(deps, alert, place);
  };
}
