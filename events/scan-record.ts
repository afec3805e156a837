import * as z from 'zod';
import { GATE_VERDICTS } from '../shared/domain/gate-verdicts';

/**
 * A record of the scans table as its stream carries it (NewImage, unmarshalled): what the occupancy
 * projector reads. Four kinds share the log, each keyed so their ids cannot collide: a ticket scanned
 * at a gate (`<scanId>`, a uuid; records written before kinds existed have no `kind`), walk-ins counted
 * at a gate (`count:<countId>`), a count taken back by its device (`uncount:<countId>`), and a ticket
 * let in or out at a workshop door (`door:<workshopId>:<scanId>`). Written by
 * shared/store/scans-store.ts; samples in events/samples/.
 */
const DeltasSchema = z.record(z.string(), z.number().int());

const BaseSchema = z.object({
  scanId: z.string(),
  gateId: z.string(),
  zoneId: z.string(),
  receivedAt: z.string(),
  day: z.string(),
  deltas: DeltasSchema,
});

export const TicketScanStreamSchema = BaseSchema.extend({
  kind: z.literal('scan').optional(),
  direction: z.enum(['in', 'out']),
  scannedAt: z.string(),
  verdict: z.enum(GATE_VERDICTS),
});

export const CountStreamSchema = BaseSchema.extend({
  kind: z.enum(['count', 'uncount']),
  countedAt: z.string(),
  in: z.number().int(),
  out: z.number().int(),
  /** More than the gate can pass in a minute: no deltas, counted apart in the gate's statistics. */
  flagged: z.literal(true).optional(),
});

export const DoorStreamSchema = BaseSchema.extend({
  kind: z.literal('door'),
  direction: z.enum(['in', 'out']),
  scannedAt: z.string(),
});

export const ScanStreamRecordSchema = z.union([TicketScanStreamSchema, CountStreamSchema, DoorStreamSchema]);
export type ScanStreamRecord = z.infer<typeof ScanStreamRecordSchema>;

/** A scan log record as its stream delivered it: where it sits in its shard, and what it says. */
export interface StreamedScan {
  eventId: string;
  sequence: string;
  scan: ScanStreamRecord;
}
