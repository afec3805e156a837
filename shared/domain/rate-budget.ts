/**
 * A budget of requests per key (a credential), as a token bucket: `burst` requests at once, then
 * `perSecond` more each second. Pure: the caller passes the time. At most `maxKeys` buckets are kept;
 * past that the least recently used go (a full bucket is what a forgotten key would have anyway).
 */
export interface Budget {
  perSecond: number;
  burst: number;
}

export type BudgetAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/** `"20/60"`: 20 a second, 60 at once; `"off"` (or nothing) for no budget. Throws on anything else. */
export function parseBudget(text: string | undefined): Budget | undefined {
  if (!text || text === 'off') return undefined;
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text.trim());
  const perSecond = Number(match?.[1]);
  const burst = Number(match?.[2]);
  if (!match || !(perSecond > 0) || !(burst >= 1)) {
    throw new Error(`a budget reads "<per second>/<burst>" (such as "20/60") or "off", not "${text}"`);
  }
  return { perSecond, burst };
}

export class RateBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly budget: Budget,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, nowMs: number): BudgetAnswer {
    const { perSecond, burst } = this.budget;
    const held = this.buckets.get(key);
    const tokens = held ? Math.min(burst, held.tokens + ((nowMs - held.at) / 1000) * perSecond) : burst;
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: nowMs });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return { ok: true };
  }
}
