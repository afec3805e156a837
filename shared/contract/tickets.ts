import * as z from 'zod';
import { DaySchema, IdSchema } from '../domain/fair';
import { normalisePhone, SHARE_FIELDS } from '../domain/lead-contact';
import { CATEGORIES } from '../domain/ticket-token';
import { decodeFeedCursor } from './cursor';

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

export const TicketSearchSchema = z
  .object({
    q: z.string().trim().min(2, 'type at least 2 characters').max(200).optional(),
    signedWith: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8}$/, 'a key id is 8 URL-safe characters')
      .optional()
      .meta({ description: 'the tickets signed with a key (a retired one: their badges must be printed again)' }),
    category: z
      .enum(CATEGORIES)
      .optional()
      .meta({ description: 'a set of badges to print: the tickets of one category' }),
    boothId: IdSchema.optional().meta({ description: "a set of badges to print: a booth's staff" }),
    issuedOn: DaySchema.optional().meta({
      description: "a set of badges to print: the tickets issued on a fair day (the fair's clock)",
    }),
    badges: z
      .enum(['true', 'false'], "badges is 'true' or 'false'")
      .optional()
      .meta({ description: "'true': each ticket with its token and consent code, to print the set's badges" }),
  })
  .refine(
    (query) =>
      [
        query.q !== undefined,
        query.signedWith !== undefined,
        query.category !== undefined || query.boothId !== undefined || query.issuedOn !== undefined,
      ].filter(Boolean).length === 1,
    {
      path: ['q'],
      message:
        'give q (a name, a ticket id or a short code), signedWith (a key id), or a set (category, boothId, issuedOn): one of them',
    },
  );

export const WithdrawSchema = z
  .object({
    /** One booth; absent: every booth that holds an answer of the visitor's. */
    boothId: IdSchema.optional(),
  })
  .strict();

export const EraseSchema = z
  .object({
    /** Erasure cannot be undone: the desk confirms it. */
    confirm: z.literal(true),
  })
  .strict();

/** The cursor: how far into the numbered log a device has read. */
const CURSOR = /^r2\.(\d{1,12})$/;
/** A cursor an earlier version gave (time-keyed): the device starts over, which sends nothing less. */
const EARLIER_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_-]+$/;
export const revocationsReadFrom = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined) return 0;
  const match = CURSOR.exec(cursor);
  if (match) return Number(match[1]);
  return decodeFeedCursor(cursor, EARLIER_KEY) ? 0 : undefined;
};

export const RevocationsQuerySchema = z.object({
  since: z
    .string()
    .max(1000)
    .refine((cursor) => revocationsReadFrom(cursor) !== undefined, 'not a cursor this API gave')
    .optional()
    .meta({ description: 'the cursor of the last page read; none for the first page' }),
});
