import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AlertDelivery } from '../../events/alert-delivery';
import type { Place } from '../domain/alert-text';
import type { LanguageCode } from '../domain/names';
import { alertMessage, publishAlert } from '../store/alert-publisher';
import { type AlertRecord, markDelivered } from '../store/alerts-store';
import { enqueueDeliveries } from '../store/delivery-queue';
import { listSubscriptions } from '../store/subscriptions-store';

export interface DeliveryDeps {
  client: DynamoDBDocumentClient;
  sns: SNSClient;
  sqs: SQSClient;
  tables: { alerts: string; fair: string };
  topicArn: string;
  deliveryQueueUrl: string;
  /** The organisers' language and the fair's zone, for the text of SMS and e-mail. */
  fair: () => Promise<{ alertLanguage: LanguageCode; timezone: string }>;
  now: () => Date;
}

/**
 * Sends an alert (or its latest escalation) to the SNS topic and queues one delivery per webhook
 * subscriber, then marks it delivered. A retry after a failure here sends again: subscribers may see
 * a duplicate, never a gap, and the delivery id lets them drop it.
 */
export async function deliverAlert(deps: DeliveryDeps, alert: AlertRecord, place: Place): Promise<void> {
  await publishAlert(deps.sns, deps.topicArn, alert, place, await deps.fair());
  const subscriptions = await listSubscriptions(deps.client, deps.tables.fair);
  const body = JSON.stringify(alertMessage(alert));
  const deliveries: AlertDelivery[] = subscriptions.map((subscription) => ({
    deliveryId: `${alert.alertId}#${alert.escalation}#${subscription.subscriptionId}`,
    subscriptionId: subscription.subscriptionId,
    url: subscription.url,
    body,
  }));
  await enqueueDeliveries(deps.sqs, deps.deliveryQueueUrl, deliveries);
  await markDelivered(deps.client, deps.tables.alerts, alert.alertId, alert.escalation, deps.now().toISOString());
}
