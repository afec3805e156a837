import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { ContactSchema } from '#commons/ticket-schemas';
import { IdSchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { namesOf } from '#shared/domain/names';
import { fairRecordsExpireAt, footfallEventsExpireAt } from '#shared/domain/retention';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { recordInterest } from '#shared/store/footfall-store';
import { recordPosterAnswer } from '#shared/store/leads-store';
import { listZones } from '#shared/store/zones-store';

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

/**
 * A booth's poster, for a visitor's own phone (public: no credential, no personal data answered):
 * GET /v1/booths/{boothId}/poster, the booth as the page shows it; POST /v1/booths/{boothId}/interest,
 * an anonymous interest visit (once per phone, booth and day) and, with the visitor's explicit yes,
 * their name and number for this booth to call back (a lead), or their no taking it back.
 */
export const handler = httpHandler(
  async (event) => {
    const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
    const booth = await getBooth(dynamo(), resource('FAIR_TABLE'), boothId);
    if (!booth) throw new NotFoundError(`no booth ${boothId}`);
    const fair = await fairMeta();
    const at = now();
    const today = fairDay(at, zoneOf(fair));
    if (event.routeKey.startsWith('GET ')) {
      const zone = (await listZones(dynamo(), resource('ZONES_TABLE'))).find((z) => z.zoneId === booth.zoneId);
      const category = fair.categories.find((c) => c.categoryId === booth.category);
      return json(200, {
        boothId,
        exhibitor: booth.exhibitor,
        category: { categoryId: booth.category, names: category?.names ?? namesOf(booth.category) },
        products: booth.products ?? [],
        zone: { zoneId: booth.zoneId, names: zone?.names ?? namesOf(zone?.name ?? booth.zoneId) },
        fair: { names: fair.localNames, days: fair.days },
        open: fair.days.includes(today),
      });
    }
    const body = parseJsonBody(event, InterestSchema);
    if (!fair.days.includes(today)) throw new ConflictError('the fair is not on today: nothing was recorded');
    const stats = resource('STATS_TABLE');
    const counted = await recordInterest(dynamo(), stats, {
      boothId,
      day: today,
      phoneId: body.phoneId,
      at: at.toISOString(),
      expiresAt: footfallEventsExpireAt(fair.days),
    });
    let lead: 'kept' | 'withdrawn' | undefined;
    if (body.consent !== undefined) {
      await recordPosterAnswer(dynamo(), stats, {
        boothId,
        phoneId: body.phoneId,
        day: today,
        at: at.toISOString(),
        consent: body.consent,
        ...(body.contact ? { contact: body.contact } : {}),
        ...(body.wording ? { wording: body.wording } : {}),
        expiresAt: fairRecordsExpireAt(fair.days),
      });
      lead = body.consent ? 'kept' : 'withdrawn';
    }
    return json(200, { boothId, counted, ...(lead ? { lead } : {}) });
  },
  { public: true },
);
