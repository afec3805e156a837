import { wallClock, zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { fieldPair, h, labelledField } from '../common/dom';
import { explain } from '../common/explain';
import { fairToday } from '../common/fair-clock';
import { applyLanguage, localName, t } from '../common/i18n';
import { openPrintJob } from '../common/print-job';
import type { Fair, Workshop } from '../common/types';

/**
 * The outage kit: if the network and the power both fail, the gates still count on paper. Printed ahead,
 * one A4 per gate for a day, a row every 15 minutes from the earliest opening to closing, in and out;
 * and each of the day's workshops' roster (who registered, blank lines for the rest, present, signature).
 */
export function paperKitCard(fair: Fair): HTMLElement {
  const today = fairToday(zoneOf(fair));
  const day = h(
    'select',
    { id: 'tally-day' },
    ...fair.days.map((each) => h('option', { value: each, 'data-short-day': each, selected: each === today })),
  );
  const print = h('button', { type: 'button', id: 'print-tallies', t: 'printTallies' });
  print.addEventListener('click', () =>
    openPrintJob({ kind: 'tallies', day: day.value, gateIds: fair.gates.map((gate) => gate.gateId) }),
  );
  const status = h('p', { role: 'status', id: 'rosters-status' });
  const rosters = h('button', { type: 'button', id: 'print-rosters', t: 'printRosters' });
  rosters.addEventListener('click', async () => {
    status.textContent = '';
    try {
      const { workshops } = await request<{ workshops: Workshop[] }>('/v1/workshops');
      const workshopIds = workshops
        .filter(
          (each) => each.status !== 'cancelled' && wallClock(new Date(each.startsAt), zoneOf(fair)).day === day.value,
        )
        .map((each) => each.workshopId);
      if (workshopIds.length === 0) status.textContent = t('noWorkshopsThatDay');
      else openPrintJob({ kind: 'rosters', day: day.value, workshopIds });
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  const card = h(
    'div',
    { class: 'card', id: 'paper-kit' },
    h('h3', { t: 'paperKitTitle' }),
    h('p', { class: 'muted', t: 'paperKitHelp' }),
    h('div', { class: 'row' }, h('label', { for: day.id, t: 'day' }), day, print, rosters),
    status,
    tallyEntry(fair, () => day.value),
  );
  applyLanguage(card);
  return card;
}

/** After the cut: a sheet's window entered, reported as paper beside the live counts. */
function tallyEntry(fair: Fair, day: () => string): HTMLElement {
  const field = (id: string, attributes: Record<string, string | number | boolean>) =>
    h('input', { id, required: true, ...attributes });
  const gate = h(
    'select',
    { id: 'tally-gate' },
    ...fair.gates.map((each) => h('option', { value: each.gateId, dir: 'auto' }, localName(each))),
  );
  const from = field('tally-from', { type: 'time', step: 900 });
  const to = field('tally-to', { type: 'time', step: 900 });
  const entered = field('tally-in', { type: 'number', min: 0, max: 100_000, value: 0 });
  const left = field('tally-out', { type: 'number', min: 0, max: 100_000, value: 0 });
  const status = h('p', { role: 'status', id: 'tally-status' });
  const form = h(
    'form',
    { class: 'tally-entry', id: 'tally-entry' },
    h('h4', { t: 'paperTallyEnter' }),
    ...labelledField('gate', gate),
    // Each label above its field: in a row, a phone wrapped "To" and "Exits" to a line's end, their
    // fields alone on the next.
    fieldPair(['paperFrom', from], ['paperUntil', to]),
    fieldPair(['entries', entered], ['exits', left]),
    h('button', { type: 'submit', class: 'primary', t: 'save' }),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      await request(`/v1/gates/${encodeURIComponent(gate.value)}/paper-tallies`, {
        body: { day: day(), from: from.value, to: to.value, in: Number(entered.value), out: Number(left.value) },
      });
      status.textContent = t('paperTallySaved');
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return form;
}
