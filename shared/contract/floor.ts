import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema, ThresholdsSchema } from '../domain/fair';
import { BROADCAST_AUDIENCES, INCIDENT_KINDS } from '../domain/incidents';

/** The pages that send a heartbeat, as they name themselves. */
export const HEARTBEAT_PAGES = ['gate', 'door', 'booth', 'dashboard', 'organise', 'status'] as const;
export type HeartbeatPage = (typeof HEARTBEAT_PAGES)[number];

export const HeartbeatSchema = z
  .object({
    deviceId: z.string().min(1).max(128),
    page: z.enum(HEARTBEAT_PAGES),
    version: z.string().max(64).optional(),
    /** The gate or workshop the page is set to. */
    at: IdSchema.optional(),
    /** Scans, counts or visits waiting on the device, and the oldest one's time. */
    unsent: z.number().int().min(0).max(1_000_000).optional(),
    oldestUnsentAt: InstantSchema.optional(),
    /** The device's own idea of the fair's time: how far it is off is what organisers see. */
    clock: InstantSchema,
    battery: z.number().min(0).max(1).optional(),
    charging: z.boolean().optional(),
    revocationsUpdatedAt: InstantSchema.optional(),
    /** Broadcasts this page has shown its user: read receipts. */
    read: z.array(z.uuid()).max(50).optional(),
  })
  .strict();

export const EvacuationRequestSchema = z
  .object({
    /** The zone to clear; the whole venue when absent. */
    zoneId: IdSchema.optional(),
    reason: z.string().trim().min(1, 'say why (it goes to every page and every SMS)').max(500),
  })
  .strict();

export const IncidentRequestSchema = z
  .object({
    kind: z.enum(INCIDENT_KINDS),
    /** Where; the venue when absent. */
    zoneId: IdSchema.optional(),
    /** What happened, in a few words: no health details beyond the kind. */
    text: z.string().trim().min(1, 'say what happened, in a few words').max(280),
    /** To the stewards' pages: every page, the gate and door pages, or those of the zone's gates. */
    broadcast: z.enum(BROADCAST_AUDIENCES).optional(),
  })
  .strict();

export const IncidentsQuerySchema = z.object({ day: DaySchema.optional() });

export const ZoneChangeSchema = z
  .object({
    capacity: z.number().int().positive().max(1_000_000).optional(),
    thresholds: ThresholdsSchema.optional(),
    hysteresis: z.number().gte(0).lt(1).optional(),
    escalationMinutes: z.number().positive().max(1440).optional(),
    /** Why (a fire officer's instruction, a hall closed off): kept with the change, shown to organisers. */
    reason: z.string().trim().min(1).max(300).optional(),
  })
  .strict()
  .refine(
    ({ reason: _reason, ...rules }) => Object.keys(rules).length > 0,
    'give at least one of capacity, thresholds, hysteresis, escalationMinutes',
  );
