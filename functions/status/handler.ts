import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { json } from '#commons/http/response';
import { occupancyDeps } from '#commons/occupancy-deps';
import { workshopView } from '#commons/workshop-view';
import { fairDay, utcOffsetsOf, zoneOf } from '#shared/domain/fair-time';
import { namesOf } from '#shared/domain/names';
import { dynamo } from '#shared/store/clients';
import { getCurrentEvacuation } from '#shared/store/evacuations-store';
import { listWorkshops } from '#shared/store/workshops-store';
import { readOccupancy } from '#shared/use-cases/read-occupancy';

/**
 * GET /v1/status (public, for a screen at each entrance): each zone's level in plain words and today's
 * workshops and seminars with their seats left. No count of people, no personal data. An evacuation
 * under way says which zone, and nothing else matters then. A zone no door counted today says so
 * (`coverage: "none"`): its level would read "room to walk" whatever the crowd.
 */
export const handler = httpHandler(
  byRoute('status')({
    'GET /v1/status': async () => {
      const at = now();
      const client = dynamo();
      const [fair, occupancy, workshops, evacuation] = await Promise.all([
        fairMeta(),
        occupancyDeps().then(readOccupancy),
        listWorkshops(client, resource('WORKSHOPS_TABLE')),
        getCurrentEvacuation(client, resource('FAIR_TABLE')),
      ]);
      const today = fairDay(at, zoneOf(fair));
      return {
        ...json(200, {
          fair: { name: fair.name, names: fair.localNames },
          now: at.toISOString(),
          // The screen shows times on the fair's clock, never its own zone data.
          timezone: fair.timezone,
          utcOffsets: utcOffsetsOf(fair.days, zoneOf(fair)),
          ...(evacuation ? { evacuation: { zoneId: evacuation.zoneId, startedAt: evacuation.startedAt } } : {}),
          zones: occupancy.zones.map((zone) => ({
            zoneId: zone.zoneId,
            names: zone.names ?? namesOf(zone.name),
            ...(zone.parentId ? { parentId: zone.parentId } : {}),
            level: zone.level,
            coverage: zone.coverage,
          })),
          workshops: workshops
            .filter((workshop) => fairDay(new Date(workshop.startsAt), zoneOf(fair)) === today)
            .map((workshop) => workshopView(workshop, at))
            .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
            .map((workshop) => ({
              workshopId: workshop.workshopId,
              titles: workshop.titles ?? namesOf(workshop.title),
              kind: workshop.kind ?? 'workshop',
              ...(workshop.zoneId ? { zoneId: workshop.zoneId } : {}),
              startsAt: workshop.startsAt,
              endsAt: workshop.endsAt,
              seatsLeft: workshop.seatsLeft,
              // Where only the registered get in, the seats a walk-up visitor can still have are
              // registrations (at the desk), not the room's empty chairs.
              registrationRequired: workshop.registrationRequired,
              registrationsLeft: Math.max(0, workshop.capacity - workshop.registered),
              status: workshop.status,
            })),
        }),
        // A screen refreshes itself; an intermediary may keep it a few seconds.
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=5' },
      };
    },
  }),
  { public: true },
);
