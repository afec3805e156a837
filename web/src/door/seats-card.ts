import { type FairZone, fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { fill, h } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import { formatNumber, formatShortDay, formatTime, labelled, t } from '../common/i18n';
import type { Fair, Workshop } from '../common/types';

/** The fair day a workshop is on, on the fair's clock. */
export const workshopDay = (workshop: Workshop, zone: FairZone): string => fairDay(new Date(workshop.startsAt), zone);

/**
 * A fair day as the door's list names it: "Today, Fri 26 Mar", or the day alone. A fair of six days has a
 * 10:00 workshop most days: the time alone does not tell them apart.
 */
export function doorDayLabel(day: string, zone: FairZone): string {
  return day === fairToday(zone) ? t('todayIs', { day: formatShortDay(day) }) : formatShortDay(day);
}

/**
 * The seats left, large, and the workshop's facts: its status, its day (unless today), doors, admitted,
 * attended, registered.
 */
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
  const zone = zoneOf(fair);
  const time = (instant: string) => formatTime(instant, zone);
  return {
    element,
    show(workshop: Workshop): void {
      const day = workshopDay(workshop, zone);
      seats.textContent = formatNumber(workshop.seatsLeft);
      seats.dataset.value = String(workshop.seatsLeft);
      element.classList.toggle('full', workshop.seatsLeft === 0);
      of.textContent = t('ofSeats', { capacity: workshop.capacity });
      fill(
        facts,
        h('span', {}, t(`status_${workshop.status}`)),
        day === fairToday(zone) ? null : h('span', { id: 'door-day' }, doorDayLabel(day, zone)),
        h('span', {}, t('doors', { open: time(workshop.doorsOpenAt), close: time(workshop.doorsCloseAt) })),
        h('span', {}, labelled(t('admitted'), workshop.admitted)),
        h('span', { id: 'attended' }, labelled(t('attended'), workshop.attended ?? 0)),
        workshop.registrationRequired ? h('span', {}, labelled(t('registered'), workshop.registered)) : null,
      );
    },
  };
}
