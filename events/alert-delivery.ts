import * as z from 'zod';

/** One alert for one webhook subscriber, on the alert delivery queue. The secret is never in it. */
export const AlertDeliverySchema = z.object({
  deliveryId: z.string(),
  subscriptionId: z.string(),
  url: z.string(),
  body: z.string(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;
