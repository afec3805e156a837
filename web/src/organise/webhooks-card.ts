import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, t } from '../common/i18n';

/** A webhook alerts are posted to. */
export interface Subscription {
  subscriptionId: string;
  url: string;
  createdAt: string;
}

/** One webhook: its address, since when, a test alert sent, deleted after a confirmation. */
function webhookItem(subscription: Subscription, when: (instant: string) => string, changed: () => Promise<void>) {
  const path = `/v1/alert-subscriptions/${encodeURIComponent(subscription.subscriptionId)}`;
  const status = h('span', { class: 'muted', role: 'status' });
  const test = h('button', { type: 'button', t: 'sendTest' });
  test.addEventListener('click', async () => {
    try {
      await request(`${path}/test`, { body: {} });
      status.textContent = t('testSent');
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  const remove = h('button', { type: 'button', class: 'danger', t: 'delete' });
  remove.addEventListener('click', async () => {
    if (!window.confirm(t('deleteSubscriptionConfirm', { url: subscription.url }))) return;
    try {
      await request(path, { method: 'DELETE' });
      await changed();
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return h(
    'li',
    { 'data-subscription': subscription.subscriptionId },
    h('code', { dir: 'ltr' }, subscription.url),
    h('span', { class: 'muted' }, ` · ${when(subscription.createdAt)} `),
    h('div', { class: 'row' }, test, remove),
    status,
  );
}

/**
 * Where alerts go besides the dashboard: webhooks listed, added (their signing secret shown once),
 * tested and deleted. `changed` reads the section again.
 */
export function webhooksCard(when: (instant: string) => string, changed: () => Promise<void>) {
  const list = h('ul', { class: 'subscriptions', id: 'subscriptions' });
  const url = h('input', { id: 'subscription-url', type: 'url', required: true, placeholder: 'https://', dir: 'ltr' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const secret = h('p', { class: 'notice-text', id: 'subscription-secret', hidden: true });
  const add = h(
    'form',
    { class: 'row', id: 'new-subscription' },
    h('label', { for: 'subscription-url', t: 'webhookUrl' }),
    url,
    h('button', { type: 'submit', class: 'primary', t: 'add' }),
  );
  add.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    try {
      const made = await request<{ secret: string; warning?: string }>('/v1/alert-subscriptions', {
        body: { kind: 'webhook', url: url.value.trim() },
      });
      secret.hidden = false;
      secret.textContent = `${t('secretOnce')} ${made.secret}${made.warning ? ` · ${made.warning}` : ''}`;
      url.value = '';
      await changed();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  const element = h(
    'section',
    { class: 'card' },
    h('h2', { t: 'alertSubscriptions' }),
    h('p', { class: 'muted', t: 'alertSubscriptionsHelp' }),
    list,
    add,
    problem,
    secret,
  );
  return {
    element,
    problem,
    show(subscriptions: Subscription[]): void {
      list.replaceChildren(...subscriptions.map((each) => webhookItem(each, when, changed)));
      if (subscriptions.length === 0) list.replaceChildren(h('li', { class: 'muted', t: 'noSubscriptions' }));
      applyLanguage(element);
    },
  };
}
