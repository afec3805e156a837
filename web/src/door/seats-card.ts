import { zoneOf } from '../../../shared/domain/fair-time';
import { fill, h } from '../common/dom';
import { formatNumber, formatTime, labelled, t } from '../common/i18n';
import type { Fair, Workshop } from '../common/types';

/** The seats left, large, and the workshop's facts: its status, doors, admitted, attended, registered. */
export function seatsCard(fair: Fair) {
  const seats = h('div', { class: 'big-number', id: 'seats-left' });
  const of = h('span', { id: 'of-seats' });
  const facts = h('div', { class: 'door-facts', id: 'door-facts' });
  const element = h(
    'section',
    { class: 'card seats' },
    seats,
    h('div', { class: 'seats-label' }, h('span', { t: 'seatsLeft' }), ' ', of),
    facts,
  );
  const time = (instant: string) => formatTime(instant, zoneOf(fair));
  return {
    element,
    show(workshop: Workshop): void {
      seats.textContent = formatNumber(workshop.seatsLeft);
      seats.dataset.value = String(workshop.seatsLeft);
      element.classList.toggle('full', workshop.seatsLeft === 0);
      of.textContent = t('ofSeats', { capacity: workshop.capacity });
      fill(
        facts,
        h('span', {}, t(`status_${workshop.status}`)),
        h('span', {}, t('doors', { open: time(workshop.doorsOpenAt), close: time(workshop.doorsCloseAt) })),
        h('span', {}, labelled(t('admitted'), workshop.admitted)),
        h('span', { id: 'attended' }, labelled(t('attended'), workshop.attended ?? 0)),
        workshop.registrationRequired ? h('span', {}, labelled(t('registered'), workshop.registered)) : null,
      );
    },
  };
}
