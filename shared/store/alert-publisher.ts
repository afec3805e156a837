import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { alertEmail, alertSms, type Place } from '../domain/alert-text';
import type { LanguageCode } from '../domain/names';
import type { AlertRecord } from './alerts-store';

/** What organisers and webhooks receive: the alert without the table's bookkeeping. */
export function alertMessage(alert: AlertRecord) {
  return {
    alertId: alert.alertId,
    ...(alert.kind === 'dayClosed' ? { kind: alert.kind, day: alert.day, sweptOut: alert.sweptOut } : {}),
    ...(alert.kind === 'implausible-count'
      ? {
          kind: alert.kind,
          gateId: alert.gateId,
          deviceId: alert.deviceId,
          credentialLabel: alert.credentialLabel,
          people: alert.people,
          perMinute: alert.perMinute,
        }
      : {}),
    zoneId: alert.zoneId,
    level: alert.level,
    previousLevel: alert.previousLevel,
    count: alert.count,
    capacity: alert.capacity,
    raisedAt: alert.raisedAt,
    ...(alert.escalation > 0 ? { escalation: alert.escalation } : {}),
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
  const email = alertEmail(alert, place, fair.alertLanguage, fair.timezone, json);
  await client.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: email.subject,
      MessageStructure: 'json',
      Message: JSON.stringify({
        default: JSON.stringify(json),
        sms: alertSms(alert, place, fair.alertLanguage, fair.timezone),
        email: email.body,
      }),
      MessageAttributes: { level: { DataType: 'String', StringValue: alert.level } },
    }),
  );
}
