/** The simulated fair: its random crowd, what the API answers it, and what a day's report must agree with. */
import type { Morning } from './morning';

let seed = 2027;
export const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
export const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
/** Arrival minute after opening on a 600-minute day: a morning peak around 11:30 and an afternoon one around 16:00. */
export const arrival = () =>
  Math.max(0, Math.min(560, (random() < 0.55 ? 90 : 360) + (random() + random() + random() - 1.5) * 90));

export interface Fair {
  timezone: string;
  days: string[];
  /** Each day's opening and closing as instants, on the fair's own offsets (never this machine's zone data). */
  hours: { day: string; opens: string; opensAt: string; closesAt: string }[];
  closingGraceMinutes: number;
  now: string;
  booths: { boothId: string }[];
  zones: { zoneId: string; parentId?: string }[];
  /** Each category's gates and hours (exhibitors before the public). */
  access: { category: string; gates?: string[]; hours: { day: string; opensAt: string }[] }[];
}

export interface Session {
  workshopId: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationRequired: boolean;
  status?: string;
}

export interface DayReport {
  partial: boolean;
  entries: { total: number; ticketed: number; counted: number };
  ticketHolders: number;
  zones: { zoneId: string; parentId?: string; peak?: { count: number } }[];
  workshops: { workshopId: string; attended: number }[];
  overrides: { total: number };
  incidents: unknown[];
  alerts: { kind: string }[];
}

export interface DayResult {
  day: string;
  walkIns: number;
  ticketHolders: number;
  peak: number;
  worstGap: number;
  stayed: number;
  sweptOut: number;
  morningCount: number;
  /** Distinct tickets admitted at each session's door. */
  attended: Map<string, Set<string>>;
  /** The most taps and scans that were on their way at once (sent with the next flush, or in flight). */
  onTheWay: number;
  /** Ticket holders turned away at the entrance, by verdict (none expected: every ticket is valid every day). */
  refused: Map<string, number>;
  /** Ticket holders whose entry was answered after closing time (a slow machine), turned away rightly. */
  tooLate: number;
  /** Before the public: exhibitors, the drill, an override and an incident. */
  morning: Morning;
}

/** The morning held to the rules (exhibitors in, the public not yet, the drill's refusals and roll call) and to the report. */
function morningDisagreements(morning: Morning, report: DayReport): string[] {
  const problems: string[] = [];
  for (const [verdict, times] of morning.refused)
    problems.push(`${times} exhibitor entr(ies) before opening refused: ${verdict}`);
  if (morning.earlyVisitor !== 'FAIR_CLOSED')
    problems.push(`a visitor before the public opening was told ${morning.earlyVisitor}, not FAIR_CLOSED`);
  if (report.overrides.total !== morning.overrides)
    problems.push(`overrides: the report says ${report.overrides.total}, the supervisor made ${morning.overrides}`);
  if (report.incidents.length !== morning.incidents)
    problems.push(`incidents: the report lists ${report.incidents.length}, ${morning.incidents} were logged`);
  const { drill } = morning;
  if (!drill) return problems;
  if (drill.refusedEntry !== 'EVACUATION')
    problems.push(`an entry during the drill was told ${drill.refusedEntry}, not EVACUATION`);
  if (drill.rollCall !== drill.insideAtStart)
    problems.push(`the roll call named ${drill.rollCall} of the ${drill.insideAtStart} inside`);
  if (drill.leftOnRollCall !== 0) problems.push(`the roll call still named ${drill.leftOnRollCall} once all were out`);
  for (const kind of ['evacuation', 'evacuation-ended'])
    if (!report.alerts.some((alert) => alert.kind === kind)) problems.push(`the report has no ${kind} notice`);
  return problems;
}

/**
 * The day's report held to what the simulator sent: entries (ticketed, counted), distinct ticket
 * holders and each session's attendance exactly; the venue's peak within what was on its way at once
 * (the projection saw the crowd up to that many taps late or early). Returns the disagreements.
 */
export function disagreements(result: DayResult, report: DayReport): string[] {
  const problems: string[] = [];
  const same = (what: string, reported: number, sent: number) => {
    if (reported !== sent) problems.push(`${what}: the report says ${reported}, the simulator sent ${sent}`);
  };
  if (report.partial) problems.push('the report still calls the day partial after its closing');
  for (const [verdict, times] of result.refused)
    problems.push(`${times} ticket holder(s) turned away at the entrance: ${verdict}`);
  same('entries counted (walk-ins)', report.entries.counted, result.walkIns);
  same('entries with a ticket', report.entries.ticketed, result.ticketHolders + result.morning.entries);
  same('distinct ticket holders', report.ticketHolders, result.ticketHolders + result.morning.holders);
  for (const [workshopId, tokens] of result.attended)
    same(
      `attendance at ${workshopId}`,
      report.workshops.find((row) => row.workshopId === workshopId)?.attended ?? 0,
      tokens.size,
    );
  const venuePeak = report.zones.find((zone) => !zone.parentId)?.peak?.count ?? 0;
  if (Math.abs(venuePeak - result.peak) > result.onTheWay)
    problems.push(
      `the venue's peak: the report says ${venuePeak}, the simulated crowd peaked at ${result.peak} (more than the ${result.onTheWay} on their way apart)`,
    );
  problems.push(...morningDisagreements(result.morning, report));
  return problems;
}

/** What the simulator reads while it waits for a day's closing: the venue now, and the alerts. */
export interface ClosingView {
  occupancy: { day: string; venue: { count: number; closed?: boolean } };
  alerts: { kind?: string; day?: string; sweptOut?: number }[];
}

/** The `dayClosed` alert of `day`, if it has been raised. */
export const dayClosedAlert = (day: string, alerts: ClosingView['alerts']) =>
  alerts.find((alert) => alert.kind === 'dayClosed' && alert.day === day);

/**
 * How many `day`'s scheduled closing swept out, once it is seen to have closed: its own `dayClosed`
 * alert, nobody inside, and the venue closed, or the fair clock already on a later day. (A machine slow
 * enough to play the day late reaches the closing near midnight; past it, the venue's `closed` is the
 * next day's, and a full run in lanes failed waiting for it.) `undefined` while it has not.
 */
export function sweptAtClosing(day: string, { occupancy, alerts }: ClosingView): number | undefined {
  const event = dayClosedAlert(day, alerts);
  const over = occupancy.venue.closed === true || occupancy.day > day;
  return event && over && occupancy.venue.count === 0 ? (event.sweptOut ?? 0) : undefined;
}
