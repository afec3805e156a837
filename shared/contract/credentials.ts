import * as z from 'zod';
import { RoleSchema, ScopeSchema } from '../domain/access';
import { InstantSchema } from '../domain/fair';

/**
 * The first organiser credential's id: the one the stack registers when it is deployed (its secret in
 * Secrets Manager, `npm start`'s organiser.credential locally).
 */
export const FIRST_ORGANISER_ID = '00000000-0000-4000-8000-000000000001';
/**
 * Its stored label, which answers carry wherever they name a credential or who did something (an
 * incident's `by`); pages name it in the reader's language.
 */
export const FIRST_ORGANISER_LABEL = 'first organiser (from the stack)';

export const CreateCredentialSchema = z
  .object({
    role: RoleSchema,
    scope: ScopeSchema.default({}),
    label: z.string().trim().min(1).max(120),
    /** When it stops working; by default the end of the day after the fair. */
    expiresAt: InstantSchema.optional(),
  })
  .strict();

/** Many at once: one per booth for the exhibitors, printed as a sheet of sign-in cards. */
export const CreateCredentialBatchSchema = z
  .object({ credentials: z.array(CreateCredentialSchema).min(1).max(200) })
  .strict();
