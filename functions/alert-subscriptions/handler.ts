import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { SubscriptionSchema } from '#shared/contract/alerts';
import { subscriptionSecret } from '#shared/domain/webhook-signature';
import { resolveWebhookTarget } from '#shared/outbound/webhook-target';
import { listPeople, subscribePerson, unsubscribePerson } from '#shared/store/alert-topic-store';
import { cached } from '#shared/store/cached';
import { dynamo, secrets, sns, sqs } from '#shared/store/clients';
import { enqueueDeliveries } from '#shared/store/delivery-queue';
import { readSecret } from '#shared/store/secret-store';
import { deleteSubscription, listSubscriptions, putSubscription } from '#shared/store/subscriptions-store';

export const SubscriptionPathSchema = z.object({ subscriptionId: z.uuid() });
const masterSecret = cached(() => readSecret(secrets(), resource('WEBHOOK_SECRET_ARN')), 10 * 60_000);

/**
 * The local runtime's topic is the SQS/SNS emulator's: it keeps subscriptions but sends no SMS or
 * e-mail (the function is told its endpoint; on AWS it has none).
 */
const emulatedTopic = () => Boolean(process.env.AWS_ENDPOINT_URL_SNS);

/**
 * People on the alert topic: POST `{kind: "sms", phone}` or `{kind: "email", email}` subscribes them
 * (an address confirms from AWS's message first), GET lists them beside the webhooks, DELETE removes a
 * confirmed one by its id. Webhooks:
 * POST /v1/alert-subscriptions (the signing secret is shown once, in this answer), GET to list them
 * (never a secret), DELETE /v1/alert-subscriptions/{subscriptionId}, POST .../{subscriptionId}/test
 * (a test alert, delivered like the others); organiser. A URL whose host
 * resolves to any address that is not public is refused; one that does not resolve now is kept with a
 * warning (each delivery resolves it again, and checks again).
 */
/** Organisers only; the fair table holds the webhooks, the alert topic the people. */
function organising(event: AuthorizedEvent) {
  requirePermission(event, { kind: 'organiser' });
  return { table: resource('FAIR_TABLE'), topic: resource('ALERT_TOPIC_ARN') };
}

export const handler = httpHandler(
  byRoute('alert-subscriptions')({
    'GET /v1/alert-subscriptions': async (event) => {
      const { table, topic } = organising(event);
      const [subscriptions, people] = await Promise.all([listSubscriptions(dynamo(), table), listPeople(sns(), topic)]);
      return json(200, {
        subscriptions: subscriptions.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        people,
        peopleReached: !emulatedTopic(),
      });
    },
    'POST /v1/alert-subscriptions': async (event) => {
      const { table, topic } = organising(event);
      const body = parseJsonBody(event, SubscriptionSchema);
      if (body.kind !== 'webhook') {
        const person = await subscribePerson(sns(), topic, body.kind, body.kind === 'sms' ? body.phone : body.email);
        return json(201, { ...person, reached: !emulatedTopic() });
      }
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
        ...(target.ok
          ? {}
          : { warning: `${target.problem}: alerts wait until it does (each delivery resolves it again)` }),
      });
    },
    'DELETE /v1/alert-subscriptions/{subscriptionId}': async (event) => {
      const { table, topic } = organising(event);
      const { subscriptionId } = parsePath(event, SubscriptionPathSchema);
      if (
        !(await deleteSubscription(dynamo(), table, subscriptionId)) &&
        !(await unsubscribePerson(sns(), topic, subscriptionId))
      )
        throw new NotFoundError(`no alert subscription ${subscriptionId}`);
      return json(200, { subscriptionId, deleted: true });
    },
    'POST /v1/alert-subscriptions/{subscriptionId}/test': async (event) => {
      const { table } = organising(event);
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
    },
  }),
);
