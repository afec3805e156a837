import * as z from 'zod';
import { resource } from '#commons/config';
import { ingestFootfallDeps } from '#commons/footfall-deps';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { IdSchema, InstantSchema } from '#shared/domain/fair';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { ingestFootfall } from '#shared/use-cases/ingest-footfall';

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
export const BodySchema = z
  .object({
    events: z.array(EventSchema).min(1).max(500),
    /** What a phone queued while offline: events of earlier fair days count too (on their day). */
    offline: z.boolean().optional(),
  })
  .strict();

/**
 * POST /v1/booths/{boothId}/footfall (its exhibitor, or an organiser): refused whole if any event is
 * malformed, or (online) not of today on the fair's clock; otherwise badge scans are checked, good
 * events queued, and the answer is 202 with what was accepted and what was rejected. Counting happens
 * behind the queue.
 */
export const handler = httpHandler(async (event) => {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema }));
  if (!(await getBooth(dynamo(), resource('FAIR_TABLE'), boothId))) throw new NotFoundError(`no booth ${boothId}`);
  const principal = requirePermission(event, { kind: 'booth', boothId });
  const { events, offline } = parseJsonBody(event, BodySchema);
  return json(
    202,
    await ingestFootfall(await ingestFootfallDeps(principal), boothId, events, offline === true, principal.label),
  );
});
