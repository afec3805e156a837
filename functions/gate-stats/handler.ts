import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta, gatesById } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { DaySchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { dynamo } from '#shared/store/clients';
import { type GateHourRecord, gateFigures, listGateHours } from '#shared/store/projection-store';
import { listWalkInMinutes, minuteOf } from '#shared/store/walk-in-rate-store';

/** How far back each gate's walk-ins are given minute by minute (the dashboard's inflow). */
const INFLOW_MINUTES = 15;

/**
 * GET /v1/gates/stats?day=YYYY-MM-DD (organiser): entries, exits and refusals per gate and hour, and the
 * walk-ins each gate counted in each of the last minutes (with those left out as implausible).
 */
export const handler = httpHandler(
  byRoute('gate-stats')({
    'GET /v1/gates/stats': async (event) => {
      requirePermission(event, { kind: 'watch' });
      const fair = await fairMeta();
      const { day = fairDay(now(), zoneOf(fair)) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
      const gateIds = [...(await gatesById()).keys()];
      const since = minuteOf(new Date(now().getTime() - (INFLOW_MINUTES - 1) * 60_000));
      const [gateHours, minutes] = await Promise.all([
        listGateHours(dynamo(), resource('STATS_TABLE'), day),
        listWalkInMinutes(dynamo(), resource('FAIR_TABLE'), gateIds, since),
      ]);
      const byGate = new Map<string, GateHourRecord[]>();
      for (const item of gateHours) byGate.set(item.gateId, [...(byGate.get(item.gateId) ?? []), item]);
      const gates = gateIds.map((gateId) => {
        const hours = (byGate.get(gateId) ?? []).sort((a, b) => a.hour.localeCompare(b.hour));
        return {
          gateId,
          ...gateFigures(hours),
          byHour: hours.map((hour) => ({ hour: Number(hour.hour), ...gateFigures([hour]) })),
          // Walk-ins counted minute by minute lately (today's, on the fair's clock), oldest first.
          lastMinutes: minutes
            .filter((minute) => minute.gateId === gateId)
            .sort((a, b) => a.minute.localeCompare(b.minute))
            .map(({ gateId: _gate, ...minute }) => minute),
        };
      });
      return json(200, { day, gates: gates.sort((a, b) => b.entries + b.exits - (a.entries + a.exits)) });
    },
  }),
);
