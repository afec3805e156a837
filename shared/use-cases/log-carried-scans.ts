import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putCarried, type ScanRecord } from '../store/scans-store';

/**
 * The scan log's records that gates wrote onto tickets (the common case's one write, see ScanMark):
 * what a change of a ticket item brings, a record the ticket did not carry before, or nothing.
 */
export function newlyCarried(
  old: Record<string, unknown> | undefined,
  next: Record<string, unknown> | undefined,
): ScanRecord | undefined {
  const carried = next?.carriedScan as ScanRecord | undefined;
  if (typeof carried?.scanId !== 'string') return undefined;
  return (old?.carriedScan as ScanRecord | undefined)?.scanId === carried.scanId ? undefined : carried;
}

export interface CarriedScansDeps {
  client: DynamoDBDocumentClient;
  tables: { scans: string };
}

/** Puts at once, a batch's records in groups of this many (each put is one request). */
const PARALLEL_PUTS = 25;

/**
 * Puts the carried records into the scan log, each on condition its id is new: a redelivered batch,
 * or a record the log already has, puts nothing twice. The log's stream then feeds the projector and
 * the gates' hours as any record does.
 */
export async function logCarriedScans(deps: CarriedScansDeps, records: ScanRecord[]): Promise<{ logged: number }> {
  let logged = 0;
  for (let i = 0; i < records.length; i += PARALLEL_PUTS) {
    const puts = records
      .slice(i, i + PARALLEL_PUTS)
      .map((record) => putCarried(deps.client, deps.tables.scans, record));
    logged += (await Promise.all(puts)).filter(Boolean).length;
  }
  return { logged };
}
