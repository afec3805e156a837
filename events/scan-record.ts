import { z } from 'zod';
import { GATE_VERDICTS } from '../shared/domain/gate-verdicts';

/**
 * A scan record as the scans table's stream carries it (NewImage, unmarshalled): what the occupancy
 * projector reads. Written by shared/store/scans-store.ts; sample in events/samples/.
 */
export const ScanStreamRecordSchema = z.object({
  scanId: z.string(),
  gateId: z.string(),
  zoneId: z.string(),
  direction: z.enum(['in', 'out']),
  receivedAt: z.string(),
  scannedAt: z.string(),
  day: z.string(),
  verdict: z.enum(GATE_VERDICTS),
  deltas: z.record(z.string(), z.number().int()),
});
export type ScanStreamRecord = z.infer<typeof ScanStreamRecordSchema>;
