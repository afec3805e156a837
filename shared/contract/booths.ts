import * as z from 'zod';
import { DaySchema, InstantSchema } from '../domain/fair';
import { LEAD_RATINGS } from '../domain/lead-contact';
import { ContactSchema } from './tickets';

/** What a booth sold on a day, in dirhams, as it declares it at the end of the day. */
export const SalesSchema = z.object({ amountMad: z.number().int().min(0).max(10_000_000) }).strict();

export const LeadsQuerySchema = z.object({
  day: DaySchema.optional(),
  /** `fair`: every day's leads; otherwise the day's (today's by default). */
  period: z.enum(['day', 'fair']).optional(),
});

export const LeadEditSchema = z
  .object({
    /** null clears it. */
    rating: z.enum(LEAD_RATINGS).nullable().optional(),
    /** From the booth's products (or its category); [] clears them. */
    tags: z.array(z.string().trim().min(1).max(40)).max(12).optional(),
    /** "" clears it. */
    note: z.string().trim().max(500).optional(),
    /** When the phone made the edit: the latest edit wins, whichever arrives last. */
    editedAt: InstantSchema,
  })
  .strict();

export const InterestSchema = z
  .object({
    /** A random id the visitor's phone keeps for the fair: one interest visit per booth and day. */
    phoneId: z.uuid(),
    /** The visitor's name and number, only with `consent: true`. */
    contact: ContactSchema.pick({ phone: true })
      .extend({ name: z.string().trim().min(1).max(100).optional() })
      .strict()
      .required({ phone: true })
      .optional(),
    /** Yes: this booth may keep the contact and call back. No: the phone's earlier yes is taken back. */
    consent: z.boolean().optional(),
    /** The version and language of the consent line the visitor ticked (`poster-1-ar`). */
    wording: z
      .string()
      .regex(/^[a-z0-9.-]{1,32}$/)
      .optional(),
  })
  .strict()
  .refine((body) => body.contact === undefined || body.consent === true, {
    path: ['consent'],
    message: 'a number is kept only with the visitor’s consent: consent must be true',
  })
  .refine((body) => body.consent !== true || body.contact !== undefined, {
    path: ['contact'],
    message: 'a yes needs the number to call back',
  });

const Base = { eventId: z.uuid(), at: InstantSchema };
/** The most visitors one counter event may carry. */
export const MAX_TALLY = 1000;

export const EventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...Base,
      kind: z.literal('badge'),
      token: z.string().max(4096),
      /**
       * Asked at the booth: may this exhibitor keep the visitor's contact? A no always counts (the latest
       * word wins); a yes makes a lead only with `consentCode`, the code the visitor showed from the
       * panel folded behind their badge.
       */
      consent: z.boolean().optional(),
      consentCode: z.string().max(100).optional(),
      /** The version and language of the question the visitor answered (`consent-2-ar`): evidence. */
      wording: z
        .string()
        .regex(/^[a-z0-9.-]{1,32}$/)
        .optional(),
    })
    .strict(),
  z
    .object({
      ...Base,
      kind: z.literal('count'),
      // A counter's tally, up to a busy hour's worth typed in by hand: no single event can swamp a day.
      in: z.number().int().min(0).max(MAX_TALLY),
      out: z.number().int().min(0).max(MAX_TALLY).optional(),
    })
    .strict(),
]);

/** A booth visit as a booth's phone records and sends it, and as ingest receives it. */
export type FootfallEvent = z.output<typeof EventSchema>;

export const FootfallSchema = z
  .object({
    events: z.array(EventSchema).min(1).max(500),
    /** What a phone queued while offline: events of earlier fair days count too (on their day). */
    offline: z.boolean().optional(),
  })
  .strict();
