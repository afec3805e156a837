import type { RegionalGroup } from '../../../shared/domain/regional';
import { h, scrollRegion } from '../common/dom';
import { formatNumber, t, tKnown } from '../common/i18n';
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

/**
 * The exhibitors' figures by the region's attributes: a table a dimension (legal form, province,
 * women-led, youth-led, product category), each group's booths, visits, leads, workshop attendance and
 * declared sales (a total over three booths or more, else "withheld").
 */
export function regionalTables(groups: RegionalGroup[], categoryName: (categoryId: string) => string): HTMLElement {
  const word = (dimension: RegionalGroup['dimension'], value: string) =>
    dimension === 'category'
      ? categoryName(value)
      : dimension === 'province' && value !== 'unknown'
        ? value
        : tKnown(`regional_${value}`, value);
  return h(
    'section',
    { id: 'regional' },
    h('h3', { t: 'regionalTitle' }),
    h('p', { class: 'muted', t: 'regionalHelp' }),
    ...(['legalForm', 'province', 'womenLed', 'youthLed', 'category'] as const).map((dimension) =>
      h(
        'div',
        { class: 'regional-dimension', 'data-dimension': dimension },
        h('h4', { t: `regionalBy_${dimension}` }),
        table(
          'regionalTitle',
          [
            t(`regionalBy_${dimension}`),
            t('regionalBooths'),
            t('visits'),
            t('regionalLeads'),
            t('regionalAttendance'),
            t('regionalSales'),
          ],
          groups
            .filter((group) => group.dimension === dimension)
            .sort((a, b) => b.booths - a.booths || a.value.localeCompare(b.value))
            .map((group) => [
              word(dimension, group.value),
              group.booths,
              group.visits,
              group.leads,
              group.workshopAttendance,
              group.salesMad !== undefined ? group.salesMad : group.salesBooths > 0 ? t('regionalWithheld') : '–',
            ]),
          [1, 2, 3, 4, 5],
        ),
      ),
    ),
  );
}
