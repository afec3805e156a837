import { resource } from '#commons/config';
import { byRoute } from '#commons/http/by-route';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { RevocationsQuerySchema, revocationsReadFrom } from '#shared/contract/tickets';
import { dynamo } from '#shared/store/clients';
import { listRevocations } from '#shared/store/revocations-store';

/**
 * GET /v1/revocations?since=<cursor> (any credential): what offline gate devices must refuse, 1,000 a
 * page in the order they were logged. The cursor is the last number read (a few characters, whatever
 * the volume), and the log numbers a revocation only once every earlier number is visible, so a device
 * following cursors until a page is empty has every revocation, once.
 */
export const handler = httpHandler(
  byRoute('revocations')({
    'GET /v1/revocations': async (event) => {
      requirePermission(event, { kind: 'anyRole' });
      const { since } = parseQuery(event, RevocationsQuerySchema);
      const after = revocationsReadFrom(since) ?? 0;
      const page = await listRevocations(dynamo(), resource('FAIR_TABLE'), after);
      const last = page.at(-1)?.seq ?? after;
      return json(200, {
        ticketIds: page.map((revocation) => revocation.ticketId),
        cursor: last === 0 && since === undefined ? null : `r2.${last}`,
      });
    },
  }),
);
