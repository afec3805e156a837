import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta, gatesById } from '#commons/fair-context';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { DaySchema } from '#shared/domain/fair';
import { fairDay } from '#shared/domain/fair-time';
import { dynamo } from '#shared/store/clients';
import { type GateHourRecord, gateFigures, listGateHours } from '#shared/store/projection-store';

/** GET /v1/gates/stats?day=YYYY-MM-DD (organiser): entries, exits and refusals per gate and hour. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const fair = await fairMeta();
  const { day = fairDay(now(), fair.timezone) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
  const byGate = new Map<string, GateHourRecord[]>();
  for (const item of await listGateHours(dynamo(), resource('STATS_TABLE'), day))
    byGate.set(item.gateId, [...(byGate.get(item.gateId) ?? []), item]);
  const gates = [...(await gatesById()).keys()].map((gateId) => {
    const hours = (byGate.get(gateId) ?? []).sort((a, b) => a.hour.localeCompare(b.hour));
    return {
      gateId,
      ...gateFigures(hours),
      byHour: hours.map((hour) => ({ hour: Number(hour.hour), ...gateFigures([hour]) })),
    };
  });
  return json(200, { day, gates: gates.sort((a, b) => b.entries + b.exits - (a.entries + a.exits)) });
});
