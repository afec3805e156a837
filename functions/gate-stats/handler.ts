import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { now } from '#shared/clock';
import { resource } from '#shared/config';
import { DaySchema } from '#shared/domain/fair';
import { fairDay } from '#shared/domain/fair-time';
import { fairMeta, gatesById } from '#shared/fair-context';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parseQuery } from '#shared/http/request';
import { json } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';

interface GateHour {
  gateId: string;
  hour: string;
  entries?: number;
  exits?: number;
  refused?: number;
}

/** GET /v1/gates/stats?day=YYYY-MM-DD (organiser): entries, exits and refusals per gate and hour. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const fair = await fairMeta();
  const { day = fairDay(now(), fair.timezone) } = parseQuery(event, z.object({ day: DaySchema.optional() }));
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: resource('STATS_TABLE'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `GATE#${day}` },
      ConsistentRead: true,
    }),
  );
  const byGate = new Map<string, GateHour[]>();
  for (const item of Items as GateHour[]) byGate.set(item.gateId, [...(byGate.get(item.gateId) ?? []), item]);
  const gates = [...(await gatesById()).keys()].map((gateId) => {
    const hours = (byGate.get(gateId) ?? []).sort((a, b) => a.hour.localeCompare(b.hour));
    const sum = (field: 'entries' | 'exits' | 'refused') =>
      hours.reduce((total, hour) => total + (hour[field] ?? 0), 0);
    return {
      gateId,
      entries: sum('entries'),
      exits: sum('exits'),
      refused: sum('refused'),
      byHour: hours.map((hour) => ({
        hour: Number(hour.hour),
        entries: hour.entries ?? 0,
        exits: hour.exits ?? 0,
        refused: hour.refused ?? 0,
      })),
    };
  });
  return json(200, { day, gates: gates.sort((a, b) => b.entries + b.exits - (a.entries + a.exits)) });
});
