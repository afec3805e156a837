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
        // Never above what the count reached, never below what it reached.
        const reached = [...LEVELS].reverse().find((l) => count >= thresholds[l]) ?? 'normal';
        expect(LEVELS.indexOf(level)).toBeGreaterThanOrEqual(LEVELS.indexOf(reached));
      }),
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
