import * as z from 'zod';
import { closeDayDeps } from '#commons/fair-days-deps';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
import { parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { DaySchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { closeDay } from '#shared/use-cases/close-fair-day';

export const PathSchema = z.object({ day: DaySchema });

/**
 * POST /v1/days/{day}/close (organiser): closes a fair day now, before its scheduled closing (an
 * evacuation, an early end). 200 with what was swept out when done in the request; 202 `closing` when
 * the crowd is large and the closing queue's functions let the tickets out (GET /v1/days/{day} says
 * when it is done). Safe to repeat: a second call answers what the first did.
 * GET /v1/days/{day} (organiser): open, closing or closed.
 */
/** The fair day a request names (404 when it is not one), after the caller's right. */
async function dayAsked(event: AuthorizedEvent, kind: 'watch' | 'organiser') {
  requirePermission(event, { kind });
  const { day } = parsePath(event, PathSchema);
  const deps = await closeDayDeps();
  if (!deps.fair.days.includes(day)) throw new NotFoundError(`${day} is not a day of this fair`);
  return { day, deps };
}

export const handler = httpHandler(
  byRoute('fair-days')({
    'GET /v1/days/{day}': async (event) => {
      const { day, deps } = await dayAsked(event, 'watch');
      const closing = await deps.stores.closings.get(day);
      if (!closing) return json(200, { day, status: 'open' as const });
      return json(200, {
        day,
        status: closing.completedAt ? ('closed' as const) : ('closing' as const),
        closedAt: closing.closedAt,
        by: closing.by,
        ...(closing.sweptOut ? { sweptOut: closing.sweptOut } : {}),
        ...(closing.completedAt ? { completedAt: closing.completedAt } : {}),
        ticketsSwept: closing.ticketsSwept ?? 0,
        ...(closing.ticketsInside !== undefined ? { ticketsInside: closing.ticketsInside } : {}),
      });
    },
    'POST /v1/days/{day}/close': async (event) => {
      const { day, deps } = await dayAsked(event, 'organiser');
      if (day > fairDay(deps.now(), zoneOf(deps.fair))) throw new ConflictError(`${day} has not begun yet`);
      const outcome = await closeDay(deps, day, 'organiser');
      if (outcome.kind === 'closing') return json(202, { day, status: 'closing' as const, closedAt: outcome.closedAt });
      return json(200, outcome.closed);
    },
  }),
);
