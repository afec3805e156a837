import * as z from 'zod';
import { gatePathAuthentication } from '#commons/authenticate';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta, gatesById } from '#commons/fair-context';
import { walkInDeps } from '#commons/gate-deps';
import { byRoute } from '#commons/http/by-route';
import { ConflictError, NotFoundError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath, parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { MetricUnit, metrics } from '#commons/metrics';
import { PaperTallySchema, WalkInCountBatchSchema, WalkInCountSchema } from '#shared/contract/gate';
import { IdSchema } from '#shared/domain/fair';
import { dynamo } from '#shared/store/clients';
import { putPaperTally } from '#shared/store/paper-tallies-store';
import { countWalkIns, UNDO_WINDOW_MS, undoCount, zoneBehind } from '#shared/use-cases/count-walk-ins';

/** Walk-ins through the gate, in and out, for the operators' dashboard (a resent count adds nothing). */
function counted(counts: readonly { in: number; out: number }[]): void {
  metrics.addMetric(
    'WalkInsIn',
    MetricUnit.Count,
    counts.reduce((sum, count) => sum + count.in, 0),
  );
  metrics.addMetric(
    'WalkInsOut',
    MetricUnit.Count,
    counts.reduce((sum, count) => sum + count.out, 0),
  );
}

/**
 * POST /v1/gates/{gateId}/paper-tallies (organiser): a paper tally sheet's window entered after a cut,
 * kept beside the live counts (never in them) and reported as paper. The same window again replaces it.
 */
async function enterPaperTally(event: AuthorizedEvent, gateId: string) {
  const organiser = requirePermission(event, { kind: 'organiser' });
  const tally = parseJsonBody(event, PaperTallySchema);
  const fair = await fairMeta();
  if (!fair.days.includes(tally.day)) throw new NotFoundError(`${tally.day} is not a day of this fair`);
  const record = { gateId, ...tally, by: organiser.label, at: now().toISOString() };
  await putPaperTally(dynamo(), resource('FAIR_TABLE'), record);
  return json(201, record);
}

/**
 * POST /v1/gates/{gateId}/counts (walk-ins counted online), .../counts/batch (what an offline device
 * queued, in order), DELETE .../counts/{countId}?deviceId= (a tap taken back by its device) and
 * GET .../counts (where the zone behind the gate stands, for the steward's page).
 */
/** The gate a request names (404 when the fair has none). */
async function gateAsked(event: AuthorizedEvent) {
  const { gateId } = parsePath(event, z.object({ gateId: IdSchema }));
  const gate = (await gatesById()).get(gateId);
  if (!gate) throw new NotFoundError(`no gate ${gateId}`);
  return { gate, gateId };
}

/** A gate's own counting: the gate's phone (or an organiser), and what counting needs. */
async function counting(event: AuthorizedEvent) {
  const { gate, gateId } = await gateAsked(event);
  const principal = requirePermission(event, { kind: 'gate', gateId });
  return { gate, gateId, counter: { credentialLabel: principal.label }, deps: await walkInDeps() };
}

export const handler = httpHandler(
  byRoute('walk-ins')({
    'GET /v1/gates/{gateId}/counts': async (event) => {
      const { gate, deps } = await counting(event);
      return json(200, await zoneBehind(deps, gate));
    },
    'POST /v1/gates/{gateId}/counts': async (event) => {
      const { gate, deps, counter } = await counting(event);
      const count = parseJsonBody(event, WalkInCountSchema);
      const result = await countWalkIns(deps, gate, count, false, counter);
      if (!result.replayed && !result.flagged) counted([count]);
      return json(200, result);
    },
    'POST /v1/gates/{gateId}/counts/batch': async (event) => {
      const { gate, deps, counter } = await counting(event);
      const { counts } = parseJsonBody(event, WalkInCountBatchSchema);
      const results: Awaited<ReturnType<typeof countWalkIns>>[] = [];
      for (const count of counts) results.push(await countWalkIns(deps, gate, count, true, counter));
      counted(counts.filter((_count, index) => !results[index]?.replayed && !results[index]?.flagged));
      return json(200, { results });
    },
    'DELETE /v1/gates/{gateId}/counts/{countId}': async (event) => {
      const { gate, gateId, deps } = await counting(event);
      const { countId } = parsePath(event, z.object({ countId: z.uuid() }));
      const { deviceId } = parseQuery(event, z.object({ deviceId: z.string().min(1).max(128) }));
      const outcome = await undoCount(deps, gate, countId, deviceId);
      if (outcome.kind === 'unknown')
        throw new NotFoundError(`no count ${countId} by device ${deviceId} at gate ${gateId}`);
      if (outcome.kind === 'too-late')
        throw new ConflictError(`a count can be taken back within ${UNDO_WINDOW_MS / 1000} s only`);
      return json(200, { ...outcome.result, undone: true });
    },
    'POST /v1/gates/{gateId}/paper-tallies': async (event) => enterPaperTally(event, (await gateAsked(event)).gateId),
  }),
  { gatePath: gatePathAuthentication() },
);
