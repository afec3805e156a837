import * as z from 'zod';
import { decodeFeedCursor } from './cursor';
import { PhoneSchema } from './tickets';

/** A webhook (an HTTPS URL), or a person on the alert topic: a phone for SMS, an address for e-mail. */
export const SubscriptionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), url: z.string().max(2000) }).strict(),
  z.object({ kind: z.literal('sms'), phone: PhoneSchema }).strict(),
  z.object({ kind: z.literal('email'), email: z.email().max(200) }).strict(),
]);

export const FEED_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_-]+\.\d+$/;
export const AlertsQuerySchema = z.object({
  since: z
    .string()
    .max(8000)
    .refine((cursor) => decodeFeedCursor(cursor, FEED_KEY) !== undefined, 'not a cursor this API gave')
    .optional(),
});
