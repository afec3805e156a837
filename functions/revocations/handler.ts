import * as z from 'zod';
import { resource } from '#commons/config';
import { decodeFeedCursor } from '#commons/cursor';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseQuery } from '#commons/http/request';
import { json } from '#commons/http/response';
import { dynamo } from '#shared/store/clients';
import { listRevocations } from '#shared/store/revocations-store';

/** The cursor: how far into the numbered log a device has read. */
const CURSOR = /^r2\.(\d{1,12})$/;
/** A cursor an earlier version gave (time-keyed): the device starts over, which sends nothing less. */
const EARLIER_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_-]+$/;
const readFrom = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined) return 0;
  const match = CURSOR.exec(cursor);
  if (match) return Number(match[1]);
  return decodeFeedCursor(cursor, EARLIER_KEY) ? 0 : undefined;
};

export const QuerySchema = z.object({
  since: z
    .string()
    .max(1000)
    .refine((cursor) => readFrom(cursor) !== undefined, 'not a cursor this API gave')
    .optional()
    .meta({ description: 'the cursor of the last page read; none for the first page' }),
});

/**
 * GET /v1/revocations?since=<cursor> (any credential): what offline gate devices must refuse, 1,000 a
 * page in the order they were logged. The cursor is the last number read (a few characters, whatever
 * the volume), and the log numbers a revocation only once every earlier number is visible, so a device
 * following cursors until a page is empty has every revocation, once.
 */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'anyRole' });
  const { since } = parseQuery(event, QuerySchema);
  const after = readFrom(since) ?? 0;
  const page = await listRevocations(dynamo(), resource('FAIR_TABLE'), after);
  const last = page.at(-1)?.seq ?? after;
  return json(200, {
    ticketIds: page.map((revocation) => revocation.ticketId),
    cursor: last === 0 && since === undefined ? null : `r2.${last}`,
  });
});
