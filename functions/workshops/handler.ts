import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { zoneTree } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { workshopView } from '#commons/workshop-view';
import { WorkshopCancelSchema, WorkshopCreateSchema, WorkshopPatchSchema } from '#shared/contract/workshops';
import { IdSchema } from '#shared/domain/fair';
import { type Names, namesOf } from '#shared/domain/names';
import { dynamo } from '#shared/store/clients';
import { getWorkshop, listWorkshops, putWorkshopIfAbsent, updateWorkshopRules } from '#shared/store/workshops-store';

export const PathSchema = z.object({ workshopId: IdSchema });

async function checkZone(zoneId: string | undefined): Promise<void> {
  if (zoneId && !(await zoneTree()).has(zoneId))
    throw new ValidationFailedError('no such zone', [{ path: 'zoneId', message: `no zone ${zoneId}` }]);
}

/** Every language filled: the ones given, the others falling back to them or to `title`. */
function titlesOf(title: string, titles: Partial<Names> | undefined): Names {
  return namesOf({ en: title, ...titles });
}

function checkTimes(body: { startsAt?: string; endsAt?: string }): void {
  if (body.startsAt && body.endsAt && Date.parse(body.endsAt) <= Date.parse(body.startsAt)) {
    throw new ValidationFailedError('a workshop ends after it starts', [
      { path: 'endsAt', message: 'must be after startsAt' },
    ]);
  }
}

/**
 * GET /v1/workshops[/{id}] (any credential); POST /v1/workshops, PATCH /v1/workshops/{id} and POST
 * /v1/workshops/{id}/cancel (organiser).
 */
/** The workshop a request names, as it stands now (404 when there is none). */
async function answerWorkshop(workshopId: string) {
  const workshop = await getWorkshop(dynamo(), resource('WORKSHOPS_TABLE'), workshopId);
  if (!workshop) throw new NotFoundError(`no workshop ${workshopId}`);
  return json(200, workshopView(workshop, now()));
}

export const handler = httpHandler(
  byRoute('workshops')({
    'GET /v1/workshops': async (event) => {
      const table = resource('WORKSHOPS_TABLE');
      requirePermission(event, { kind: 'anyRole' });
      const workshops = await listWorkshops(dynamo(), table);
      return json(200, { workshops: workshops.map((w) => workshopView(w, now())) });
    },
    'POST /v1/workshops': async (event) => {
      const table = resource('WORKSHOPS_TABLE');
      requirePermission(event, { kind: 'organiser' });
      const body = parseJsonBody(event, WorkshopCreateSchema);
      checkTimes(body);
      await checkZone(body.zoneId);
      // Without a zone, its door admits against its seats and moves no room's count.
      const workshop = {
        ...body,
        titles: titlesOf(body.title, body.titles),
        workshopId: `ws-${randomBytes(6).toString('hex')}`,
        source: 'api' as const,
      };
      await putWorkshopIfAbsent(dynamo(), table, {
        ...(workshop as typeof workshop & { zoneId: string }),
        admitted: 0,
        registered: 0,
        waitlisted: 0,
        listKey: 'WORKSHOP',
      });
      return json(
        201,
        workshopView(
          {
            ...(workshop as typeof workshop & { zoneId: string }),
            admitted: 0,
            registered: 0,
            waitlisted: 0,
            listKey: 'WORKSHOP',
          },
          now(),
        ),
      );
    },
    'GET /v1/workshops/{workshopId}': async (event) => {
      const { workshopId } = parsePath(event, PathSchema);
      requirePermission(event, { kind: 'anyRole' });
      return answerWorkshop(workshopId);
    },
    'PATCH /v1/workshops/{workshopId}': async (event) => {
      const table = resource('WORKSHOPS_TABLE');
      const { workshopId } = parsePath(event, PathSchema);
      requirePermission(event, { kind: 'organiser' });
      const changes = parseJsonBody(event, WorkshopPatchSchema);
      const current = await getWorkshop(dynamo(), table, workshopId);
      if (!current) throw new NotFoundError(`no workshop ${workshopId}`);
      checkTimes({ startsAt: changes.startsAt ?? current.startsAt, endsAt: changes.endsAt ?? current.endsAt });
      await checkZone(changes.zoneId);
      const titles =
        changes.title || changes.titles
          ? titlesOf(changes.title ?? current.title, {
              ...current.titles,
              ...(changes.title ? { en: changes.title } : {}),
              ...changes.titles,
            })
          : undefined;
      // Remembered as changed on the day: a later fair file does not undo them.
      const { titles: _given, ...rules } = changes;
      await updateWorkshopRules(dynamo(), table, workshopId, { ...rules, ...(titles ? { titles } : {}) }, true);
      return answerWorkshop(workshopId);
    },
    'POST /v1/workshops/{workshopId}/cancel': async (event) => {
      const table = resource('WORKSHOPS_TABLE');
      const { workshopId } = parsePath(event, PathSchema);
      requirePermission(event, { kind: 'organiser' });
      const { reason } = parseJsonBody(event, WorkshopCancelSchema);
      const current = await getWorkshop(dynamo(), table, workshopId);
      if (!current) throw new NotFoundError(`no workshop ${workshopId}`);
      if (current.cancelledAt)
        throw new ConflictError(`${workshopId} was cancelled already, at ${current.cancelledAt}`);
      // Its doors admit nobody from now on; who is in the room can still leave.
      await updateWorkshopRules(dynamo(), table, workshopId, {
        cancelledAt: now().toISOString(),
        ...(reason ? { cancelReason: reason } : {}),
      });
      return answerWorkshop(workshopId);
    },
  }),
);
