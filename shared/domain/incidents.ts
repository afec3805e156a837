import { isOneOf } from './one-of';

/** What an incident is (minimal data: a kind, no health details beyond it). */
export const INCIDENT_KINDS = ['lost-person', 'medical', 'security', 'crowding', 'technical'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const isIncidentKind = (kind: string): kind is IncidentKind => isOneOf(INCIDENT_KINDS, kind);
/** Who a broadcast goes to: every page, every gate and door page, or the pages of one zone's gates. */
export const BROADCAST_AUDIENCES = ['all', 'gates', 'zone'] as const;
export type BroadcastAudience = (typeof BROADCAST_AUDIENCES)[number];
