import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { README, readmeTable, readResults, renderTable, tableContent } from '../../bench/results-file';

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
