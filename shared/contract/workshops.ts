import * as z from 'zod';
import { IdSchema, InstantSchema } from '../domain/fair';

export const DoorScanSchema = z.object({ scanId: z.uuid(), token: z.string().max(4096) }).strict();

export const RegistrationSchema = z.object({ token: z.string().max(4096) }).strict();

const Rules = {
  title: z.string().trim().min(1).max(300),
  /** The title in the readers' languages (one is enough; `title` is the one the contract knows). */
  titles: z
    .object({
      ar: z.string().trim().min(1).max(300),
      fr: z.string().trim().min(1).max(300),
      en: z.string().trim().min(1).max(300),
    })
    .partial()
    .strict(),
  zoneId: IdSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  capacity: z.number().int().positive().max(100_000),
  registrationRequired: z.boolean(),
  doorsOpenAt: InstantSchema,
  doorsCloseAt: InstantSchema,
  releaseUnclaimedAfterMinutes: z.number().int().min(0).max(600),
};

export const WorkshopCreateSchema = z
  .object({ ...Rules, kind: z.enum(['workshop', 'seminar']).default('workshop') })
  .partial({ titles: true, zoneId: true, doorsOpenAt: true, doorsCloseAt: true, releaseUnclaimedAfterMinutes: true })
  .strict();

export const WorkshopPatchSchema = z
  .object(Rules)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

export const WorkshopCancelSchema = z.object({ reason: z.string().trim().min(1).max(300).optional() }).strict();
