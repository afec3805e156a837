import { z } from 'zod';
import { IdSchema } from './domain/fair';
import { GATE_VERDICTS } from './domain/gate-verdicts';

/** A malformed token is a verdict (INVALID_TOKEN), not a 400: only its type and size are checked here. */
export const ScanSchema = z
  .object({
    scanId: z.uuid(),
    token: z.string().max(4096),
    gateId: IdSchema,
    direction: z.enum(['in', 'out']),
    scannedAt: z.iso.datetime({ offset: true }),
    deviceId: z.string().min(1).max(128),
    offlineVerdict: z.enum(GATE_VERDICTS).optional(),
  })
  .strict();
export type ScanRequest = z.infer<typeof ScanSchema>;

export const ScanBatchSchema = z.object({ scans: z.array(ScanSchema).min(1).max(500) }).strict();
