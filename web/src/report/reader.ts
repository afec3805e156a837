import { zoneOf } from '../../../shared/domain/fair-time';
import type { DayReport, Flow } from '../../../shared/domain/report-shapes';
import { h } from '../common/dom';
import { formatTime, language, t } from '../common/i18n';
import { categoryNameIn, gateNameIn, provinceNameIn, zoneNameIn } from '../common/names';
import type { Fair } from '../common/types';
import { signatureBlock, table } from './tables';

/** How a report names what it shows: the fair, its zones, gates and categories, and its times, in the reader's language. */
export function reportReader(fair: Fair) {
  const fairName = () => fair.localNames?.[language()] ?? fair.name;
  const time = (instant: string) => formatTime(instant, zoneOf(fair));
  return {
    fair,
    fairName,
    time,
    /** The fair's name in the other of Arabic and French: a document filed with the region reads both. */
    otherLanguageName(): HTMLElement | string {
      const other = language() === 'ar' ? 'fr' : 'ar';
      const name = fair.localNames?.[other];
      return name && name !== fairName()
        ? h('p', { class: 'report-other-name', lang: other, dir: other === 'ar' ? 'rtl' : 'ltr' }, name)
        : '';
    },
    categoryName: (categoryId: string) => categoryNameIn(fair, categoryId),
    provinceName: (provinceId: string) => provinceNameIn(fair, provinceId),
    zoneName: (zoneId: string) => zoneNameIn(fair, zoneId) ?? zoneId,
    gateName: (gateId: string) => gateNameIn(fair, gateId) ?? gateId,
    flowText: (flow: Flow) => t('flowSplit', { ticketed: flow.ticketed, counted: flow.counted }),
    signature: (report: { generatedAt: string }) =>
      signatureBlock(t('generatedAt', { time: time(report.generatedAt) })),
  };
}

export type ReportReader = ReturnType<typeof reportReader>;

/** A report's header: the fair's logo and name in both languages, and what the report covers. */
export function reportHead(
  reader: ReportReader,
  report: { fair: { logo?: string } },
  ...what: (HTMLElement | string)[]
): HTMLElement {
  return h(
    'header',
    { class: 'report-head' },
    report.fair.logo ? h('img', { class: 'report-logo', src: report.fair.logo, alt: '' }) : '',
    h('h1', { dir: 'auto' }, reader.fairName()),
    reader.otherLanguageName(),
    ...what,
  );
}

/** Who came, by ticket category: every category listed, none left out for being 0. */
export function byCategoryTable(rows: DayReport['byCategory']): HTMLElement {
  return h(
    'section',
    { id: 'report-categories' },
    h('h3', { t: 'holdersByCategory' }),
    table(
      'holdersByCategory',
      [t('category'), t('ticketHolders')],
      rows.map((row) => [t(`category_${row.category}`), row.holders]),
      [1],
    ),
  );
}

/** The booths with the most visits, first 20. */
export function busiestBooths(
  booths: { rank: number; boothId: string; exhibitor: string; visits: number; uniqueVisitors?: number }[],
  withUnique: boolean,
): HTMLElement {
  const shown = booths.slice(0, 20);
  return h(
    'section',
    {},
    h('h3', { t: 'busiestBooths' }),
    withUnique
      ? table(
          'busiestBooths',
          ['#', t('booth'), t('exhibitor'), t('visits'), t('uniqueVisitors')],
          shown.map((booth) => [booth.rank, booth.boothId, booth.exhibitor, booth.visits, booth.uniqueVisitors ?? 0]),
          [0, 3, 4],
        )
      : table(
          'busiestBooths',
          ['#', t('booth'), t('exhibitor'), t('visits')],
          shown.map((booth) => [booth.rank, booth.boothId, booth.exhibitor, booth.visits]),
          [0, 3],
        ),
  );
}
