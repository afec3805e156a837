import { h, scrollRegion } from '../common/dom';
import { formatNumber } from '../common/i18n';
import type { MessageKey } from '../common/messages';

/** A report's table: on paper whole, on a phone scrolling sideways in a region the keyboard reaches. */
export function table(
  label: MessageKey,
  columns: string[],
  rows: (string | number | Node)[][],
  numeric: number[] = [],
): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted', t: 'nothingYet' });
  return scrollRegion(label, tableOf(columns, rows, numeric));
}

function tableOf(columns: string[], rows: (string | number | Node)[][], numeric: number[]): HTMLElement {
  return h(
    'table',
    { class: 'report-table' },
    h(
      'thead',
      {},
      h('tr', {}, ...columns.map((column, index) => h('th', numeric.includes(index) ? { class: 'num' } : {}, column))),
    ),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          ...row.map((cell, index) =>
            h(
              'td',
              numeric.includes(index) ? { class: 'num' } : { dir: 'auto' },
              typeof cell === 'number' ? formatNumber(cell) : cell,
            ),
          ),
        ),
      ),
    ),
  );
}

/** A key figure: its label, the number in the reader's digits, and a line under it. */
export function figure(label: string, value: number, detail?: string): HTMLElement {
  return h(
    'div',
    { class: 'report-figure' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, formatNumber(value)),
    detail ? h('div', { class: 'muted' }, detail) : '',
  );
}
