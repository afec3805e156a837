import * as z from 'zod';

/** How a CSV download is written: its separator (Excel set to French wants semicolons) and language. */
export const CsvQuerySchema = z.object({
  separator: z.enum(['semicolon', 'comma']).optional(),
  lang: z.enum(['ar', 'fr', 'en']).optional(),
});
export type CsvQuery = z.infer<typeof CsvQuerySchema>;
