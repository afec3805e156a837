import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { alertEmail, alertSms, type Place } from '../domain/alert-text';
import { zoneOf } from '../domain/fair-time';
import type { LanguageCode } from '../domain/names';
import type { AlertRecord } from './alerts-store';

/** What organisers and webhooks receive: the alert without the table's bookkeeping. */
export function alertMessage(alert: AlertRecord) {
  const {
    feed: _feed,
    feedKey: _feedKey,
    deliveredAt: _delivered,
    acknowledgedAt: _acknowledgedAt,
    acknowledgedBy: _acknowledgedBy,
    escalation,
    kind,
    ...facts
  } = alert;
  return {
    ...facts,
    ...(kind && kind !== 'level' ? { kind } : {}),
    ...(escalation > 0 ? { escalation } : {}),
  };
}

/**
 * To the SNS topic organisers subscribe to: one short text for SMS in the organisers' language, an
 * e-mail with every detail, and the JSON for anything else subscribed (queues, HTTPS).
 */
export async function publishAlert(
  client: SNSClient,
  topicArn: string,
  alert: AlertRecord,
  place: Place,
  fair: { alertLanguage: LanguageCode; timezone: string },
): Promise<void> {
  const json = alertMessage(alert);
  const email = alertEmail(alert, place, fair.alertLanguage, zoneOf(fair), json);
  await client.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: email.subject,
      MessageStructure: 'json',
      Message: JSON.stringify({
        default: JSON.stringify(json),
        sms: alertSms(alert, place, fair.alertLanguage, zoneOf(fair)),
        email: email.body,
      }),
      MessageAttributes: { level: { DataType: 'String', StringValue: alert.level } },
    }),
  );
}
