/** The API's answers as the pages read them (the contract's shapes, only the fields used here). */
export type Role = 'organiser' | 'gate' | 'host' | 'exhibitor';

export interface Me {
  credentialId: string;
  role: Role;
  scope: { gates?: string[]; workshops?: string[]; booth?: string };
  label: string;
}

/** A name in each of the pages' languages (the API fills every one). */
export interface Names {
  ar: string;
  fr: string;
  en: string;
}

export interface Zone {
  zoneId: string;
  name: string;
  names?: Names;
  parentId?: string;
  capacity: number;
}

export interface DayHours {
  day: string;
  opens: string;
  closes: string;
  opensAt: string;
  closesAt: string;
}

export interface Gate {
  gateId: string;
  name: string;
  names?: Names;
  zoneId: string;
  fromZoneId: string;
}

export interface Booth {
  boothId: string;
  exhibitor: string;
  category: string;
  zoneId: string;
}

export interface Workshop {
  workshopId: string;
  title: string;
  titles?: Names;
  zoneId?: string;
  startsAt: string;
  endsAt: string;
  doorsOpenAt: string;
  doorsCloseAt: string;
  capacity: number;
  registrationRequired: boolean;
  registered: number;
  waitlisted: number;
  admitted: number;
  /** Distinct tickets admitted in total: exits do not lower it. */
  attended?: number;
  seatsLeft: number;
  status: 'scheduled' | 'open' | 'closed' | 'full' | string;
}

export interface Category {
  categoryId: string;
  name: string;
  names?: Names;
}

export interface Fair {
  fairId: string;
  name: string;
  localNames?: Names;
  timezone: string;
  /** Each day's offset from UTC: the pages convert times with these, never with the phone's zone data. */
  utcOffsets?: Record<string, string>;
  /** The zone data the functions run on, and whether it agrees with the fair's file. */
  timeZoneData?: { version: string; agreesWithFile: boolean | null; disagreements: { day: string }[] };
  categories?: Category[];
  days: string[];
  hours: DayHours[];
  closingGraceMinutes: number;
  now: string;
  zones: Zone[];
  gates: Gate[];
  booths: Booth[];
  workshops: Workshop[];
}

export type Level = 'normal' | 'warning' | 'critical' | 'full';

export type Coverage = 'full' | 'partial' | 'none';

export interface ZoneOccupancy extends Zone {
  count: number;
  ticketed: number;
  counted: number;
  level: Level;
  updatedAt?: string;
  doors: { total: number; inUse: number };
  coverage: Coverage;
  closed: boolean;
}

export interface Occupancy {
  day: string;
  venue: { zoneId?: string; count: number; capacity: number; level?: Level; coverage?: Coverage; closed?: boolean };
  zones: ZoneOccupancy[];
}

/** The API's own schema (shared/domain/api-answers.ts), not a copy. */
export type { Alert } from '../../../shared/domain/api-answers';

export interface BoothStats {
  boothId: string;
  day: string;
  visits: number;
  uniqueVisitors: number;
  byHour: { hour: string; visits: number }[];
}

export interface GateScanAnswer {
  scanId: string;
  verdict: string;
  reason?: string;
  ticketId?: string;
  category?: string;
  zoneId?: string;
  attention?: string;
  replayed?: boolean;
}
