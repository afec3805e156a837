import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files';

/**
 * The engines' tests wait in budgets that stretch with the machine (`stretched`, or the projects'
 * defaults in vitest.config.ts, which are stretched): a bare number set on a quiet machine is what
 * failed CI's busy pass (a booth's queued +1, 2026-12-07). A socket's connect timeout is no wait for
 * the page or the engines, and is left alone.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

function bareWaits(text: string): string[] {
  return text
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => /\btimeout:\s*\d/.test(line) && !/\bconnect\(/.test(line))
    .map(({ line, number }) => `${number}: ${line.trim()}`);
}

describe('the engines’ tests’ waits', () => {
  it('stretch every timeout they give with the machine, or take the stretched default', () => {
    const files = ['test/integration', 'test/browser', 'test/local'].flatMap((folder) =>
      sourceFiles(path.join(ROOT, folder)),
    );
    expect(files.length).toBeGreaterThan(40);
    const bare = files.flatMap((file) =>
      bareWaits(readFileSync(file, 'utf8')).map((found) => `${path.relative(ROOT, file)}:${found}`),
    );
    expect(bare).toEqual([]);
  });

  it('would see a bare one (the rule itself can fail)', () => {
    const sample = [
      "await expect.poll(() => seats(), { timeout: 10_000 }).toBe('3');",
      "await expect.poll(() => seats(), { timeout: stretched(20_000) }).toBe('2');",
      "await verdict.waitFor({ state: 'visible', timeout: 15_000 });",
      'const socket = connect({ host, port, timeout: 2000 });',
    ].join('\n');
    expect(bareWaits(sample)).toEqual([
      "1: await expect.poll(() => seats(), { timeout: 10_000 }).toBe('3');",
      "3: await verdict.waitFor({ state: 'visible', timeout: 15_000 });",
    ]);
  });
});
