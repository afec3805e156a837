import type { Roster } from '../../../shared/contract/answers';
import type { FairZone } from '../../../shared/domain/fair-time';
import { request } from './api';
import { h } from './dom';
import { explain } from './explain';
import { holderLabel } from './holder';
import { applyLanguage, formatTime, t } from './i18n';

type Person = Roster['registered'][number] | Roster['waitlist'][number];

/**
 * A workshop's people, at the door and at the registration desk: who registered and is not here yet
 * (a no-show's seat freed with two taps, and the waiting list moves up), and the waiting list by
 * name, next first. `idPrefix` keeps two panels' ids apart on one page (the desk's are `desk-…`).
 */
export function peoplePanel(zone: FairZone, changed: () => void, idPrefix = '') {
  const expected = h('ul', { class: 'people', id: `${idPrefix}expected` });
  const expectedEmpty = h('p', { class: 'muted', id: `${idPrefix}expected-empty`, t: 'everyoneHere' });
  expectedEmpty.hidden = true; // until the first roster says which
  const waitlist = h('ol', { class: 'waitlist', id: `${idPrefix}waitlist` });
  const waitlistEmpty = h('p', { class: 'muted', t: 'waitlistEmpty' });
  const problem = h('p', { class: 'form-error', role: 'alert', id: `${idPrefix}people-problem` });
  const element = h(
    'div',
    {},
    h('section', { class: 'card' }, h('h2', { t: 'notHereYet' }), expectedEmpty, expected, problem),
    h('section', { class: 'card' }, h('h2', { t: 'waitlist' }), waitlistEmpty, waitlist),
  );

  /**
   * The no-show asked about by a first tap, kept apart from the list: the list is redrawn every two
   * seconds, and a second tap on the redrawn button must still free the seat (not ask again).
   */
  let armed: { ticketId: string; until: number } | undefined;
  const isArmed = (ticketId: string) => armed?.ticketId === ticketId && armed.until > Date.now();

  function freeButton(workshopId: string, person: Person): HTMLElement {
    const pressed = isArmed(person.ticketId);
    const button = h('button', {
      type: 'button',
      class: 'no-show',
      'data-ticket': person.ticketId,
      'aria-pressed': String(pressed),
      t: pressed ? 'noShowConfirm' : 'noShow',
    });
    button.addEventListener('click', async () => {
      // Two taps within ten seconds: the first asks, the second frees the seat.
      if (!isArmed(person.ticketId)) {
        armed = { ticketId: person.ticketId, until: Date.now() + 10_000 };
        button.setAttribute('aria-pressed', 'true');
        button.dataset.t = 'noShowConfirm';
        button.textContent = t('noShowConfirm');
        return;
      }
      armed = undefined;
      problem.textContent = '';
      try {
        await request(
          `/v1/workshops/${encodeURIComponent(workshopId)}/registrations/${encodeURIComponent(person.ticketId)}`,
          { method: 'DELETE' },
        );
        changed();
      } catch (error) {
        problem.textContent = explain(error);
      }
    });
    return button;
  }

  return {
    element,
    show(roster: Roster): void {
      const absent = roster.registered.filter((person) => !person.admitted);
      expectedEmpty.hidden = absent.length > 0;
      // No one registered is not everyone here.
      expectedEmpty.dataset.t = roster.registered.length > 0 ? 'everyoneHere' : 'noneRegistered';
      expected.replaceChildren(
        ...absent.map((person) =>
          h('li', {}, h('span', { dir: 'auto' }, holderLabel(person)), ' ', freeButton(roster.workshopId, person)),
        ),
      );
      waitlistEmpty.hidden = roster.waitlist.length > 0;
      waitlist.replaceChildren(...roster.waitlist.map((person) => waitingRow(person, zone)));
      applyLanguage(element);
    },
  };
}

/** One on the waiting list: the name, and since when they wait (in the fair's time). */
function waitingRow(person: Roster['waitlist'][number], zone: FairZone): HTMLElement {
  return h(
    'li',
    {},
    h('span', { dir: 'auto' }, holderLabel(person)),
    ' ',
    h('span', { class: 'muted' }, t('since', { time: formatTime(person.since, zone) })),
  );
}
