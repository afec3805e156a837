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

function threshold(level: Level, rule: LevelRule): number {
  switch (level) {
    case 'normal':
      return 0;
    case 'warning':
      return rule.thresholds.warning * rule.capacity;
    case 'critical':
      return rule.thresholds.critical * rule.capacity;
    case 'full':
      return rule.thresholds.full * rule.capacity;
    default: {
      const unreachable: never = level;
      return unreachable;
    }
  }
}

export function levelFor(count: number, rule: LevelRule, previous: Level): Level {
  const reached = [...LEVELS].reverse().find((level) => count >= threshold(level, rule)) ?? 'normal';
  const previousRank = LEVELS.indexOf(previous);
  if (LEVELS.indexOf(reached) >= previousRank) return reached;
  // Falling: stay on each level until the count is a margin below its threshold.
  const margin = rule.hysteresis * rule.capacity;
  for (let rank = previousRank; rank > 0; rank -= 1) {
    const level = LEVELS[rank] as Level;
    if (count >= threshold(level, rule) - margin) return level;
  }
  return 'normal';
}
