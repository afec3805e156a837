import { z } from 'zod';
import { DEFAULT_CLOSING_GRACE_MINUTES, DEFAULT_OPENING } from './opening-hours';
import { OUTSIDE } from './outside';
import { ZoneTree } from './zone-tree';

/** The shape of one fair's static description: the venue, its zones, gates, booths and programme. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only');

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

/** Fractions of capacity; the defaults are the contract's. */
export const ThresholdsSchema = z
  .object({
    warning: z.number().gt(0).lte(1),
    critical: z.number().gt(0).lte(1),
    full: z.number().gt(0).lte(1),
  })
  .strict()
  .refine((t) => t.warning < t.critical && t.critical <= t.full, {
    message: 'thresholds must rise: warning < critical <= full',
  });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = { warning: 0.8, critical: 0.95, full: 1 };
export const DEFAULT_HYSTERESIS = 0.05;
export const DEFAULT_ESCALATION_MINUTES = 5;

export const ZoneSchema = z.object({
  zoneId: IdSchema,
  name: z.string().min(1),
  /** The zone this one sits inside; the venue, the whole site, has none. */
  parentId: IdSchema.optional(),
  capacity: z.number().int().positive(),
  areaM2: z.number().positive(),
  /** Where the capacity figure comes from, in words a fire officer can check. */
  capacityBasis: z.string().min(1),
  thresholds: ThresholdsSchema.default(DEFAULT_THRESHOLDS),
  hysteresis: z.number().gte(0).lt(1).default(DEFAULT_HYSTERESIS),
  escalationMinutes: z.number().positive().default(DEFAULT_ESCALATION_MINUTES),
});
export type Zone = z.infer<typeof ZoneSchema>;

export { OUTSIDE };

export const GateSchema = z.object({
  gateId: IdSchema,
  name: z.string().min(1),
  /** The zone an entry through this gate leads into. */
  zoneId: IdSchema,
  /** Where an entry comes from: another zone, or `outside` the venue. An exit goes back there. */
  fromZoneId: z.string().min(1),
});
export type Gate = z.infer<typeof GateSchema>;

export const BoothSchema = z.object({
  boothId: IdSchema,
  exhibitor: z.string().min(1),
  category: z.string().min(1),
  zoneId: IdSchema,
});
export type Booth = z.infer<typeof BoothSchema>;

export const ProgrammeItemSchema = z.object({
  workshopId: IdSchema,
  kind: z.enum(['workshop', 'seminar']),
  title: z.string().min(1),
  zoneId: IdSchema,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().positive(),
  registrationRequired: z.boolean(),
});
export type ProgrammeItem = z.infer<typeof ProgrammeItemSchema>;

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 00:00 to 23:59');

export const OpeningSchema = z
  .object({ opens: TimeOfDaySchema, closes: TimeOfDaySchema })
  .refine((hours) => hours.opens < hours.closes, { message: 'a day closes after it opens' });

export const FairSchema = z
  .object({
    fairId: IdSchema,
    name: z.string().min(1),
    localNames: z.object({ ar: z.string(), fr: z.string(), en: z.string() }),
    timezone: z.string().min(1),
    days: z.array(DaySchema).min(1),
    zones: z.array(ZoneSchema).min(1),
    gates: z.array(GateSchema),
    booths: z.array(BoothSchema),
    workshops: z.array(ProgrammeItemSchema),
    /** The hours people are let in, every day unless `dayHours` says otherwise (fair time). */
    openingHours: OpeningSchema.default(DEFAULT_OPENING),
    dayHours: z.record(DaySchema, OpeningSchema).optional(),
    /** After closing time, how long until the day closes by itself and everyone still counted is swept out. */
    closingGraceMinutes: z.number().int().min(0).max(600).default(DEFAULT_CLOSING_GRACE_MINUTES),
  })
  .superRefine((fair, context) => {
    const zoneIds = new Set(fair.zones.map((zone) => zone.zoneId));
    const roots = fair.zones.filter((zone) => !zone.parentId);
    if (roots.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['zones'],
        message: `exactly one zone is the venue (no parentId); found ${roots.length}: ${roots.map((z) => z.zoneId).join(', ')}`,
      });
    }
    const tree = new ZoneTree(fair.zones);
    fair.zones.forEach((zone, index) => {
      if (zone.parentId && !zoneIds.has(zone.parentId))
        context.addIssue({ code: 'custom', path: ['zones', index, 'parentId'], message: `no zone ${zone.parentId}` });
      else if (zone.parentId && roots.length === 1 && tree.path(zone.zoneId).at(-1) !== roots[0]?.zoneId)
        context.addIssue({ code: 'custom', path: ['zones', index, 'parentId'], message: 'zones nest in a loop' });
    });
    fair.gates.forEach((gate, index) => {
      if (!zoneIds.has(gate.zoneId))
        context.addIssue({ code: 'custom', path: ['gates', index, 'zoneId'], message: `no zone ${gate.zoneId}` });
      if (gate.fromZoneId !== OUTSIDE && !zoneIds.has(gate.fromZoneId))
        context.addIssue({
          code: 'custom',
          path: ['gates', index, 'fromZoneId'],
          message: `no zone ${gate.fromZoneId} (or "${OUTSIDE}")`,
        });
    });
    for (const day of Object.keys(fair.dayHours ?? {}))
      if (!fair.days.includes(day))
        context.addIssue({ code: 'custom', path: ['dayHours', day], message: `${day} is not one of the fair's days` });
  });
export type Fair = z.infer<typeof FairSchema>;
export type FairInput = z.input<typeof FairSchema>;
