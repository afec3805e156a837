import * as z from 'zod';

/**
 * Footfall events for one booth, as the ingest function puts them on the footfall queue (as many per
 * message as the 256 KB limit allows) and the aggregator reads them. Badge tokens are verified at
 * ingest; only the ticket id travels on. `day` is the fair day the event counts on, judged at ingest
 * (an event a few minutes before midnight by a drifting clock counts on the fair day it meant).
 */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional();
export const QueuedFootfallEventSchema = z.discriminatedUnion('kind', [
  z.object({
    eventId: z.string(),
    at: z.string(),
    day: Day,
    kind: z.literal('badge'),
    ticketId: z.string(),
    /**
     * The visitor's word at the booth on leaving their contact with this exhibitor: a yes travels only
     * when the visitor showed their consent code (checked at ingest).
     */
    consent: z.boolean().optional(),
    /** How a yes was given: the visitor showed the consent code from their badge. */
    method: z.literal('consent-code').optional(),
    /** The credential (the booth's phone) that recorded the answer. */
    recordedBy: z.string().optional(),
    /** The question's version and language the visitor answered. */
    wording: z.string().optional(),
  }),
  z.object({
    eventId: z.string(),
    at: z.string(),
    day: Day,
    kind: z.literal('count'),
    in: z.number().int().min(0),
    out: z.number().int().min(0),
  }),
]);
export type QueuedFootfallEvent = z.infer<typeof QueuedFootfallEventSchema>;

export const FootfallMessageSchema = z.object({
  boothId: z.string(),
  events: z.array(QueuedFootfallEventSchema).min(1),
});
export type FootfallMessage = z.infer<typeof FootfallMessageSchema>;
