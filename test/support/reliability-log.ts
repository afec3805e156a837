import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * What a fault test did and found, for `npm run reliability` to add up: load held, faults injected,
 * bad inputs tried, acknowledged writes lost, double counts. Written before the test asserts, so a
 * failing run still reports what it saw.
 */
export interface ReliabilityEntry {
  test: string;
  load?: string;
  faults: string[];
  badInputs?: number;
  /** Acknowledged writes lost; absent when the test does not measure it (shown blank, not 0). */
  acknowledgedLost?: number;
  doubleCounts: number;
  /** Services that must not be reachable from the network and were. */
  exposed?: number;
  /** The figure that shows an attack held (what was refused, how fast real work stayed). */
  held?: string;
}

export const RELIABILITY_DIR = path.resolve(import.meta.dirname, '..', 'artifacts', 'reliability');

export function recordReliability(entry: ReliabilityEntry): void {
  mkdirSync(RELIABILITY_DIR, { recursive: true });
  writeFileSync(
    path.join(RELIABILITY_DIR, `${entry.test.replace(/[^a-z0-9]+/gi, '-')}.json`),
    JSON.stringify(entry, null, 2),
  );
}
