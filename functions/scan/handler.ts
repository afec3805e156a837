import { gatesById } from '#commons/fair-context';
import { checkInDeps } from '#commons/gate-deps';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { principalOf, requirePermission } from '#commons/http/principal';
import { parseJsonBody } from '#commons/http/request';
import { json } from '#commons/http/response';
import { countBy } from '#commons/metrics';
import { ScanBatchSchema, type ScanRequest, ScanSchema } from '#commons/scan-schemas';
import type { Gate } from '#shared/domain/fair';
import { checkIn } from '#shared/use-cases/check-in';

/**
 * POST /v1/scans (one scan, online) and POST /v1/scans/batch (what an offline device queued, judged
 * in the order given). A gate credential scans only at the gates in its scope; a supervisor's may also
 * override a refusal there, with a reason.
 */
export const handler = httpHandler(async (event) => {
  const offline = event.routeKey === 'POST /v1/scans/batch';
  const scans: ScanRequest[] = offline
    ? parseJsonBody(event, ScanBatchSchema).scans
    : [parseJsonBody(event, ScanSchema)];
  const gates = await gatesById();
  const unknown = scans.flatMap((scan, index) => (gates.has(scan.gateId) ? [] : [{ index, gateId: scan.gateId }]));
  if (unknown.length > 0 && !offline) throw new NotFoundError(`no gate ${unknown[0]?.gateId}`);
  if (unknown.length > 0) {
    throw new ValidationFailedError(
      'some scans name gates this fair does not have',
      unknown.map(({ index, gateId }) => ({ path: `scans.${index}.gateId`, message: `no gate ${gateId}` })),
    );
  }
  let principal = principalOf(event);
  for (const gateId of new Set(scans.map((scan) => scan.gateId)))
    principal = requirePermission(event, { kind: 'gate', gateId });
  for (const gateId of new Set(scans.filter((scan) => scan.override).map((scan) => scan.gateId)))
    requirePermission(event, { kind: 'override', gateId });
  const deps = await checkInDeps(principal);
  const scanner = { credentialId: principal.credentialId, label: principal.label };
  const results = [];
  for (const scan of scans) results.push(await checkIn(deps, gates.get(scan.gateId) as Gate, scan, offline, scanner));
  countBy(
    'Scans',
    'verdict',
    results.map((result) => result.verdict),
  );
  return json(200, offline ? { results } : results[0]);
});
