import type { ScanConflict as Conflict } from '../../../shared/contract/answers';
import { fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { explain } from '../common/explain';
import { holderLabel } from '../common/holder';
import { applyLanguage, formatShortDay, formatTime, t } from '../common/i18n';
import { gateNameIn } from '../common/names';
import type { PageContext } from '../common/session';
import { alertPeopleCard } from './alert-people';
import type { Section } from './main';

/**
 * Where alerts go besides the dashboard (webhooks: listed, added, tested, deleted; the SMS and e-mail
 * subscribers are on the SNS topic), and the scans two offline devices disagreed on: what each device
 * said, what the server decided.
 */
interface Subscription {
  subscriptionId: string;
  url: string;
  createdAt: string;
}

export function alertsSection({ fair }: PageContext): Section {
  const subscriptions = h('ul', { class: 'subscriptions', id: 'subscriptions' });
  const url = h('input', { id: 'subscription-url', type: 'url', required: true, placeholder: 'https://', dir: 'ltr' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const secret = h('p', { class: 'notice-text', id: 'subscription-secret', hidden: true });
  const conflicts = h('tbody', { id: 'conflicts' });
  const when = (instant: string) =>
    `${formatShortDay(fairDay(new Date(instant), zoneOf(fair)))} ${formatTime(instant, zoneOf(fair))}`;
  const gateName = (gateId: string) => gateNameIn(fair, gateId) ?? gateId;

  const item = (subscription: Subscription) => {
    const status = h('span', { class: 'muted', role: 'status' });
    const test = h('button', { type: 'button', t: 'sendTest' });
    test.addEventListener('click', async () => {
      try {
        await request(`/v1/alert-subscriptions/${encodeURIComponent(subscription.subscriptionId)}/test`, { body: {} });
        status.textContent = t('testSent');
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    const remove = h('button', { type: 'button', class: 'danger', t: 'delete' });
    remove.addEventListener('click', async () => {
      if (!window.confirm(t('deleteSubscriptionConfirm', { url: subscription.url }))) return;
      try {
        await request(`/v1/alert-subscriptions/${encodeURIComponent(subscription.subscriptionId)}`, {
          method: 'DELETE',
        });
        await load();
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
  };

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
      await load();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });

  async function load(): Promise<void> {
    try {
      const [listed, found] = await Promise.all([
        request<{ subscriptions: Subscription[] }>('/v1/alert-subscriptions'),
        request<{ conflicts: Conflict[] }>('/v1/scans/conflicts'),
      ]);
      subscriptions.replaceChildren(...listed.subscriptions.map(item));
      if (listed.subscriptions.length === 0)
        subscriptions.replaceChildren(h('li', { class: 'muted', t: 'noSubscriptions' }));
      conflicts.replaceChildren(
        ...found.conflicts.map((conflict) =>
          h(
            'tr',
            { 'data-scan': conflict.scanId },
            h('td', {}, when(conflict.scannedAt)),
            h('td', {}, gateName(conflict.gateId)),
            // Whose ticket and which phone, as people know them; the ids stay a hover away.
            h(
              'td',
              { dir: 'auto', title: conflict.ticketId ?? '' },
              conflict.ticketId ? holderLabel({ ...conflict, ticketId: conflict.ticketId }) : '—',
            ),
            h(
              'td',
              { dir: 'auto', title: conflict.deviceId ?? '' },
              conflict.deviceLabel ?? (conflict.deviceId ? `…${conflict.deviceId.slice(-6)}` : '—'),
            ),
            h('td', {}, conflict.deviceSaid ? t(`verdict_${conflict.deviceSaid}`) : '—'),
            h('td', {}, t(`verdict_${conflict.verdict}`)),
          ),
        ),
      );
      if (found.conflicts.length === 0)
        conflicts.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'muted', t: 'noConflicts' })));
      applyLanguage(subscriptions.parentElement ?? subscriptions);
      applyLanguage(conflicts);
    } catch (error) {
      problem.textContent = explain(error);
    }
  }

  const people = alertPeopleCard();
  const element = h(
    'section',
    { class: 'organise-part' },
    people.element,
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'alertSubscriptions' }),
      h('p', { class: 'muted', t: 'alertSubscriptionsHelp' }),
      subscriptions,
      add,
      problem,
      secret,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'offlineConflicts' }),
      h('p', { class: 'muted', t: 'offlineConflictsHelp' }),
      scrollRegion(
        'offlineConflicts',
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...(['time', 'gate', 'ticket', 'device', 'deviceSaid', 'serverDecided'] as const).map((key) =>
                h('th', { t: key }),
              ),
            ),
          ),
          conflicts,
        ),
      ),
    ),
  );
  const both = () => void Promise.all([load(), people.load()]);
  return { id: 'alerts', title: 'tabAlerts', element, show: both, relabel: both };
}
