/**
 * The zone id of "not in the venue". Its own module so that the gate page's offline rules
 * (scan-rules) do not pull the fair's zod schemas into the browser bundle.
 */
export const OUTSIDE = 'outside';
