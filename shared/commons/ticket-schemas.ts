import * as z from 'zod';
import { DaySchema, IdSchema } from '../domain/fair';
import { normalisePhone, SHARE_FIELDS } from '../domain/lead-contact';
import { CATEGORIES } from '../domain/ticket-token';

export const TicketIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'a ticket id is 16 URL-safe characters');

export const PhoneSchema = z
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
    phone: PhoneSchema.optional(),
    whatsapp: PhoneSchema.optional(),
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

/** A visitor registering themselves from a booth poster's page (public: their own phone). */
export const SelfRegistrationSchema = z
  .object({
    /** The random id the visitor's phone keeps for the fair: one ticket a phone. */
    phoneId: z.uuid(),
    holderName: Text(100),
    phone: PhoneSchema,
    /** The visitor's explicit yes to the registration's lines (what is kept, for how long). */
    consent: z.literal(true, { error: 'registering needs the visitor’s yes: consent must be true' }),
    /** What a booth the visitor shows their consent code may see; absent or empty: nothing. */
    share: z
      .array(z.enum(['name', 'phone']))
      .max(2)
      .optional(),
    /** The version and language of the lines agreed to (`register-1-ar`). */
    wording: z.string().regex(/^[a-z0-9.-]{1,32}$/),
  })
  .strict();

export const TicketBatchSchema = z.object({ tickets: z.array(TicketRequestSchema).min(1).max(500) }).strict();

/** A stolen batch voided at once: up to 500 ticket ids a request. */
export const RevokeBatchSchema = z.object({ ticketIds: z.array(TicketIdSchema).min(1).max(500) }).strict();
