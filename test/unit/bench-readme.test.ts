import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { README, readmeTable, readResults, renderTable, tableContent } from '../../bench/results-file';
import { vitestDurations } from '../../scripts/vitest-durations';

/**
 * The README's benchmark table is the one `npm run bench -- --readme <file>` renders from the results
 * file it names: a figure typed by hand, or a table left behind by a newer run, fails here.
 */
describe("the README's benchmark table", () => {
  const shown = readmeTable(readFileSync(README, 'utf8'));

  it('names a results file that exists, stamped with its commit and machine', () => {
    expect(shown, 'README.md has no "<!-- bench results: ... -->" block').toBeDefined();
    const file = shown?.file as string;
    expect(existsSync(path.resolve(import.meta.dirname, '..', '..', file))).toBe(true);
    const { meta } = readResults(file);
    expect(file).toContain(meta.commit);
    expect(meta.machine.cores).toBeGreaterThan(0);
    expect(meta.node).toMatch(/^v\d+/);
  });

  it('is exactly the table rendered from that file', () => {
    const file = shown?.file as string;
    expect(tableContent(shown?.table ?? '')).toBe(tableContent(renderTable(file, readResults(file))));
  });

  it('would notice a figure that differs from the file', () => {
    const file = shown?.file as string;
    const results = readResults(file);
    const altered = { ...results, checkin: { ...results.checkin, scansPerSecond: -1 } };
    expect(tableContent(renderTable(file, altered))).not.toBe(tableContent(shown?.table ?? ''));
  });
});

describe("the README's first-hour figures", () => {
  it('are the figures of the results file it names, from that commit', () => {
    const readme = readFileSync(README, 'utf8');
    const named = /<!-- first hour: (bench\/results\/[^ ]+-first-hour\.json) -->\n([\s\S]*?)\n\n/.exec(readme);
    expect(named, 'README.md has no "<!-- first hour: ... -->" paragraph').not.toBeNull();
    const [, file = '', paragraph = ''] = named ?? [];
    const results = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', file), 'utf8')) as {
      commit: string;
      seconds: { npmCi: number; firstStart: number; laterStart: number };
      vitestSeconds?: Record<string, number>;
      busyVitestSeconds?: Record<string, number>;
    };
    const said = (seconds: number) => `${seconds.toFixed(1)} s`;
    for (const figure of [results.seconds.npmCi, results.seconds.firstStart, results.seconds.laterStart])
      expect(paragraph).toContain(said(figure));
    expect(paragraph.replace(/\s+/g, ' ')).toContain(`commit ${results.commit.slice(0, 7)}`);
    // Every figure in the paragraph is one of the file's (none typed by hand).
    const figures = paragraph.match(/\d+\.\d s/g) ?? [];
    const measured = [results.seconds, results.vitestSeconds ?? {}, results.busyVitestSeconds ?? {}]
      .flatMap((figures) => Object.values(figures))
      .map(said);
    expect(figures.filter((figure) => !measured.includes(figure))).toEqual([]);
  });
});

describe("a vitest report's durations, as the first-hour script reads them", () => {
  it("finds each lane's run by the name its lines carry, and the unlabelled run by the name given", () => {
    const report = [
      '\x1b[2m   Duration \x1b[22m 84.46s (transform 2.37s, setup 0ms)',
      'local │    Duration  677.26s (transform 1.96s, setup 0ms, import 12.00s)',
      'integration │  ✓  integration  test/integration/tickets.test.ts (14 tests) 43990ms',
      'integration │    Duration  853.92s (transform 4.21s)',
      'simulation │    Duration  101.87s (transform 90ms)',
    ].join('\n');
    expect(vitestDurations(report)).toEqual({ unit: 84.46, local: 677.26, integration: 853.92, simulation: 101.87 });
    expect(vitestDurations('   Duration  965.20s (transform 1s)', 'integration')).toEqual({ integration: 965.2 });
    expect(vitestDurations('Tests  255 passed (255)')).toEqual({});
  });
});
