import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { logger } from '#commons/logger';
import { AlertDeliverySchema } from '#events/alert-delivery';
import { SIGNATURE_HEADER, signBody, subscriptionSecret, TIMESTAMP_HEADER } from '#shared/domain/webhook-signature';
import { postToTarget, resolveWebhookTarget } from '#shared/outbound/webhook-target';
import { cached } from '#shared/store/cached';
import { dynamo, secrets, sqs } from '#shared/store/clients';
import { returnMessagesAfter } from '#shared/store/queue-visibility';
import { readSecret } from '#shared/store/secret-store';
import { subscriptionExists } from '#shared/store/subscriptions-store';

const processor = new BatchProcessor(EventType.SQS);
const masterSecret = cached(() => readSecret(secrets(), resource('WEBHOOK_SECRET_ARN')), 10 * 60_000);
/** Retry n waits base x 2^(n-1) seconds (2, 4, 8, ... capped): a struggling endpoint gets air. */
const BACKOFF_BASE_SECONDS = 2;
const BACKOFF_CAP_SECONDS = 600;

async function deliver(record: SQSRecord): Promise<void> {
  const delivery = AlertDeliverySchema.parse(JSON.parse(record.body));
  if (!(await subscriptionExists(dynamo(), resource('FAIR_TABLE'), delivery.subscriptionId))) {
    logger.info('webhook dropped: its subscription was deleted', { subscriptionId: delivery.subscriptionId });
    return;
  }
  const target = await resolveWebhookTarget(delivery.url, process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS === '1');
  if (!target.ok && target.kind === 'refused') {
    logger.warn('webhook dropped: its address is not allowed', {
      subscriptionId: delivery.subscriptionId,
      problem: target.problem,
    });
    return;
  }
  const timestamp = String(Math.floor(Date.now() / 1000));
  const secret = subscriptionSecret(await masterSecret(), delivery.subscriptionId);
  let status: number | undefined;
  try {
    if (target.ok)
      status = await postToTarget(
        target,
        {
          'content-type': 'application/json',
          'x-rawaq-delivery-id': delivery.deliveryId,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signBody(secret, timestamp, delivery.body),
        },
        delivery.body,
        5000,
      );
  } catch {
    status = undefined;
  }
  if (status !== undefined && status >= 200 && status < 300) return;
  const receives = Number(record.attributes.ApproximateReceiveCount);
  const delay = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (receives - 1));
  // Without it the message still returns, after the queue's own timeout.
  await returnMessagesAfter(sqs(), resource('ALERT_DELIVERY_QUEUE_URL'), [
    { receiptHandle: record.receiptHandle, seconds: delay },
  ]);
  throw new Error(
    `webhook ${delivery.subscriptionId} answered ${status ?? (target.ok ? 'nothing' : 'nothing: it does not resolve')}; retry ${receives} in ${delay} s`,
  );
}

/** Fed by the alert delivery queue: POSTs each alert, signed; failures come back with backoff, then go to the DLQ. */
export const handler = eventHandler(async (event: SQSEvent) => processPartialResponse(event, deliver, processor));
