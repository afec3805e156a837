import * as z from 'zod';
import { DaySchema, IdSchema } from '../domain/fair';
import { normalisePhone, SHARE_FIELDS } from '../domain/lead-contact';
import { CATEGORIES } from '../domain/ticket-token';

export const TicketIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'a ticket id is 16 URL-safe characters');

const Phone = z
  .string()
  .max(40)
  .transform((value, context) => {
    const phone = normalisePhone(value);
    if (!phone) context.addIssue({ code: 'custom', message: 'a phone number: 06..., 07..., or +country digits' });
    return phone ?? value;
  });
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Contact a visitor may leave when the ticket is issued; each shared with booths only as `share` says. */
export const ContactSchema = z
  .object({
    phone: Phone.optional(),
    whatsapp: Phone.optional(),
    email: z.email().max(200).optional(),
    city: Text(100).optional(),
    organisation: Text(200).optional(),
  })
  .strict();

export const TicketRequestSchema = z
  .object({
    category: z.enum(CATEGORIES),
    holderName: z.string().trim().min(1).max(200).optional(),
    validDays: z.array(DaySchema).min(1).max(32).optional(),
    attentionNote: z.string().trim().min(1).max(500).optional(),
    /** Older form of `share`: true shares the name and every contact field given. */
    leadsConsent: z.boolean().optional(),
    contact: ContactSchema.optional(),
    /**
     * What the holder agrees a booth may see once they show it their consent code: their name and
     * contact fields. Absent or empty: no booth ever sees anything of them.
     */
    share: z.array(z.enum(SHARE_FIELDS)).max(SHARE_FIELDS.length).optional(),
    /** An exhibitor's badge names its booth. */
    boothId: IdSchema.optional(),
  })
  .strict();
export type TicketRequest = z.infer<typeof TicketRequestSchema>;

export const TicketBatchSchema = z.object({ tickets: z.array(TicketRequestSchema).min(1).max(500) }).strict();

/** A stolen batch voided at once: up to 500 ticket ids a request. */
export const RevokeBatchSchema = z.object({ ticketIds: z.array(TicketIdSchema).min(1).max(500) }).strict();
