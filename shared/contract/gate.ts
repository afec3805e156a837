import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema } from '../domain/fair';
import { GATE_VERDICTS } from '../domain/gate-verdicts';

/** A malformed token is a verdict (INVALID_TOKEN), not a 400: only its type and size are checked here. */
export const ScanSchema = z
  .object({
    scanId: z.uuid(),
    token: z.string().max(4096),
    gateId: IdSchema,
    direction: z.enum(['in', 'out']),
    scannedAt: InstantSchema,
    deviceId: z.string().min(1).max(128),
    offlineVerdict: z.enum(GATE_VERDICTS).optional(),
    /**
     * A supervisor admits despite ZONE_FULL, ALREADY_INSIDE, FAIR_CLOSED, WRONG_GATE or ONCE_PER_DAY
     * (never a forged, foreign or revoked ticket), saying why; a gate credential's is refused (403).
     */
    override: z
      .object({ reason: z.string().trim().min(1, 'say why').max(500) })
      .strict()
      .optional(),
  })
  .strict();
export type ScanRequest = z.infer<typeof ScanSchema>;

export const ScanBatchSchema = z.object({ scans: z.array(ScanSchema).min(1).max(500) }).strict();

/** People counted through a gate without tickets: small whole numbers, at least one above 0. */
export const WalkInCountSchema = z
  .object({
    countId: z.uuid(),
    in: z.number().int().min(0).max(50),
    out: z.number().int().min(0).max(50),
    countedAt: InstantSchema,
    deviceId: z.string().min(1).max(128),
  })
  .strict()
  .refine((count) => count.in + count.out > 0, {
    path: ['in'],
    message: 'count at least one person, in or out',
    // Only when the numbers themselves are valid: a bad field is reported once, by its own check.
    when: (payload) => payload.issues.length === 0,
  });
export type WalkInCountRequest = z.infer<typeof WalkInCountSchema>;

export const WalkInCountBatchSchema = z.object({ counts: z.array(WalkInCountSchema).min(1).max(500) }).strict();

export const OverridesQuerySchema = z.object({ day: DaySchema.optional() });

export const DryRunSchema = z
  .object({
    token: z.string().min(1).max(4096),
    gateId: IdSchema,
    direction: z.enum(['in', 'out']).default('in'),
    /** When: default now (the fair's clock). */
    at: InstantSchema.optional(),
  })
  .strict();

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a wall-clock time, HH:MM');

export const PaperTallySchema = z
  .object({
    day: DaySchema,
    from: Clock,
    to: Clock,
    in: z.number().int().min(0).max(100_000),
    out: z.number().int().min(0).max(100_000),
  })
  .strict()
  .refine((tally) => tally.from < tally.to, { message: 'must end after it starts', path: ['to'] });
