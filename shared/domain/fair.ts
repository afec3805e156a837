import { z } from 'zod';

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
  capacity: z.number().int().positive(),
  areaM2: z.number().positive(),
  /** Where the capacity figure comes from, in words a fire officer can check. */
  capacityBasis: z.string().min(1),
  thresholds: ThresholdsSchema.default(DEFAULT_THRESHOLDS),
  hysteresis: z.number().gte(0).lt(1).default(DEFAULT_HYSTERESIS),
  escalationMinutes: z.number().positive().default(DEFAULT_ESCALATION_MINUTES),
});
export type Zone = z.infer<typeof ZoneSchema>;

export { OUTSIDE } from './outside';

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

export const FairSchema = z.object({
  fairId: IdSchema,
  name: z.string().min(1),
  localNames: z.object({ ar: z.string(), fr: z.string(), en: z.string() }),
  timezone: z.string().min(1),
  days: z.array(DaySchema).min(1),
  zones: z.array(ZoneSchema).min(1),
  gates: z.array(GateSchema),
  booths: z.array(BoothSchema),
  workshops: z.array(ProgrammeItemSchema),
});
export type Fair = z.infer<typeof FairSchema>;
export type FairInput = z.input<typeof FairSchema>;
