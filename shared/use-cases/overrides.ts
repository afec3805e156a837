import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fairIso, zoneOf } from '../domain/fair-time';
import type { GateVerdict } from '../domain/gate-verdicts';
import { listForReview } from '../store/scans-store';

export interface OverrideEntry {
  scanId: string;
  ticketId?: string;
  gateId: string;
  at: string;
  refused?: GateVerdict;
  reason?: string;
  by?: string;
}

/** A day's supervisor overrides (who, why, what was refused), newest first: for organisers and the day's report. */
export async function overridesOn(
  client: DynamoDBDocumentClient,
  scansTable: string,
  fair: { timezone: string; utcOffsets?: Record<string, string> | undefined },
  day: string,
): Promise<OverrideEntry[]> {
  const from = new Date(Date.parse(fairIso(day, '00:00', zoneOf(fair)))).toISOString();
  const to = new Date(Date.parse(from) + 86_400_000).toISOString();
  const scans = await listForReview(client, scansTable, 'OVERRIDE', { from, to, limit: 1000 });
  return scans.map(({ scanId, ticketId, gateId, receivedAt, override }) => ({
    scanId,
    ...(ticketId ? { ticketId } : {}),
    gateId,
    at: receivedAt,
    ...(override ? { refused: override.refused, reason: override.reason, by: override.by } : {}),
  }));
}
