import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { subscriptionSecret } from '#shared/domain/webhook-signature';
import { resolveWebhookTarget } from '#shared/outbound/webhook-target';
import { cached } from '#shared/store/cached';
import { dynamo, secrets, sqs } from '#shared/store/clients';
import { enqueueDeliveries } from '#shared/store/delivery-queue';
import { readSecret } from '#shared/store/secret-store';
import { deleteSubscription, listSubscriptions, putSubscription } from '#shared/store/subscriptions-store';

export const SubscriptionSchema = z.object({ kind: z.literal('webhook'), url: z.string().max(2000) }).strict();
export const SubscriptionPathSchema = z.object({ subscriptionId: z.uuid() });
const masterSecret = cached(() => readSecret(secrets(), resource('WEBHOOK_SECRET_ARN')), 10 * 60_000);

/**
 * POST /v1/alert-subscriptions (the signing secret is shown once, in this answer), GET to list them
 * (never a secret), DELETE /v1/alert-subscriptions/{subscriptionId}, POST .../{subscriptionId}/test
 * (a test alert, delivered like the others); organiser. A URL whose host
 * resolves to any address that is not public is refused; one that does not resolve now is kept with a
 * warning (each delivery resolves it again, and checks again).
 */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const table = resource('FAIR_TABLE');
  if (event.routeKey.endsWith('/test')) {
    // A test alert through the same queue as real ones: signed, retried, dead-lettered the same way.
    const { subscriptionId } = parsePath(event, SubscriptionPathSchema);
    const subscription = (await listSubscriptions(dynamo(), table)).find(
      (item) => item.subscriptionId === subscriptionId,
    );
    if (!subscription) throw new NotFoundError(`no alert subscription ${subscriptionId}`);
    const sentAt = now().toISOString();
    const deliveryId = `test#${sentAt}#${subscriptionId}`;
    await enqueueDeliveries(sqs(), resource('ALERT_DELIVERY_QUEUE_URL'), [
      {
        deliveryId,
        subscriptionId,
        url: subscription.url,
        body: JSON.stringify({ kind: 'test', message: 'A test from Rawaq: this address receives alerts.', sentAt }),
      },
    ]);
    return json(202, { subscriptionId, deliveryId, sentAt });
  }
  if (event.routeKey.startsWith('DELETE')) {
    const { subscriptionId } = parsePath(event, SubscriptionPathSchema);
    if (!(await deleteSubscription(dynamo(), table, subscriptionId)))
      throw new NotFoundError(`no alert subscription ${subscriptionId}`);
    return json(200, { subscriptionId, deleted: true });
  }
  if (event.routeKey.startsWith('GET')) {
    const subscriptions = await listSubscriptions(dynamo(), table);
    return json(200, { subscriptions: subscriptions.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) });
  }
  const body = parseJsonBody(event, SubscriptionSchema);
  const target = await resolveWebhookTarget(body.url, process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS === '1');
  if (!target.ok && target.kind === 'refused')
    throw new ValidationFailedError('this URL cannot receive alerts', [{ path: 'url', message: target.problem }]);
  const subscriptionId = randomUUID();
  const createdAt = now().toISOString();
  await putSubscription(dynamo(), table, { subscriptionId, kind: 'webhook', url: body.url, createdAt });
  return json(201, {
    subscriptionId,
    kind: 'webhook',
    url: body.url,
    createdAt,
    secret: subscriptionSecret(await masterSecret(), subscriptionId),
    signature: 'x-rawaq-signature: sha256=<hex HMAC-SHA256 with this secret of "<x-rawaq-timestamp>.<body>">',
    ...(target.ok ? {} : { warning: `${target.problem}: alerts wait until it does (each delivery resolves it again)` }),
  });
});
