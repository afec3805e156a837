import { defineConfig } from 'vitest/config';
import { stretched } from './test/support/machine-factor.ts';

/**
 * Time budgets set on the quiet 2-core machine, stretched by how much slower this one is right now, and
 * by the lanes sharing it: `npm test` runs two side by side (scripts/test-lanes.sh sets
 * RAWAQ_TEST_LANES), and both start on a quiet machine, where the factor is measured. A full run on a
 * fresh clone timed out the 20,000-inside closing at 120 s beside the other lane (93 to 110 s usual).
 */
const scaled = stretched;

/**
 * The engines' projects: one file at a time, each file's stack started in its hooks. An `expect.poll`
 * given no timeout waits 15 s, stretched as above, not vitest's 1 s: under CI's busy loops a page took
 * longer than 1 s to show a withdrawn consent it had already saved, and longer than 10 s (5 s
 * stretched) to show a +1 queued on the phone. A poll ends as soon as it passes: the budget costs
 * time only when a test fails. A test that gives its own timeout stretches it too
 * (test/unit/wait-budgets.test.ts finds a bare number).
 */
const oneFileAtATime = {
  fileParallelism: false,
  testTimeout: scaled(120_000),
  hookTimeout: scaled(300_000),
  expect: { poll: { timeout: scaled(15_000) } },
};

/**
 * Three projects: `unit` (pure code and the CDK stack, in parallel), `integration` (the API and the
 * pages on one shared runtime of the real local engines) and `local` (test stacks of their own: the
 * event-source semantics, crashes, faults, whole fair days). Each of the last two runs one file at a
 * time; `npm test` runs them side by side (scripts/test-lanes.sh), so two lanes share the two cores.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          testTimeout: scaled(30_000),
          // The stack tests synthesize the whole stack in their hooks: seconds alone, past vitest's
          // 10 s default on a busy machine (a full run beside other work timed it out twice).
          hookTimeout: scaled(120_000),
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-runtime.ts'],
          ...oneFileAtATime,
        },
      },
      {
        extends: true,
        test: {
          name: 'local',
          include: ['test/local/**/*.test.ts'],
          ...oneFileAtATime,
        },
      },
    ],
  },
});
