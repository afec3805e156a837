import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coalesce } from '#shared/domain/coalesce';
import { LEVELS, type Level, levelFor } from '#shared/domain/levels';

const rule = { capacity: 100, thresholds: { warning: 0.8, critical: 0.95, full: 1 }, hysteresis: 0.05 };

describe('levels', () => {
  it('rises when the count reaches a threshold', () => {
    expect(levelFor(79, rule, 'normal')).toBe('normal');
    expect(levelFor(80, rule, 'normal')).toBe('warning');
    expect(levelFor(95, rule, 'normal')).toBe('critical');
    expect(levelFor(100, rule, 'warning')).toBe('full');
  });

  it('falls only when the count drops a margin below the threshold', () => {
    expect(levelFor(79, rule, 'warning')).toBe('warning');
    expect(levelFor(75, rule, 'warning')).toBe('warning');
    expect(levelFor(74, rule, 'warning')).toBe('normal');
    expect(levelFor(96, rule, 'full')).toBe('full');
    expect(levelFor(94, rule, 'full')).toBe('critical');
    expect(levelFor(10, rule, 'full')).toBe('normal');
  });

  it('changes level once when a count wobbles around a threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 76, max: 84 }), { minLength: 1, maxLength: 300 }), (counts) => {
        let level: Level = 'normal';
        let changes = 0;
        for (const count of counts) {
          const next = levelFor(count, rule, level);
          if (next !== level) changes += 1;
          level = next;
        }
        expect(changes).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('always lands on a level whose threshold minus the margin the count still reaches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.constantFrom(...LEVELS), (count, previous) => {
        const level = levelFor(count, rule, previous);
        const thresholds = { normal: 0, warning: 80, critical: 95, full: 100 };
        expect(count).toBeGreaterThanOrEqual(thresholds[level] - 5);
        // Never below what the count reached; above it only by holding the level it had (hysteresis).
        const reached = [...LEVELS].reverse().find((l) => count >= thresholds[l]) ?? 'normal';
        expect(LEVELS.indexOf(level)).toBeGreaterThanOrEqual(LEVELS.indexOf(reached));
        expect(LEVELS.indexOf(level)).toBeLessThanOrEqual(Math.max(LEVELS.indexOf(reached), LEVELS.indexOf(previous)));
      }),
    );
  });
});

/** A decimal as an exact fraction (0.8 -> 8/10), from its shortest decimal spelling: no floating point. */
function exact(value: number): { numerator: bigint; denominator: bigint } {
  const [whole = '0', fraction = ''] = value.toString().split('.');
  const denominator = 10n ** BigInt(fraction.length);
  return { numerator: BigInt(whole) * denominator + BigInt(fraction || '0'), denominator };
}

/** The contract's rule in exact rational arithmetic: the reference the implementation must equal. */
function referenceLevel(count: number, rule: typeof rule_, previous: Level): Level {
  const atLeast = (fractions: number[], sign: number[]) => {
    // count >= capacity x (f1 + s2 x f2), exactly
    const parts = fractions.map(exact);
    const denominator = parts.reduce((d, p) => d * p.denominator, 1n);
    const numerator = parts.reduce(
      (sum, p, index) => sum + BigInt(sign[index] ?? 1) * p.numerator * (denominator / p.denominator),
      0n,
    );
    return BigInt(count) * denominator >= numerator * BigInt(rule.capacity);
  };
  const fraction = (level: Level) => (level === 'normal' ? 0 : rule.thresholds[level]);
  const reached = [...LEVELS].reverse().find((level) => atLeast([fraction(level)], [1])) ?? 'normal';
  if (LEVELS.indexOf(reached) >= LEVELS.indexOf(previous)) return reached;
  for (let rank = LEVELS.indexOf(previous); rank > 0; rank -= 1) {
    const level = LEVELS[rank] as Level;
    if (atLeast([fraction(level), rule.hysteresis], [1, -1])) return level;
  }
  return 'normal';
}
const rule_ = rule;

describe('levels judged on whole counts', () => {
  it('falls and stays as the exact rule says, where floating point once disagreed', () => {
    const twelve = { ...rule, capacity: 12 };
    // 0.8 x 12 - 0.05 x 12 is exactly 9: a count of 9 stays at warning, as 75 does at capacity 100.
    expect(levelFor(9, twelve, 'warning')).toBe('warning');
    expect(levelFor(75, rule, 'warning')).toBe('warning');
    expect(levelFor(8, twelve, 'warning')).toBe('normal');
  });

  it('equals the exact rule for every capacity from 1 to 5,000, any count, any previous level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(...LEVELS),
        // A count anywhere, or right at a threshold or a threshold less the margin, where rounding bites.
        fc.oneof(
          fc.double({ min: 0, max: 1.2, noNaN: true }),
          fc.record({ boundary: fc.nat(5), step: fc.integer({ min: -1, max: 1 }) }),
        ),
        fc.constantFrom(
          { warning: 0.8, critical: 0.95, full: 1 },
          { warning: 0.7, critical: 0.9, full: 0.95 },
          { warning: 0.55, critical: 0.85, full: 1 },
        ),
        fc.constantFrom(0, 0.05, 0.1, 0.03),
        (capacity, previous, where, thresholds, hysteresis) => {
          const judged = { capacity, thresholds, hysteresis };
          const boundaries = [thresholds.warning, thresholds.critical, thresholds.full].flatMap((t) => [
            t,
            t - hysteresis,
          ]);
          const count =
            typeof where === 'number'
              ? Math.round(where * capacity)
              : Math.max(0, Math.round((boundaries[where.boundary] ?? 0) * capacity) + where.step);
          expect(levelFor(count, judged, previous)).toBe(referenceLevel(count, judged, previous));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('coalescing', () => {
  it('adds changes per key and drops keys that cancel out', () => {
    expect(
      coalesce([
        ['a', 1],
        ['b', 1],
        ['a', 1],
        ['b', -1],
      ] as [string, number][]),
    ).toEqual(new Map([['a', 2]]));
  });
});
