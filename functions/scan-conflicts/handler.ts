import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { OverridesQuerySchema } from '#shared/contract/gate';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { dynamo } from '#shared/store/clients';
import { overridesOn } from '#shared/use-cases/overrides';
import { conflictsToReview } from '#shared/use-cases/scan-conflicts';

/**
 * GET /v1/scans/conflicts (organiser): scans where two offline devices let the same ticket through.
 * Both scans are kept; the later one is marked and listed here, newest first, for someone to look at,
 * with the phone's label and the holder's name or short code.
 * GET /v1/scans/overrides?day= (organiser): the day's entries a supervisor let through despite a
 * refusal, with who, why and what was refused, newest first.
 */
export const handler = httpHandler(
  byRoute('scan-conflicts')({
    'GET /v1/scans/conflicts': async (event) => {
      requirePermission(event, { kind: 'watch' });
      const tables = {
        scans: resource('SCANS_TABLE'),
        fair: resource('FAIR_TABLE'),
        tickets: resource('TICKETS_TABLE'),
      };
      return json(200, { conflicts: await conflictsToReview(dynamo(), tables) });
    },
    'GET /v1/scans/overrides': async (event) => {
      requirePermission(event, { kind: 'watch' });
      const fair = await fairMeta();
      const { day = fairDay(now(), zoneOf(fair)) } = parseQuery(event, OverridesQuerySchema);
      return json(200, { day, overrides: await overridesOn(dynamo(), resource('SCANS_TABLE'), fair, day) });
    },
  }),
);
