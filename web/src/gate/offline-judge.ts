import type { EntryAccess } from '../../../shared/domain/access-rules';
import type { Gate } from '../../../shared/domain/fair';
import type { GateVerdict, VerdictReason } from '../../../shared/domain/gate-verdicts';
import { type Direction, judgeScan, judgeToken, type Presence } from '../../../shared/domain/scan-rules';
import type { Category } from '../../../shared/domain/ticket-token';
import type { TokenVerifier } from '../../../shared/domain/token-verifier';
import type { ZoneTree } from '../../../shared/domain/zone-tree';

/**
 * The gate's verdict when the API cannot be reached, with the server's own rules (shared/domain):
 * the signature checked with the public keys, the fair, the day, the revocation list the device keeps,
 * and where this device last saw the ticket. What one device cannot know (another gate's scans, a full
 * zone) the server settles when the scan syncs; a disagreement is marked as a conflict for organisers.
 */
export interface OfflineContext {
  verifier: TokenVerifier;
  fairId: string;
  revoked: ReadonlySet<string>;
  gate: Gate;
  direction: Direction;
  day: string;
  tree: ZoneTree;
  /** The rule of a ticket's category now, at this gate (its hours, gates, once a day): the server's. */
  accessFor: (category: string) => EntryAccess;
  /** The last word this device had of an evacuation of the gate's zone (or the venue). */
  evacuating?: boolean;
  deviceId: string;
  /** Where this device last moved the ticket, if it did. */
  presence?: Presence;
}

export interface OfflineJudgement {
  /** UNCHECKED: signed by a key this device has not learnt yet (a rotation): only the server can say. */
  verdict: GateVerdict | 'UNCHECKED';
  /** KEY_RETIRED: signed by a key the organisers withdrew after a leak. */
  reason?: VerdictReason;
  ticketId?: string;
  category?: Category;
  /** The ticket's presence after the scan, to remember on this device. */
  next?: Presence;
}

export async function judgeOffline(token: string, context: OfflineContext): Promise<OfflineJudgement> {
  const verified = await context.verifier.verify(token);
  if (!verified.ok && verified.reason === 'UNKNOWN_KEY') return { verdict: 'UNCHECKED' };
  const refused = judgeToken(verified, context.fairId);
  if (refused || !verified.ok) return refused ?? { verdict: 'INVALID_TOKEN' };
  const { ticketId, category, validDays } = verified.claims;
  // Unknown to this device: an entry assumes the ticket is outside, an exit that it is inside the zone
  // this gate leads into, so the holder is not stopped for what the device cannot know.
  const presence: Presence =
    context.presence ??
    (context.direction === 'in'
      ? { inside: false, entries: 0 }
      : { inside: true, zoneId: context.gate.zoneId, day: context.day, entries: 1 });
  const judgement = judgeScan(
    { revoked: context.revoked.has(ticketId), validDays, presence },
    {
      gate: context.gate,
      direction: context.direction,
      day: context.day,
      tree: context.tree,
      access: context.accessFor(category),
      ...(context.evacuating ? { evacuating: true } : {}),
      // A full zone is the server's to judge: it sees every gate.
      isFull: () => false,
      deviceId: context.deviceId,
      offline: true,
    },
  );
  return { verdict: judgement.verdict, ticketId, category, ...(judgement.next ? { next: judgement.next } : {}) };
}
