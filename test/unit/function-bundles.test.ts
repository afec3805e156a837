import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { functionEntry as entry, FunctionBundling } from '../../infra/constructs/function-bundles';
import { demoFair } from '../../shared/fair/demo-fair';
import { fairInUse } from '../../shared/fair/fair-file';
import { machineFactor } from '../support/machine-factor';

/**
 * The functions' bundles: every function of functions/ from one esbuild run, a function with an alias
 * of its own built alone, each as the asset's index.mjs with its map beside it.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const assembly = mkdtempSync(path.join(tmpdir(), 'rawaq-bundles-'));

function bundled(name: string, alias: Record<string, string> = {}, folder = name): { code: string; map: string } {
  const outputDir = path.join(assembly, `bundling-temp-${folder}`);
  mkdirSync(outputDir);
  expect(new FunctionBundling(entry(name), alias).local.tryBundle(outputDir, {} as never)).toBe(true);
  return {
    code: readFileSync(path.join(outputDir, 'index.mjs'), 'utf8'),
    map: readFileSync(path.join(outputDir, 'index.mjs.map'), 'utf8'),
  };
}

afterAll(() => rmSync(assembly, { recursive: true, force: true }));

describe("the functions' bundles", () => {
  it(
    'gives a function from the build of them all the bundle it would have alone',
    () => {
      const together = bundled('health');
      // An alias no code of it imports: the same function, built alone.
      const alone = bundled('health', { 'not-imported-anywhere': path.join(ROOT, 'package.json') }, 'health-alone');
      expect(together.code.length).toBeGreaterThan(1000);
      expect(alone.code).toBe(together.code);
      expect(together.code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
      // The map's sources resolve from the asset's folder, one level under the assembly.
      const sources = (JSON.parse(together.map) as { sources: string[] }).sources;
      const handler = sources.find((source) => source.endsWith('functions/health/handler.ts'));
      expect(handler && path.resolve(assembly, 'asset.x', handler)).toBe(entry('health'));
    },
    60_000 * machineFactor(),
  );

  it(
    "builds the seed alone with the fair's file it is given",
    () => {
      const { code } = bundled('seed', { 'rawaq-fair-file': fairInUse().file });
      expect(code).toContain(demoFair.fairId);
      expect(code).not.toMatch(/from\s*["']rawaq-fair-file["']/);
    },
    60_000 * machineFactor(),
  );
});
