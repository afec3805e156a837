import { newestLoad, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, t } from '../common/i18n';

interface Person {
  subscriptionId?: string;
  kind: 'sms' | 'email';
  to: string;
  pending: boolean;
}

/** SMS or e-mail, and the number or address: the field's keyboard follows the channel. */
function channelFields() {
  const channel = h(
    'select',
    { id: 'person-channel', 't-label': 'alertChannel' },
    h('option', { value: 'sms', t: 'channelSms' }),
    h('option', { value: 'email', t: 'channelEmail' }),
  );
  const to = h('input', {
    id: 'person-to',
    required: true,
    type: 'tel',
    inputmode: 'tel',
    dir: 'ltr',
    't-label': 'alertPersonTo',
  });
  // Said in the field too: beside the channel there is no room for a label on a phone.
  to.dataset.tPlaceholder = 'alertPersonTo';
  channel.addEventListener('change', () => {
    to.type = channel.value === 'email' ? 'email' : 'tel';
    to.inputMode = channel.value === 'email' ? 'email' : 'tel';
  });
  return { channel, to };
}

/** One person on the topic, removed after a confirmation (one still confirming cannot be, yet). */
function personItem(person: Person, problem: HTMLElement, changed: () => Promise<void>): HTMLElement {
  const remove = person.subscriptionId
    ? h('button', { type: 'button', class: 'danger', t: 'delete' })
    : h('span', { class: 'muted', t: 'alertPersonPending' });
  remove.addEventListener('click', async () => {
    if (!person.subscriptionId || !window.confirm(t('deletePersonConfirm', { to: person.to }))) return;
    try {
      await request(`/v1/alert-subscriptions/${encodeURIComponent(person.subscriptionId)}`, { method: 'DELETE' });
      await changed();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  return h(
    'li',
    { 'data-person': person.to },
    h('span', { t: person.kind === 'sms' ? 'channelSms' : 'channelEmail' }),
    ' ',
    h('code', { dir: 'ltr' }, person.to),
    ' ',
    remove,
  );
}

/**
 * Organisers' phones (SMS) and addresses (e-mail) on the alert topic: added and removed here rather
 * than in the AWS console. An address receives alerts once it confirms from AWS's message; on the venue
 * machine nothing is sent (the emulator keeps them), and the card says so.
 */
export function alertPeopleCard(): { element: HTMLElement; load: () => Promise<void> } {
  const list = h('ul', { class: 'subscriptions', id: 'alert-people' });
  const notReached = h('p', { class: 'notice-text', id: 'alert-people-local', hidden: true, t: 'alertPeopleLocal' });
  const { channel, to } = channelFields();
  const problem = h('p', { class: 'form-error', role: 'alert', id: 'person-problem' });
  const form = h(
    'form',
    { class: 'row', id: 'new-person' },
    channel,
    to,
    h('button', { type: 'submit', class: 'primary', t: 'add' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    try {
      const kind = channel.value as Person['kind'];
      await request('/v1/alert-subscriptions', {
        body: kind === 'sms' ? { kind, phone: to.value.trim() } : { kind, email: to.value.trim() },
      });
      to.value = '';
      await load();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  const load = newestLoad(
    () => request<{ people: Person[]; peopleReached: boolean }>('/v1/alert-subscriptions'),
    (listed) => {
      problem.textContent = '';
      notReached.hidden = listed.peopleReached;
      list.replaceChildren(...listed.people.map((person) => personItem(person, problem, load)));
      if (listed.people.length === 0) list.replaceChildren(h('li', { class: 'muted', t: 'noAlertPeople' }));
      applyLanguage(element);
    },
    (error) => {
      problem.textContent = explain(error);
    },
  );
  const element = h(
    'section',
    { class: 'card', id: 'alert-people-card' },
    h('h2', { t: 'alertPeople' }),
    h('p', { class: 'muted', t: 'alertPeopleHelp' }),
    notReached,
    list,
    form,
    problem,
  );
  return { element, load };
}
