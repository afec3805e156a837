import type { Occupancy, Workshop, ZoneOccupancy } from '../../../shared/domain/api-answers';

/** The API's answers as the pages read them: the API's own schemas where it has them, else the fields used here. */
export type { Occupancy, Workshop, ZoneOccupancy };

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

/** The API's own schema (shared/domain/api-answers.ts), not a copy. */
export type { Alert } from '../../../shared/domain/api-answers';

export interface BoothStats {
  boothId: string;
  day: string;
  visits: number;
  uniqueVisitors: number;
  byHour: { hour: string; visits: number }[];
}

export type { ScanAnswer as GateScanAnswer } from '../../../shared/domain/api-answers';
