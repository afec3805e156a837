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

describe("the README's first-hour figures", () => {
  it('are the figures of the results file it names, from that commit', () => {
    const readme = readFileSync(README, 'utf8');
    const named = /<!-- first hour: (bench\/results\/[^ ]+-first-hour\.json) -->\n([\s\S]*?)\n\n/.exec(readme);
    expect(named, 'README.md has no "<!-- first hour: ... -->" paragraph').not.toBeNull();
    const [, file = '', paragraph = ''] = named ?? [];
    const results = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', file), 'utf8')) as {
      commit: string;
      seconds: { npmCi: number; firstStart: number; laterStart: number };
    };
    const said = (seconds: number) => `${seconds.toFixed(1)} s`;
    for (const figure of [results.seconds.npmCi, results.seconds.firstStart, results.seconds.laterStart])
      expect(paragraph).toContain(said(figure));
    expect(paragraph.replace(/\s+/g, ' ')).toContain(`commit ${results.commit.slice(0, 7)}`);
    // Every figure in the paragraph is one of the file's (none typed by hand).
    const figures = paragraph.match(/\d+\.\d s/g) ?? [];
    expect(figures.filter((figure) => !Object.values(results.seconds).map(said).includes(figure))).toEqual([]);
  });
});
