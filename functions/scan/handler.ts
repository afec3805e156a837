import { gatePathAuthentication } from '#commons/authenticate';
import { now } from '#commons/clock';
import { gateContext, gatesById } from '#commons/fair-context';
import { checkInDeps, zonesWithCredential } from '#commons/gate-deps';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { type HttpInner, httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, principalOf, requirePermission } from '#commons/http/principal';
import { parseJsonBody } from '#commons/http/request';
import { json } from '#commons/http/response';
import { countBy } from '#commons/metrics';
import { DryRunSchema, ScanBatchSchema, type ScanRequest, ScanSchema } from '#shared/contract/gate';
import type { RoutesOf } from '#shared/contract/operations';
import type { Gate } from '#shared/domain/fair';
import { checkIn, dryRunScan } from '#shared/use-cases/check-in';

/**
 * POST /v1/scans/dry-run (the desk or an organiser): would this code get in at that gate at that time?
 * The verdict and the rule that decided, judged as a scan would be, nothing recorded.
 */
async function dryRun(event: AuthorizedEvent) {
  requirePermission(event, { kind: 'desk' });
  const { token, gateId, direction, at } = parseJsonBody(event, DryRunSchema);
  const gate = (await gatesById()).get(gateId);
  if (!gate) throw new NotFoundError(`no gate ${gateId}`);
  const deps = await checkInDeps(principalOf(event));
  return json(200, await dryRunScan(deps, gate, { token, direction, at: at ? new Date(at) : now() }));
}

/**
 * POST /v1/scans (one scan, online) and POST /v1/scans/batch (what an offline device queued, judged
 * in the order given). A gate credential scans only at the gates in its scope; a supervisor's may also
 * override a refusal there, with a reason.
 */
const scanning =
  (offline: boolean): HttpInner =>
  async (event) => {
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
    const deps = await checkInDeps(principal, event.readWithCredential?.zones);
    const scanner = { credentialId: principal.credentialId, label: principal.label };
    const results = [];
    for (const scan of scans) results.push(await checkIn(deps, gates.get(scan.gateId) as Gate, scan, offline, scanner));
    countBy(
      'Scans',
      'verdict',
      results.map((result) => result.verdict),
    );
    return json(200, offline ? { results } : results[0]);
  };

/** The online scan: the one route whose entries read their zones with the credential. */
const ONLINE_SCAN: RoutesOf<'scan'> = 'POST /v1/scans';

export const handler = httpHandler(
  byRoute('scan')({
    'POST /v1/scans': scanning(false),
    'POST /v1/scans/batch': scanning(true),
    'POST /v1/scans/dry-run': dryRun,
  }),
  {
    // An online entry's zones are read with the credential: with the transaction, two requests.
    gatePath: gatePathAuthentication(async (event) => {
      if (event.routeKey !== ONLINE_SCAN) return undefined;
      const scan = parseJsonBody(event, ScanSchema);
      const { gates, tree } = await gateContext();
      const gate = gates.get(scan.gateId);
      return gate && scan.direction === 'in' ? zonesWithCredential(tree.path(gate.zoneId)) : undefined;
    }),
  },
);
