import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertRecord } from './alerts-store';

/** What organisers and webhooks receive: the alert without the table's bookkeeping. */
export function alertMessage(alert: AlertRecord) {
  return {
    alertId: alert.alertId,
    ...(alert.kind === 'dayClosed' ? { kind: alert.kind, day: alert.day, sweptOut: alert.sweptOut } : {}),
    zoneId: alert.zoneId,
    level: alert.level,
    previousLevel: alert.previousLevel,
    count: alert.count,
    capacity: alert.capacity,
    raisedAt: alert.raisedAt,
    ...(alert.escalation > 0 ? { escalation: alert.escalation } : {}),
  };
}

/** To the SNS topic organisers subscribe to by e-mail or SMS: a subject a phone shows whole. */
export async function publishAlert(
  client: SNSClient,
  topicArn: string,
  alert: AlertRecord,
  zoneName: string,
): Promise<void> {
  const escalation = alert.escalation > 0 ? ` (reminder ${alert.escalation})` : '';
  const subject =
    alert.kind === 'dayClosed'
      ? `Rawaq: ${alert.day} closed, ${alert.sweptOut ?? 0} still counted swept out`
      : `Rawaq: ${zoneName} is ${alert.level}${escalation}`;
  await client.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: subject.slice(0, 99),
      Message: JSON.stringify(alertMessage(alert)),
      MessageAttributes: { level: { DataType: 'String', StringValue: alert.level } },
    }),
  );
}
