import * as z from 'zod';
import { closeDayDeps } from '#commons/close-day-deps';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { DaySchema } from '#shared/domain/fair';
import { fairDay } from '#shared/domain/fair-time';
import { closeDay } from '#shared/use-cases/close-day';

/**
 * POST /v1/days/{day}/close (organiser): closes a fair day now, before its scheduled closing (an
 * evacuation, an early end). Safe to repeat: a second call answers what the first did.
 */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const { day } = parsePath(event, z.object({ day: DaySchema }));
  const deps = await closeDayDeps();
  if (!deps.fair.days.includes(day)) throw new NotFoundError(`${day} is not a day of this fair`);
  if (day > fairDay(deps.now(), deps.fair.timezone)) throw new ConflictError(`${day} has not begun yet`);
  return json(200, await closeDay(deps, day, 'organiser'));
});
