import * as z from 'zod';

/**
 * One job of a fair day's closing, on the closing queue: the tickets still inside from `presenceDay` in
 * one shard of the inside index, to let out for the closing of `day`. Written by the closing
 * (shared/use-cases/close-fair-day.ts); a sample is in events/samples/.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const SweepJobSchema = z.object({
  day: Day,
  presenceDay: Day,
  shard: z.number().int().min(0).max(63),
});
export type SweepJobMessage = z.infer<typeof SweepJobSchema>;
