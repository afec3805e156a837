import { stripVTControlCharacters } from 'node:util';

/**
 * Each vitest run's own duration in a report, by the lane its lines carry (`integration │    Duration
 * 853.92s (...)`), `unlabelled` for a run whose lines carry none (in `npm test`, the unit project's).
 */
export function vitestDurations(report: string, unlabelled = 'unit'): Record<string, number> {
  const durations: Record<string, number> = {};
  for (const line of stripVTControlCharacters(report).split('\n')) {
    const found = /^(?:(\w+) │)?\s+Duration\s+([\d.]+)s\b/.exec(line);
    if (found?.[2]) durations[found[1] ?? unlabelled] = Number(found[2]);
  }
  return durations;
}
