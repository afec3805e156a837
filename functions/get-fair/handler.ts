import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta, timeZoneData } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { json } from '#commons/http/response';
import { workshopView } from '#commons/workshop-view';
import { utcOffsetsOf, zoneOf } from '#shared/domain/fair-time';
import { dynamo } from '#shared/store/clients';
import { listBooths, listGates } from '#shared/store/fair-store';
import { listWorkshops } from '#shared/store/workshops-store';
import { listZones } from '#shared/store/zones-store';

/** GET /v1/fair: the venue as every device needs it (any credential). */
export const handler = httpHandler(
  byRoute('get-fair')({
    'GET /v1/fair': async (event) => {
      requirePermission(event, { kind: 'anyRole' });
      const client = dynamo();
      const fairTable = resource('FAIR_TABLE');
      const [meta, zones, gates, booths, workshops] = await Promise.all([
        fairMeta(),
        listZones(client, resource('ZONES_TABLE')),
        listGates(client, fairTable),
        listBooths(client, fairTable),
        listWorkshops(client, resource('WORKSHOPS_TABLE')),
      ]);
      return json(200, {
        ...meta,
        // Each day's offset from UTC as this fair keeps time (pinned by its file, else this runtime's zone
        // data): pages convert with these, never with the phone's own zone data.
        utcOffsets: utcOffsetsOf(meta.days, zoneOf(meta)),
        timeZoneData: timeZoneData(meta),
        // The fair's clock (the demo clock locally): devices judge offline against it, pages show it.
        now: now().toISOString(),
        zones: zones
          .filter((zone) => !zone.retiredAt)
          .map(
            ({
              zoneId,
              name,
              names,
              parentId,
              capacity,
              areaM2,
              capacityBasis,
              exitWidthsM,
              safeCapacity,
              thresholds,
              hysteresis,
              escalationMinutes,
              changes,
            }) => ({
              zoneId,
              name,
              ...(names ? { names } : {}),
              escalationMinutes,
              ...(changes?.length ? { lastChange: changes.at(-1) } : {}),
              ...(parentId ? { parentId } : {}),
              capacity,
              areaM2,
              capacityBasis,
              ...(exitWidthsM ? { exitWidthsM } : {}),
              ...(safeCapacity ? { safeCapacity } : {}),
              thresholds,
              hysteresis,
            }),
          ),
        gates,
        booths,
        workshops: workshops
          .map((workshop) => workshopView(workshop, now()))
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      });
    },
  }),
);
