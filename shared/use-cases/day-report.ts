import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Gate } from '../domain/fair';
import { fairDay, fairIso, wallClock, zoneOf } from '../domain/fair-time';
import { byBusiest } from '../domain/footfall';
import { OUTSIDE } from '../domain/outside';
import { fairRegional } from '../domain/regional';
import { acknowledgement, type DayReport, type FairReport, type Flow } from '../domain/report-shapes';
import { CATEGORIES } from '../domain/ticket-token';
import { type GateDay, venueByHour } from '../domain/venue-history';
import { peakOn, unmatchedOutOn } from '../domain/zone-session';
import { listAlertsBetween } from '../store/alerts-store';
import { type FairMeta, getDayClosing, getFairLogo, listBooths, listGates } from '../store/fair-store';
import { listBoothRanking } from '../store/footfall-store';
import { fairHolders, type HolderCounts, holdersOn } from '../store/holders-store';
import { listIncidents } from '../store/incidents-store';
import { listPaperTallies } from '../store/paper-tallies-store';
import { type GateHourRecord, gateFigures, listGateHours, refusalsByVerdict } from '../store/projection-store';
import { listWorkshops } from '../store/workshops-store';
import { listZones, liveOf } from '../store/zones-store';
import { overridesOn } from './overrides';
import { regionalDay } from './regional-report';

export type { DayReport, FairReport, Flow };

/**
 * A fair day's report for the regional council and the ministry: how many came (ticketed and counted
 * walk-ins), distinct ticket holders, each zone's peak and when, people inside by hour, refusals by
 * reason, each workshop's and seminar's attendance against its seats, the booths busiest first, the
 * alerts and how fast each was acknowledged, and the day's closing. Everything comes from what the fair
 * already keeps, counted as it happens (gate hours, holders by category): no scan of the scan log.
 */
export interface ReportDeps {
  client: DynamoDBDocumentClient;
  tables: {
    fair: string;
    zones: string;
    stats: string;
    scans: string;
    workshops: string;
    alerts: string;
    tickets: string;
  };
  fair: FairMeta;
  now: () => Date;
}

const flow = (ticketed: number, counted: number): Flow => ({ total: ticketed + counted, ticketed, counted });

/** The day's gate hours by gate, with what they add up to. */
function gateTotals(hours: GateHourRecord[]) {
  const byGate = new Map<string, GateHourRecord[]>();
  for (const hour of hours) byGate.set(hour.gateId, [...(byGate.get(hour.gateId) ?? []), hour]);
  return new Map(
    [...byGate].map(([gateId, gateHours]) => [
      gateId,
      {
        ...gateFigures(gateHours),
        byHour: gateHours.map((hour) => ({ hour: hour.hour, ...gateFigures([hour]) })),
      },
    ]),
  );
}

export async function dayReport(deps: ReportDeps, day: string): Promise<DayReport> {
  const { fair } = deps;
  const now = deps.now();
  const today = fairDay(now, zoneOf(fair));
  const [hours, zones, closing, workshops, ranking, booths, gatesDescribed, logo] = await Promise.all([
    listGateHours(deps.client, deps.tables.stats, day),
    listZones(deps.client, deps.tables.zones),
    getDayClosing(deps.client, deps.tables.fair, day),
    listWorkshops(deps.client, deps.tables.workshops),
    listBoothRanking(deps.client, deps.tables.stats, day),
    listBooths(deps.client, deps.tables.fair),
    listGates(deps.client, deps.tables.fair),
    getFairLogo(deps.client, deps.tables.fair),
  ]);
  const dayStart = fairIso(day, '00:00', zoneOf(fair));
  const dayEnd = new Date(Date.parse(dayStart) + 86_400_000).toISOString();
  const daysWorkshops = workshops.filter((workshop) => fairDay(new Date(workshop.startsAt), zoneOf(fair)) === day);
  const [alerts, holders, overrides, incidents, paper, regional] = await Promise.all([
    listAlertsBetween(deps.client, deps.tables.alerts, new Date(Date.parse(dayStart)).toISOString(), dayEnd),
    holdersOn(deps.client, deps.tables.stats, day),
    overridesOn(deps.client, deps.tables.scans, fair, day),
    listIncidents(deps.client, deps.tables.fair, day),
    listPaperTallies(deps.client, deps.tables.fair, day),
    regionalDay(
      deps,
      day,
      booths,
      ranking,
      daysWorkshops.map((workshop) => workshop.workshopId),
    ),
  ]);

  const totals = gateTotals(hours);
  const refusedBy = refusalsByVerdict(hours);
  const outer = new Set(gatesDescribed.filter((gate) => gate.fromZoneId === OUTSIDE).map((gate) => gate.gateId));
  let entries = flow(0, 0);
  let exits = flow(0, 0);
  for (const [gateId, gate] of totals) {
    if (!outer.has(gateId)) continue;
    entries = flow(entries.ticketed + gate.ticketed.entries, entries.counted + gate.counted.entries);
    exits = flow(exits.ticketed + gate.ticketed.exits, exits.counted + gate.counted.exits);
  }
  const stats: GateDay[] = [...totals].map(([gateId, gate]) => ({ gateId, byHour: gate.byHour }));
  const hoursShown = Array.from({ length: 24 }, (_, hour) => hour);
  const lastHour = day < today ? 23 : day === today ? wallClock(now, zoneOf(fair)).hour : -1;
  const inside = venueByHour(gatesDescribed, stats, hoursShown, lastHour + 1, 0)
    .map((value, hour) => ({ hour, inside: value ?? 0 }))
    .filter((entry) => entry.hour <= lastHour && (entry.hour >= openingHour(fair, day) - 1 || entry.inside > 0));
  const byBooth = new Map(booths.map((booth) => [booth.boothId, booth]));
  const rankedBooths = ranking
    .filter((row) => row.visits > 0 || row.flaggedVisits > 0)
    .sort(byBusiest)
    .map((row, index) => ({
      rank: index + 1,
      boothId: row.boothId,
      exhibitor: byBooth.get(row.boothId)?.exhibitor ?? row.boothId,
      category: byBooth.get(row.boothId)?.category ?? '',
      visits: row.visits,
      badgeVisits: row.badgeVisits,
      countedVisits: row.countedVisits,
      ...(row.flaggedVisits > 0 ? { flaggedVisits: row.flaggedVisits } : {}),
      uniqueVisitors: row.uniqueVisitors,
    }));
  return {
    day,
    fair: { fairId: fair.fairId, name: fair.name, localNames: fair.localNames, ...(logo ? { logo } : {}) },
    generatedAt: now.toISOString(),
    partial: !closing?.completedAt && day >= today,
    entries,
    exits,
    ticketHolders: Object.values(holders).reduce((sum, n) => sum + n, 0),
    byCategory: holdersByCategory(holders),
    refusals: { total: Object.values(refusedBy).reduce((sum, n) => sum + n, 0), byVerdict: refusedBy },
    insideByHour: inside,
    gates: gatesDescribed
      .filter((gate: Gate) => totals.has(gate.gateId))
      .map((gate: Gate) => {
        const total = totals.get(gate.gateId) as NonNullable<ReturnType<typeof totals.get>>;
        return {
          gateId: gate.gateId,
          name: gate.name,
          ...(gate.names ? { names: gate.names } : {}),
          entries: flow(total.ticketed.entries, total.counted.entries),
          exits: flow(total.ticketed.exits, total.counted.exits),
          refused: total.refused,
        };
      }),
    zones: zones
      .filter((zone) => !zone.retiredAt)
      .map((zone) => {
        const peak = closing?.peaks?.[zone.zoneId] ?? peakOn(liveOf(zone), day);
        const swept = closing?.sweptOut?.[zone.zoneId];
        const unmatchedOut = closing?.completedAt
          ? (closing.unmatchedOut?.[zone.zoneId] ?? 0)
          : unmatchedOutOn(liveOf(zone), day);
        return {
          zoneId: zone.zoneId,
          name: zone.name,
          ...(zone.names ? { names: zone.names } : {}),
          ...(zone.parentId ? { parentId: zone.parentId } : {}),
          capacity: zone.capacity,
          ...(peak ? { peak } : {}),
          ...(swept !== undefined ? { sweptOut: swept } : {}),
          ...(unmatchedOut > 0 ? { unmatchedOut } : {}),
        };
      }),
    workshops: daysWorkshops
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .map((workshop) => ({
        workshopId: workshop.workshopId,
        kind: workshop.kind ?? 'workshop',
        title: workshop.title,
        ...(workshop.titles ? { titles: workshop.titles } : {}),
        startsAt: workshop.startsAt,
        capacity: workshop.capacity,
        registered: workshop.registered,
        attended: workshop.attended ?? 0,
        status: workshop.cancelledAt ? 'cancelled' : 'held',
      })),
    booths: rankedBooths,
    decisions: zones
      .flatMap((zone) =>
        (zone.changes ?? [])
          .filter((change) => fairDay(new Date(change.at), zoneOf(fair)) === day)
          .map(({ at, by, reason, ...fields }) => ({
            zoneId: zone.zoneId,
            at,
            by,
            ...(reason ? { reason } : {}),
            // The zone's changes are written from the update's strict schema: its rule fields only.
            changes: fields as DayReport['decisions'][number]['changes'],
          })),
      )
      .sort((a, b) => a.at.localeCompare(b.at)),
    regional,
    overrides: {
      total: overrides.length,
      byVerdict: overrides.reduce<Record<string, number>>((counts, entry) => {
        if (entry.refused) counts[entry.refused] = (counts[entry.refused] ?? 0) + 1;
        return counts;
      }, {}),
      list: overrides.map(({ scanId: _scan, ...entry }) => entry),
    },
    paper: {
      entries: paper.reduce((sum, tally) => sum + tally.in, 0),
      exits: paper.reduce((sum, tally) => sum + tally.out, 0),
      tallies: paper
        .sort((a, b) => a.gateId.localeCompare(b.gateId) || a.from.localeCompare(b.from))
        .map(({ gateId, from, to, in: entered, out, by }) => ({ gateId, from, to, in: entered, out, by })),
    },
    incidents: incidents
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ incidentId, kind, zoneId, text, at, by }) => ({
        incidentId,
        kind,
        ...(zoneId ? { zoneId } : {}),
        text,
        at,
        by,
      })),
    alerts: alerts.map((alert) => ({
      alertId: alert.alertId,
      kind: alert.kind ?? 'level',
      zoneId: alert.zoneId,
      level: alert.level,
      previousLevel: alert.previousLevel,
      count: alert.count,
      capacity: alert.capacity,
      raisedAt: alert.raisedAt,
      escalation: alert.escalation,
      ...(alert.acknowledgedAt
        ? {
            acknowledgedAt: alert.acknowledgedAt,
            ...(alert.acknowledgedBy ? { acknowledgedBy: alert.acknowledgedBy } : {}),
            secondsToAcknowledge: Math.max(
              0,
              Math.round((Date.parse(alert.acknowledgedAt) - Date.parse(alert.raisedAt)) / 1000),
            ),
          }
        : {}),
    })),
    ...(closing
      ? {
          closing: {
            closedAt: closing.closedAt,
            by: closing.by,
            ...(closing.completedAt ? { completedAt: closing.completedAt } : {}),
            sweptOut: closing.sweptOut ?? {},
            ...(closing.ticketsSwept !== undefined ? { ticketsSwept: closing.ticketsSwept } : {}),
          },
        }
      : {}),
  };
}

/** Distinct ticket holders admitted, by category, in the categories' own order; none left out. */
function holdersByCategory(counts: HolderCounts): DayReport['byCategory'] {
  return CATEGORIES.map((category) => ({ category, holders: counts[category] ?? 0 }));
}

function openingHour(fair: FairMeta, day: string): number {
  const hours = fair.hours.find((entry) => entry.day === day);
  return Number((hours?.opens ?? '10:00').slice(0, 2));
}

/** The whole fair: every day begun so far, added up; distinct ticket holders over all of them. */
export async function fairReport(deps: ReportDeps): Promise<FairReport> {
  const today = fairDay(deps.now(), zoneOf(deps.fair));
  const days = deps.fair.days.filter((day) => day <= today);
  const reports: DayReport[] = [];
  for (const day of days) reports.push(await dayReport(deps, day));
  const holders = await fairHolders(deps.client, deps.tables.stats, days);
  const sum = (pick: (report: DayReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const root = reports[0]?.zones.find((zone) => !zone.parentId)?.zoneId;
  const zones = new Map<string, FairReport['zones'][number]>();
  for (const report of reports)
    for (const zone of report.zones) {
      const known = zones.get(zone.zoneId) ?? {
        zoneId: zone.zoneId,
        name: zone.name,
        ...(zone.names ? { names: zone.names } : {}),
        capacity: zone.capacity,
      };
      if (zone.peak && (!known.peak || zone.peak.count > known.peak.count))
        known.peak = { ...zone.peak, day: report.day };
      zones.set(zone.zoneId, known);
    }
  const booths = new Map<string, DayReport['booths'][number]>();
  for (const report of reports)
    for (const booth of report.booths) {
      const known = booths.get(booth.boothId) ?? {
        ...booth,
        visits: 0,
        badgeVisits: 0,
        countedVisits: 0,
        uniqueVisitors: 0,
      };
      known.visits += booth.visits;
      known.badgeVisits += booth.badgeVisits;
      known.countedVisits += booth.countedVisits;
      if (booth.flaggedVisits) known.flaggedVisits = (known.flaggedVisits ?? 0) + booth.flaggedVisits;
      known.uniqueVisitors += booth.uniqueVisitors;
      booths.set(booth.boothId, known);
    }
  const alertFigures = acknowledgement(reports.flatMap((report) => report.alerts));
  return {
    fair: reports[0]?.fair ?? { fairId: deps.fair.fairId, name: deps.fair.name, localNames: deps.fair.localNames },
    generatedAt: deps.now().toISOString(),
    days: reports.map((report) => {
      const venuePeak = report.zones.find((zone) => zone.zoneId === root)?.peak;
      return {
        day: report.day,
        partial: report.partial,
        entries: report.entries,
        ticketHolders: report.ticketHolders,
        ...(venuePeak ? { venuePeak } : {}),
        refusals: report.refusals.total,
        workshopsAttended: report.workshops.reduce((total, workshop) => total + workshop.attended, 0),
        alerts: acknowledgement(report.alerts).alerts,
      };
    }),
    entries: flow(
      sum((report) => report.entries.ticketed),
      sum((report) => report.entries.counted),
    ),
    ticketHolders: Object.values(holders).reduce((sum, n) => sum + n, 0),
    byCategory: holdersByCategory(holders),
    zones: [...zones.values()],
    workshops: reports.flatMap((report) => report.workshops),
    booths: [...booths.values()].sort(byBusiest).map((booth, index) => ({ ...booth, rank: index + 1 })),
    regional: fairRegional(reports.map((report) => report.regional)),
    ...alertFigures,
  };
}
