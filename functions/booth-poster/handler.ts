import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import type { AuthorizedEvent } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { InterestSchema } from '#shared/contract/booths';
import { IdSchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { namesOf } from '#shared/domain/names';
import { fairRecordsExpireAt, footfallEventsExpireAt } from '#shared/domain/retention';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { recordInterest } from '#shared/store/footfall-store';
import { recordPosterAnswer } from '#shared/store/leads-store';
import { listZones } from '#shared/store/zones-store';

/**
 * A booth's poster, for a visitor's own phone (public: no credential, no personal data answered):
 * GET /v1/booths/{boothId}/poster, the booth as the page shows it; POST /v1/booths/{boothId}/interest,
 * an anonymous interest visit (once per phone, booth and day) and, with the visitor's explicit yes,
 * their name and number for this booth to call back (a lead), or their no taking it back.
 */
/** The booth a poster's request names (404 when the fair has none), and the fair's day. */
async function boothAsked(event: AuthorizedEvent) {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
  const booth = await getBooth(dynamo(), resource('FAIR_TABLE'), boothId);
  if (!booth) throw new NotFoundError(`no booth ${boothId}`);
  const fair = await fairMeta();
  const at = now();
  return { boothId, booth, fair, at, today: fairDay(at, zoneOf(fair)) };
}

export const handler = httpHandler(
  byRoute('booth-poster')({
    'GET /v1/booths/{boothId}/poster': async (event) => {
      const { boothId, booth, fair, today } = await boothAsked(event);
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
    },
    'POST /v1/booths/{boothId}/interest': async (event) => {
      const { boothId, fair, at, today } = await boothAsked(event);
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
  }),
  { public: true },
);
