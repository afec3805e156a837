import { h } from '../common/dom';
import { fairToday } from '../common/fair-clock';
import { applyLanguage, formatShortDay } from '../common/i18n';
import { openPrintJob } from '../common/print-job';
import type { Fair } from '../common/types';

/**
 * The outage kit: if the network and the power both fail, the gates still count on paper. Printed ahead,
 * one A4 per gate for a day, a row every 15 minutes from the earliest opening to closing, in and out.
 */
export function paperKitCard(fair: Fair): HTMLElement {
  const today = fairToday(fair.timezone);
  const day = h(
    'select',
    { id: 'tally-day' },
    ...fair.days.map((each) => h('option', { value: each, selected: each === today }, formatShortDay(each))),
  );
  const print = h('button', { type: 'button', id: 'print-tallies', t: 'printTallies' });
  print.addEventListener('click', () =>
    openPrintJob({ kind: 'tallies', day: day.value, gateIds: fair.gates.map((gate) => gate.gateId) }),
  );
  const card = h(
    'div',
    { class: 'card', id: 'paper-kit' },
    h('h3', { t: 'paperKitTitle' }),
    h('p', { class: 'muted', t: 'paperKitHelp' }),
    h('div', { class: 'row' }, h('label', { for: day.id, t: 'day' }), day, print),
  );
  applyLanguage(card);
  return card;
}
