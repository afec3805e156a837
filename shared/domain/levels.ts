import type { Thresholds } from './fair';

/**
 * Occupancy levels with hysteresis: a level is reached when the count reaches its threshold, and left
 * only when the count falls a margin below it, so a count wobbling around a threshold raises one alert,
 * not one per wobble. Thresholds and margin are fractions of capacity.
 */
export const LEVELS = ['normal', 'warning', 'critical', 'full'] as const;
export type Level = (typeof LEVELS)[number];

export interface LevelRule {
  capacity: number;
  thresholds: Thresholds;
  hysteresis: number;
}

/**
 * Fractions are judged in whole parts per ten thousand, so a threshold compares whole numbers:
 * 0.8 x 12 - 0.05 x 12 is exactly 9 here, where floating point makes it 9.000000000000002 and lets a
 * count of 9 fall a level that the same rule at capacity 100 keeps at 75.
 */
const PARTS = 10_000;
const parts = (fraction: number) => Math.round(fraction * PARTS);

function thresholdParts(level: Level, rule: LevelRule): number {
  switch (level) {
    case 'normal':
      return 0;
    case 'warning':
      return parts(rule.thresholds.warning);
    case 'critical':
      return parts(rule.thresholds.critical);
    case 'full':
      return parts(rule.thresholds.full);
    default: {
      const unreachable: never = level;
      return unreachable;
    }
  }
}

/** Whether `count` reaches `fractionParts` of the capacity: count >= fraction x capacity, exactly. */
const reaches = (count: number, fractionParts: number, capacity: number) => count * PARTS >= fractionParts * capacity;

export function levelFor(count: number, rule: LevelRule, previous: Level): Level {
  const reached = [...LEVELS].reverse().find((level) => reaches(count, thresholdParts(level, rule), rule.capacity));
  const reachedLevel = reached ?? 'normal';
  const previousRank = LEVELS.indexOf(previous);
  if (LEVELS.indexOf(reachedLevel) >= previousRank) return reachedLevel;
  // Falling: stay on each level until the count is a margin below its threshold.
  const margin = parts(rule.hysteresis);
  for (let rank = previousRank; rank > 0; rank -= 1) {
    const level = LEVELS[rank] as Level;
    if (reaches(count, thresholdParts(level, rule) - margin, rule.capacity)) return level;
  }
  return 'normal';
}
