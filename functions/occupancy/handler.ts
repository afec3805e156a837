import { resource } from '#shared/config';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { json } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';
import { listZones } from '#shared/store/zones-store';

/** GET /v1/occupancy: every zone's live count against its capacity, and the venue's total. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const zones = await listZones(dynamo(), resource('ZONES_TABLE'));
  return json(200, {
    venue: {
      count: zones.reduce((sum, zone) => sum + zone.count, 0),
      capacity: zones.reduce((sum, zone) => sum + zone.capacity, 0),
    },
    zones: zones.map(({ zoneId, name, count, capacity, level, updatedAt }) => ({
      zoneId,
      name,
      count,
      capacity,
      level,
      updatedAt,
    })),
  });
});
