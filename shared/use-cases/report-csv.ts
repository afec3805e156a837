import { categoryWord, csvHeader, toCsv } from '../commons/csv';
import type { CsvQuery } from '../contract/csv';
import type { DayReport, FairReport } from './day-report';

/**
 * The reports as CSV: one table after another (a title line, a header, the rows, a blank line), so a
 * spreadsheet shows each section where a person expects it.
 */
function sections(parts: { title: string; columns: string[]; rows: (string | number)[][] }[], query: CsvQuery): string {
  const text = parts
    .map(
      (part) =>
        toCsv(csvHeader([part.title], query.lang), [], query).replace(/^\uFEFF/, '') +
        toCsv(csvHeader(part.columns, query.lang), part.rows, query).replace(/^\uFEFF/, ''),
    )
    .join('\r\n');
  return `\uFEFF${text}`;
}

export function dayReportCsv(report: DayReport, query: CsvQuery): string {
  const name = (item: { name: string; names?: { ar: string; fr: string; en: string } }) =>
    (query.lang && item.names?.[query.lang]) || item.name;
  const label = (measure: string) => csvHeader([measure], query.lang)[0] ?? measure;
  return sections(
    [
      {
        title: `${(query.lang && report.fair.localNames[query.lang]) || report.fair.name} ${report.day}`,
        columns: ['measure', 'total', 'ticketed', 'counted'],
        rows: [
          [label('entries'), report.entries.total, report.entries.ticketed, report.entries.counted],
          [label('exits'), report.exits.total, report.exits.ticketed, report.exits.counted],
          [label('ticketHolders'), report.ticketHolders, report.ticketHolders, 0],
          [label('refusals'), report.refusals.total, report.refusals.total, 0],
        ],
      },
      byCategorySection(report.byCategory, query),
      {
        title: 'gates',
        columns: ['gateId', 'gate', 'entries', 'ticketed', 'counted', 'exits', 'refusals'],
        rows: report.gates.map((gate) => [
          gate.gateId,
          name(gate),
          gate.entries.total,
          gate.entries.ticketed,
          gate.entries.counted,
          gate.exits.total,
          gate.refused,
        ]),
      },
      {
        title: 'zones',
        columns: ['zoneId', 'zone', 'capacity', 'peak', 'peakAt', 'sweptOut'],
        rows: report.zones.map((zone) => [
          zone.zoneId,
          name(zone),
          zone.capacity,
          zone.peak?.count ?? 0,
          zone.peak?.at ?? '',
          zone.sweptOut ?? 0,
        ]),
      },
      {
        title: 'insideByHour',
        columns: ['hour', 'inside'],
        rows: report.insideByHour.map((entry) => [entry.hour, entry.inside]),
      },
      {
        title: 'refusals',
        columns: ['verdict', 'count'],
        rows: Object.entries(report.refusals.byVerdict).sort((a, b) => b[1] - a[1]),
      },
      workshopsSection(report.workshops, query),
      boothsSection(report.booths),
      {
        title: 'decisions',
        columns: ['at', 'zoneId', 'by', 'reason', 'changes'],
        rows: report.decisions.map((decision) => [
          decision.at,
          decision.zoneId,
          decision.by,
          decision.reason ?? '',
          changesText(decision.changes),
        ]),
      },
      {
        title: 'alerts',
        columns: [
          'alertId',
          'zoneId',
          'level',
          'count',
          'capacity',
          'raisedAt',
          'acknowledgedAt',
          'secondsToAcknowledge',
        ],
        rows: report.alerts.map((alert) => [
          alert.alertId,
          alert.zoneId,
          alert.level,
          alert.count,
          alert.capacity,
          alert.raisedAt,
          alert.acknowledgedAt ?? '',
          alert.secondsToAcknowledge ?? '',
        ]),
      },
    ],
    query,
  );
}

export function fairReportCsv(report: FairReport, query: CsvQuery): string {
  return sections(
    [
      {
        title: (query.lang && report.fair.localNames[query.lang]) || report.fair.name,
        columns: ['day', 'entries', 'ticketed', 'counted', 'ticketHolders', 'peak', 'refusals', 'attended', 'alerts'],
        rows: report.days.map((day) => [
          day.day,
          day.entries.total,
          day.entries.ticketed,
          day.entries.counted,
          day.ticketHolders,
          day.venuePeak?.count ?? 0,
          day.refusals,
          day.workshopsAttended,
          day.alerts,
        ]),
      },
      byCategorySection(report.byCategory, query),
      workshopsSection(report.workshops, query),
      boothsSection(report.booths),
    ],
    query,
  );
}

function byCategorySection(byCategory: DayReport['byCategory'], query: CsvQuery) {
  return {
    title: 'byCategory',
    columns: ['category', 'holders'],
    rows: byCategory.map((row) => [categoryWord(row.category, query.lang), row.holders]),
  };
}

function workshopsSection(workshops: DayReport['workshops'], query: CsvQuery) {
  return {
    title: 'workshops',
    columns: ['workshopId', 'title', 'startsAt', 'capacity', 'registered', 'attended', 'status'],
    rows: workshops.map((workshop) => [
      workshop.workshopId,
      (query.lang && workshop.titles?.[query.lang]) || workshop.title,
      workshop.startsAt,
      workshop.capacity,
      workshop.registered,
      workshop.attended,
      workshop.status,
    ]),
  };
}

function boothsSection(booths: DayReport['booths']) {
  return {
    title: 'booths',
    columns: ['rank', 'boothId', 'exhibitor', 'category', 'visits', 'uniqueVisitors'],
    rows: booths.map((booth) => [
      booth.rank,
      booth.boothId,
      booth.exhibitor,
      booth.category,
      booth.visits,
      booth.uniqueVisitors,
    ]),
  };
}

/** A decision's changes as a person reads them: only what changed, `capacity: 160 → 120`. */
function changesText(changes: Partial<Record<string, { from: unknown; to: unknown }>>): string {
  const text = (value: unknown): string =>
    value !== null && typeof value === 'object'
      ? Object.entries(value)
          .map(([key, each]) => `${key} ${String(each)}`)
          .join(' ')
      : String(value);
  return Object.entries(changes)
    .flatMap(([field, change]) => (change && text(change.from) !== text(change.to) ? [[field, change] as const] : []))
    .map(([field, change]) => `${field}: ${text(change.from)} → ${text(change.to)}`)
    .join(', ');
}
