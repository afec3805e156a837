import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { now } from '#shared/clock';
import { resource } from '#shared/config';
import { subscriptionSecret } from '#shared/domain/webhook-signature';
import { webhookUrlProblem } from '#shared/domain/webhook-url';
import { ValidationFailedError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parseJsonBody } from '#shared/http/request';
import { json } from '#shared/http/response';
import { cached } from '#shared/store/cached';
import { dynamo, secrets } from '#shared/store/clients';
import { readSecret } from '#shared/store/secret-store';
import { putSubscription } from '#shared/store/subscriptions-store';

const SubscriptionSchema = z.object({ kind: z.literal('webhook'), url: z.string().max(2000) }).strict();
const masterSecret = cached(() => readSecret(secrets(), resource('WEBHOOK_SECRET_ARN')), 10 * 60_000);

/** POST /v1/alert-subscriptions (organiser): the signing secret is shown once, in this answer. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const body = parseJsonBody(event, SubscriptionSchema);
  const problem = webhookUrlProblem(body.url, process.env.RAWAQ_ALLOW_LOOPBACK_WEBHOOKS === '1');
  if (problem) throw new ValidationFailedError('this URL cannot receive alerts', [{ path: 'url', message: problem }]);
  const subscriptionId = randomUUID();
  await putSubscription(dynamo(), resource('FAIR_TABLE'), {
    subscriptionId,
    kind: 'webhook',
    url: body.url,
    createdAt: now().toISOString(),
  });
  return json(201, {
    subscriptionId,
    kind: 'webhook',
    url: body.url,
    secret: subscriptionSecret(await masterSecret(), subscriptionId),
    signature: 'x-rawaq-signature: sha256=<hex HMAC-SHA256 with this secret of "<x-rawaq-timestamp>.<body>">',
  });
});
