import * as z from 'zod';
import { resource } from '#commons/config';
import { decodeFeedCursor, encodeFeedCursor, pageAfter, readFrom } from '#commons/cursor';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { dynamo } from '#shared/store/clients';
import { listRevocations, REVOCATION_KEY } from '#shared/store/revocations-store';

export const QuerySchema = z.object({
  since: z
    .string()
    .max(8000)
    .refine((cursor) => decodeFeedCursor(cursor, REVOCATION_KEY) !== undefined, 'not a cursor this API gave')
    .optional(),
});

/**
 * GET /v1/revocations?since=<cursor> (any credential): what offline gate devices must refuse. A
 * revocation that committed after a later one was sent is still sent (shared/commons/cursor.ts).
 */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'anyRole' });
  const { since } = parseQuery(event, QuerySchema);
  const cursor = decodeFeedCursor(since, REVOCATION_KEY);
  const read = await listRevocations(dynamo(), resource('FAIR_TABLE'), readFrom(cursor));
  const { fresh, next } = pageAfter(read, (item) => item.key, cursor);
  return json(200, {
    ticketIds: fresh.map((item) => item.ticketId),
    cursor: next ? encodeFeedCursor(next) : (since ?? null),
  });
});
