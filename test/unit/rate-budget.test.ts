import { describe, expect, it } from 'vitest';
import { parseBudget, RateBudget } from '../../shared/domain/rate-budget';

describe("a credential's budget of requests", () => {
  it('lets a burst through, then one more per 1/rate seconds, and says when to come back', () => {
    const budget = new RateBudget({ perSecond: 20, burst: 60 });
    const at = 1_000_000;
    const burst = Array.from({ length: 61 }, () => budget.take('phone', at).ok);
    expect(burst.filter(Boolean)).toHaveLength(60);
    expect(budget.take('phone', at)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // 100 ms later: two more (20 a second), not three.
    expect([0, 1, 2].map(() => budget.take('phone', at + 100).ok)).toEqual([true, true, false]);
    // Another credential is untouched by this one's flood.
    expect(budget.take('other phone', at).ok).toBe(true);
    // After a quiet while the bucket is full again, never fuller.
    const later = at + 60_000;
    expect(Array.from({ length: 61 }, () => budget.take('phone', later).ok).filter(Boolean)).toHaveLength(60);
  });

  it('keeps at most its number of keys, forgetting the least recently used', () => {
    const budget = new RateBudget({ perSecond: 1, burst: 1 }, 2);
    expect(budget.take('a', 0).ok).toBe(true);
    expect(budget.take('b', 0).ok).toBe(true);
    expect(budget.take('c', 0).ok).toBe(true); // forgets a
    expect(budget.take('a', 0).ok).toBe(true);
    expect(budget.take('c', 0).ok).toBe(false);
  });

  it('reads "per second/burst" or "off", and refuses anything else with the form it wants', () => {
    expect(parseBudget('20/60')).toEqual({ perSecond: 20, burst: 60 });
    expect(parseBudget('0.5/3')).toEqual({ perSecond: 0.5, burst: 3 });
    expect(parseBudget('off')).toBeUndefined();
    expect(parseBudget(undefined)).toBeUndefined();
    for (const bad of ['20', '0/10', '20/0', 'fast', '-1/5']) expect(() => parseBudget(bad)).toThrow(/"20\/60"/);
  });
});
