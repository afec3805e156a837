import type { ZoneRuleField } from './fair';
import type { Level } from './levels';
import type { Names } from './names';
import type { RegionalGroup } from './regional';
import type { Category } from './ticket-token';

/**
 * What a day's report and the whole fair's report say, as the API answers them and the /report page
 * reads them: one shape for both, so the page cannot drift from the server.
 */
export interface Flow {
  total: number;
  ticketed: number;
  counted: number;
}

export interface DayReport {
  day: string;
  /** `logo`: the fair's logo as its file gives it (a data URL), for the printed header. */
  fair: { fairId: string; name: string; localNames: Names; logo?: string };
  generatedAt: string;
  /** The day is not over yet: the figures are so far. */
  partial: boolean;
  entries: Flow;
  exits: Flow;
  ticketHolders: number;
  /** The distinct ticket holders admitted, by ticket category (visitors, exhibitors, press...). */
  byCategory: { category: Category; holders: number }[];
  refusals: { total: number; byVerdict: Record<string, number> };
  insideByHour: { hour: number; inside: number }[];
  gates: { gateId: string; name: string; names?: Names; entries: Flow; exits: Flow; refused: number }[];
  zones: {
    zoneId: string;
    name: string;
    names?: Names;
    parentId?: string;
    capacity: number;
    peak?: { count: number; at: string };
    sweptOut?: number;
    /** Walk-ins counted out when none was counted in: left out of the count, which never goes below 0. */
    unmatchedOut?: number;
  }[];
  workshops: {
    workshopId: string;
    kind: string;
    title: string;
    titles?: Names;
    startsAt: string;
    capacity: number;
    registered: number;
    attended: number;
    status: string;
  }[];
  booths: {
    rank: number;
    boothId: string;
    exhibitor: string;
    category: string;
    /** Badge-verified and self-counted: what ranks is the badge-verified. */
    visits: number;
    badgeVisits: number;
    countedVisits: number;
    /** Self-counted beyond the booth's plausible pace: kept apart, never counted. */
    flaggedVisits?: number;
    uniqueVisitors: number;
  }[];
  /** What organisers changed on a zone that day (capacity, thresholds), by whom and why. */
  decisions: {
    zoneId: string;
    at: string;
    by: string;
    reason?: string;
    changes: Partial<Record<ZoneRuleField, { from: unknown; to: unknown }>>;
  }[];
  /** The exhibitors' figures by the region's attributes (sales only as totals over 3 booths or more). */
  regional: RegionalGroup[];
  /** Entries a supervisor let through despite a refusal: how many, of which refusals, who and why. */
  overrides: {
    total: number;
    byVerdict: Record<string, number>;
    list: { ticketId?: string; gateId: string; at: string; refused?: string; reason?: string; by?: string }[];
  };
  /**
   * Walk-ins counted on paper during a cut and entered afterwards: beside the live figures, never in
   * them (a gate may have been counted both ways for part of the window).
   */
  paper: {
    entries: number;
    exits: number;
    tallies: { gateId: string; from: string; to: string; in: number; out: number; by: string }[];
  };
  /** What happened on the floor, in the order it was recorded (kinds and short texts only). */
  incidents: { incidentId: string; kind: string; zoneId?: string; text: string; at: string; by: string }[];
  alerts: {
    alertId: string;
    kind: string;
    zoneId: string;
    level: Level;
    previousLevel: Level;
    count: number;
    capacity: number;
    raisedAt: string;
    escalation: number;
    acknowledgedAt?: string;
    acknowledgedBy?: string;
    secondsToAcknowledge?: number;
  }[];
  closing?: {
    closedAt: string;
    by: string;
    completedAt?: string;
    sweptOut: Record<string, number>;
    ticketsSwept?: number;
  };
}

export interface FairReport {
  fair: DayReport['fair'];
  generatedAt: string;
  days: {
    day: string;
    partial: boolean;
    entries: Flow;
    ticketHolders: number;
    venuePeak?: { count: number; at: string };
    refusals: number;
    workshopsAttended: number;
    alerts: number;
  }[];
  entries: Flow;
  /** Distinct tickets admitted on any day. */
  ticketHolders: number;
  byCategory: DayReport['byCategory'];
  zones: {
    zoneId: string;
    name: string;
    names?: Names;
    capacity: number;
    peak?: { count: number; at: string; day: string };
  }[];
  workshops: DayReport['workshops'];
  booths: DayReport['booths'];
  regional: RegionalGroup[];
  alerts: number;
  alertsAcknowledged: number;
  medianSecondsToAcknowledge?: number;
}

/**
 * The alerts that call for someone to acknowledge them, how many were, and the median wait. A day's
 * closing is in the feed as a record, not an alert: nobody acknowledges it, so it is not counted as one
 * left unanswered.
 */
export function acknowledgement(alerts: Pick<DayReport['alerts'][number], 'kind' | 'secondsToAcknowledge'>[]): {
  alerts: number;
  alertsAcknowledged: number;
  medianSecondsToAcknowledge?: number;
} {
  const answerable = alerts.filter((alert) => alert.kind !== 'dayClosed');
  const waits = answerable
    .map((alert) => alert.secondsToAcknowledge)
    .filter((seconds): seconds is number => seconds !== undefined)
    .sort((a, b) => a - b);
  return {
    alerts: answerable.length,
    alertsAcknowledged: waits.length,
    ...(waits.length > 0 ? { medianSecondsToAcknowledge: waits[Math.floor((waits.length - 1) / 2)] as number } : {}),
  };
}
