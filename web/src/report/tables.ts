import { ZONE_RULE_FIELDS } from '../../../shared/domain/fair';
import { isRegionalWord, type RegionalGroup } from '../../../shared/domain/regional';
import type { DayReport } from '../../../shared/domain/report-shapes';
import { h, scrollRegion } from '../common/dom';
import { formatNumber, fromTo, t } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { nameOf } from '../common/names';

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
export function regionalTables(
  groups: RegionalGroup[],
  reader: { categoryName: (categoryId: string) => string; provinceName: (provinceId: string) => string },
): HTMLElement {
  const word = (dimension: RegionalGroup['dimension'], value: string) =>
    dimension === 'category'
      ? reader.categoryName(value)
      : dimension === 'province' && value !== 'unknown'
        ? reader.provinceName(value)
        : isRegionalWord(value)
          ? t(`regional_${value}`)
          : value;
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

/** What organisers changed on a zone that day, in the order they did: when, which zone, what, who, why. */
export function decisionsSection(
  decisions: DayReport['decisions'],
  words: { zoneName: (zoneId: string) => string; time: (instant: string) => string },
): HTMLElement {
  // Only what changed: the zones page sends every rule with each save.
  const what = (changes: DayReport['decisions'][number]['changes']) =>
    ZONE_RULE_FIELDS.flatMap((field) => {
      const change = changes[field];
      if (!change || shown(change.from) === shown(change.to)) return [];
      return [`${t(`field_${field}`)}: ${fromTo(shown(change.from), shown(change.to))}`];
    }).join(' · ');
  return h(
    'section',
    { id: 'decisions' },
    h('h3', { t: 'decisionsTitle' }),
    decisions.length > 0
      ? table(
          'decisionsTitle',
          [t('time'), t('zone'), t('decisionWhat'), t('decisionBy'), t('decisionWhy')],
          decisions.map((decision) => [
            words.time(decision.at),
            words.zoneName(decision.zoneId),
            h('bdi', {}, what(decision.changes)),
            nameOf(decision.by),
            decision.reason ?? '—',
          ]),
        )
      : h('p', { class: 'muted', t: 'noDecisions' }),
  );
}

/** A figure as the decisions table shows it: thresholds as percentages, the rest as written. */
function shown(value: unknown): string {
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(
        ([key, part]) =>
          `${key} ${typeof part === 'number' && part <= 1 ? `${Math.round(part * 100)} %` : String(part)}`,
      )
      .join(', ');
  return typeof value === 'number' ? formatNumber(value) : String(value ?? '—');
}

/** Where the organiser who files the report signs: prepared by, signature and stamp, in Arabic and French. */
export function signatureBlock(generated: string): HTMLElement {
  const line = (ar: string, fr: string) =>
    h(
      'p',
      { class: 'signature-line' },
      h('span', { lang: 'ar', dir: 'rtl' }, ar),
      ' / ',
      h('span', { lang: 'fr', dir: 'ltr' }, fr),
      ' : ______________________________',
    );
  return h(
    'section',
    { class: 'signature-block', id: 'signature-block' },
    line('أعدّه', 'Établi par'),
    line('التاريخ', 'Date'),
    line('التوقيع والختم', 'Signature et cachet'),
    h('footer', { class: 'muted report-foot' }, generated),
  );
}
