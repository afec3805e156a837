import { createHash } from 'node:crypto';
import { isLoopbackAddress } from '../../shared/domain/public-address';
import { type Budget, RateBudget } from '../../shared/domain/rate-budget';

export interface EdgeLimits {
  /** Requests one network address may have in flight at once (a phone's page loads six at most). */
  perAddressInFlight: number;
  /** Each credential's requests from the network (the stack's CREDENTIAL_BUDGET); none when undefined. */
  credentialBudget?: Budget | undefined;
}

export const EDGE_DEFAULTS: EdgeLimits = { perAddressInFlight: 16 };

/**
 * What the local server holds back from the venue's network before any function runs: one address
 * (a phone, or a laptop flooding) has at most `perAddressInFlight` requests in flight, so it cannot
 * queue up the machine's functions ahead of every gate; one credential has its budget of requests.
 * This machine itself (loopback) is not limited: it is the organiser's screen, the bench, the tests.
 */
export class EdgeGuard {
  private readonly inFlight = new Map<string, number>();
  private readonly budget: RateBudget | undefined;

  constructor(private readonly limits: EdgeLimits) {
    this.budget = limits.credentialBudget ? new RateBudget(limits.credentialBudget) : undefined;
  }

  /**
   * Whether a request from the network may spend one of its credential's budget (true when it has
   * no credential: the authorizer refuses those, without their bodies). Kept by a hash of the header.
   */
  spend(address: string | undefined, authorization: string | undefined): boolean {
    const bare = address?.replace(/^::ffff:/, '') ?? '';
    if (!this.budget || !authorization || !bare || isLoopbackAddress(bare)) return true;
    const key = createHash('sha256').update(authorization).digest('base64url');
    return this.budget.take(key, Date.now()).ok;
  }

  /** A release to call when the request is answered, or undefined when the address is over its limit. */
  enter(address: string | undefined): (() => void) | undefined {
    const bare = address?.replace(/^::ffff:/, '') ?? '';
    if (!bare || isLoopbackAddress(bare)) return () => undefined;
    const held = this.inFlight.get(bare) ?? 0;
    if (held >= this.limits.perAddressInFlight) return undefined;
    this.inFlight.set(bare, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(bare) ?? 1) - 1;
      if (left > 0) this.inFlight.set(bare, left);
      else this.inFlight.delete(bare);
    };
  }
}
