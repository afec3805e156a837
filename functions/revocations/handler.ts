import { z } from 'zod';
import { resource } from '#shared/config';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parseQuery } from '#shared/http/request';
import { json } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';
import { decodeCursor, encodeCursor, listRevocations } from '#shared/store/revocations-store';

const QuerySchema = z.object({
  since: z
    .string()
    .max(200)
    .refine((cursor) => decodeCursor(cursor) !== undefined, 'not a cursor this API gave')
    .optional(),
});

/** GET /v1/revocations?since=<cursor> (any credential): what offline gate devices must refuse. */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'anyRole' });
  const { since } = parseQuery(event, QuerySchema);
  const { ticketIds, last } = await listRevocations(dynamo(), resource('FAIR_TABLE'), decodeCursor(since));
  return json(200, { ticketIds, cursor: last ? encodeCursor(last) : (since ?? null) });
});
