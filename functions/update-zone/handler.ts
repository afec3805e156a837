import { z } from 'zod';
import { now } from '#shared/clock';
import { resource } from '#shared/config';
import { IdSchema, ThresholdsSchema } from '#shared/domain/fair';
import { rejudge } from '#shared/domain/zone-session';
import { NotFoundError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parseJsonBody, parsePath } from '#shared/http/request';
import { json } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';
import { getZone, liveOf, updateZoneRules } from '#shared/store/zones-store';

const BodySchema = z
  .object({
    capacity: z.number().int().positive().max(1_000_000).optional(),
    thresholds: ThresholdsSchema.optional(),
    hysteresis: z.number().gte(0).lt(1).optional(),
    escalationMinutes: z.number().positive().max(1440).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of capacity, thresholds, hysteresis');

/**
 * PATCH /v1/zones/{zoneId} (organiser): a hall closed off, a fire officer's instruction. The level is
 * judged against the new figures at once (a change raises its alert through the zones stream), and
 * gates refuse entries against the new capacity from the next scan on.
 */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const { zoneId } = parsePath(event, z.object({ zoneId: IdSchema }));
  const changes = parseJsonBody(event, BodySchema);
  const table = resource('ZONES_TABLE');
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const zone = await getZone(dynamo(), table, zoneId);
    if (!zone || typeof zone.capacity !== 'number') throw new NotFoundError(`no zone ${zoneId}`);
    // Remembered as changed on the day: a later fair file does not undo them.
    const editedFields = [...new Set([...(zone.editedFields ?? []), ...Object.keys(changes)])];
    const rules = { ...zone, ...changes, editedFields };
    const updated = { ...rules, ...rejudge(liveOf(zone), rules) };
    if (await updateZoneRules(dynamo(), table, updated, now().toISOString())) {
      const { zoneId: id, name, capacity, thresholds, hysteresis, escalationMinutes, count, level } = updated;
      return json(200, { zoneId: id, name, capacity, thresholds, hysteresis, escalationMinutes, count, level });
    }
  }
  throw new Error(`zone ${zoneId} kept changing while being updated`);
});
