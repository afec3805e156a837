import * as z from 'zod';
import { DaySchema, IdSchema } from '../domain/fair';
import { CATEGORIES } from '../domain/ticket-token';

export const TicketIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'a ticket id is 16 URL-safe characters');

export const TicketRequestSchema = z
  .object({
    category: z.enum(CATEGORIES),
    holderName: z.string().trim().min(1).max(200).optional(),
    validDays: z.array(DaySchema).min(1).max(32).optional(),
    attentionNote: z.string().trim().min(1).max(500).optional(),
    leadsConsent: z.boolean().optional(),
    /** An exhibitor's badge names its booth. */
    boothId: IdSchema.optional(),
  })
  .strict();
export type TicketRequest = z.infer<typeof TicketRequestSchema>;

export const TicketBatchSchema = z.object({ tickets: z.array(TicketRequestSchema).min(1).max(500) }).strict();

/** A stolen batch voided at once: up to 500 ticket ids a request. */
export const RevokeBatchSchema = z.object({ ticketIds: z.array(TicketIdSchema).min(1).max(500) }).strict();
