import { createHash } from 'node:crypto';

/**
 * How much slower this machine is right now than the quiet 2-core machine the suite's waits were set
 * on: a fixed piece of work (hashing, single-threaded) timed against its reference time there. Waits
 * and time budgets are multiplied by it, so a busy CI machine gets longer waits instead of failures, and
 * a budget still says something on a quiet one. Never below 1.
 */
const REFERENCE_MS = 90;
let measured: number | undefined;

function timeWork(): number {
  const started = performance.now();
  let digest = Buffer.alloc(32);
  for (let round = 0; round < 40_000; round += 1) digest = createHash('sha256').update(digest).digest();
  return performance.now() - started;
}

export function machineFactor(): number {
  if (measured === undefined) {
    // The best of three: a single unlucky slice of CPU time should not stretch every wait.
    const best = Math.min(timeWork(), timeWork(), timeWork());
    measured = Math.max(1, best / REFERENCE_MS);
  }
  return measured;
}

/**
 * How many test lanes share this machine now: `npm test` runs two side by side and says so in
 * RAWAQ_TEST_LANES (scripts/test-lanes.sh), and `npm run test:busy` counts its busy loops as one
 * (scripts/busy-test.sh). Time budgets and the local runtimes' function timeouts stretch by it, as the
 * factor above is measured while the machine is still quiet, and its single-threaded probe does not
 * see a busy loop on every core.
 */
export function testLanes(): number {
  return Math.max(1, Number(process.env.RAWAQ_TEST_LANES) || 1);
}

/** How much longer a time set on the quiet machine takes now: how much slower it is, times the lanes sharing it. */
export function stretch(): number {
  return machineFactor() * testLanes();
}

/** A time set on the quiet machine, stretched (`stretch()`). */
export function stretched(ms: number): number {
  return Math.round(ms * stretch());
}
