import { h } from '../common/dom';
import { timeSpan } from '../common/i18n';
import type { Fair } from '../common/types';

/** The quarter hours a gate is used on a day: from the earliest any category may come in to closing. */
function quarters(fair: Fair, day: string, gateId: string): string[] {
  const hours = [
    fair.hours.find((each) => each.day === day),
    ...(fair.access ?? [])
      .filter((rule) => !rule.gates || rule.gates.includes(gateId))
      .map((rule) => rule.hours.find((each) => each.day === day)),
  ].filter((each) => each !== undefined);
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const from = Math.min(...hours.map((each) => minutes(each.opens)));
  const to = Math.max(...hours.map((each) => minutes(each.closes)));
  const clock = (total: number) =>
    `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  const rows: string[] = [];
  for (let at = Math.floor(from / 15) * 15; at < to; at += 15) rows.push(timeSpan(clock(at), clock(at + 15)));
  return rows;
}

/**
 * A gate's paper tally for a day: Arabic and French (the stewards read either), a row a quarter hour,
 * strokes for in and out, totals, and who kept it. Entered afterwards from /organise.
 */
export function tallySheet(fair: Fair, day: string, gateId: string): HTMLElement {
  const gate = fair.gates.find((each) => each.gateId === gateId);
  const both = (ar: string, fr: string) =>
    h('span', {}, h('span', { lang: 'ar', dir: 'rtl' }, ar), ' / ', h('span', { lang: 'fr', dir: 'ltr' }, fr));
  return h(
    'article',
    { class: 'tally-sheet', 'data-gate': gateId },
    h('p', { class: 'tally-fair' }, both(fair.localNames?.ar ?? fair.name, fair.localNames?.fr ?? fair.name)),
    h(
      'h2',
      { class: 'tally-gate' },
      both(gate?.names?.ar ?? gate?.name ?? gateId, gate?.names?.fr ?? gate?.name ?? gateId),
      ` · ${day}`,
    ),
    h(
      'table',
      { class: 'tally-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, both('الوقت', 'Heure')),
          h('th', {}, both('دخول', 'Entrées')),
          h('th', {}, both('خروج', 'Sorties')),
        ),
      ),
      h(
        'tbody',
        {},
        ...quarters(fair, day, gateId).map((row) => h('tr', {}, h('td', { dir: 'ltr' }, row), h('td'), h('td'))),
        h('tr', { class: 'tally-total' }, h('td', {}, both('المجموع', 'Total')), h('td'), h('td')),
      ),
    ),
    h('p', { class: 'tally-sign' }, both('المكلّف والتوقيع', 'Agent et signature'), ' : ______________________'),
  );
}
