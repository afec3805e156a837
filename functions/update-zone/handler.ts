import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { ZoneChangeSchema } from '#shared/contract/floor';
import { IdSchema } from '#shared/domain/fair';
import { rejudge } from '#shared/domain/zone-session';
import { dynamo } from '#shared/store/clients';
import { getZone, liveOf, updateZoneRules } from '#shared/store/zones-store';

/** The last changes kept on a zone (who, when, why, what): enough for the day's report. */
const CHANGES_KEPT = 20;

/**
 * PATCH /v1/zones/{zoneId} (organiser): a hall closed off, a fire officer's instruction. The level is
 * judged against the new figures at once (a change raises its alert through the zones stream), and
 * gates refuse entries against the new capacity from the next scan on.
 */
export const handler = httpHandler(
  byRoute('update-zone')({
    'PATCH /v1/zones/{zoneId}': async (event) => {
      const organiser = requirePermission(event, { kind: 'organiser' });
      const { zoneId } = parsePath(event, z.object({ zoneId: IdSchema }));
      const { reason, ...changes } = parseJsonBody(event, ZoneChangeSchema);
      const table = resource('ZONES_TABLE');
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const zone = await getZone(dynamo(), table, zoneId);
        if (!zone || typeof zone.capacity !== 'number') throw new NotFoundError(`no zone ${zoneId}`);
        // Remembered as changed on the day: a later fair file does not undo them.
        const editedFields = [...new Set([...(zone.editedFields ?? []), ...Object.keys(changes)])];
        const at = now().toISOString();
        const change = {
          at,
          by: organiser.label,
          ...(reason ? { reason } : {}),
          ...Object.fromEntries(
            Object.entries(changes).map(([field, value]) => [
              field,
              { from: zone[field as keyof typeof zone], to: value },
            ]),
          ),
        };
        const rules = {
          ...zone,
          ...changes,
          editedFields,
          changes: [...(zone.changes ?? []), change].slice(-CHANGES_KEPT),
        };
        const updated = { ...rules, ...rejudge(liveOf(zone), rules) };
        if (await updateZoneRules(dynamo(), table, updated, at)) {
          const { zoneId: id, name, capacity, thresholds, hysteresis, escalationMinutes, count, level } = updated;
          const { safeCapacity } = zone;
          return json(200, {
            zoneId: id,
            name,
            capacity,
            // Above what the floor plan says is safe: saved (a fire officer may allow it), and said.
            ...(safeCapacity ? { safeCapacity, aboveSafeCapacity: capacity > safeCapacity } : {}),
            thresholds,
            hysteresis,
            escalationMinutes,
            count,
            level,
            lastChange: change,
          });
        }
      }
      throw new Error(`zone ${zoneId} kept changing while being updated`);
    },
  }),
);
