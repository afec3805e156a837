import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { json } from '#commons/http/response';
import { occupancyDeps } from '#commons/occupancy-deps';
import { readOccupancy } from '#shared/use-cases/read-occupancy';

/**
 * GET /v1/occupancy: the venue's figure (its own count and capacity, not a sum of its zones) and every
 * zone's, with its parent and how many of its doors were counted today.
 */
export const handler = httpHandler(
  byRoute('occupancy')({
    'GET /v1/occupancy': async (event) => {
      requirePermission(event, { kind: 'watch' });
      const occupancy = await readOccupancy(await occupancyDeps());
      const venue = occupancy.venue;
      return json(200, {
        day: occupancy.day,
        venue: venue
          ? {
              zoneId: venue.zoneId,
              name: venue.name,
              count: venue.count,
              capacity: venue.capacity,
              level: venue.level,
              coverage: venue.coverage,
              closed: venue.closed,
            }
          : { count: 0, capacity: 0 },
        zones: occupancy.zones,
      });
    },
  }),
);
