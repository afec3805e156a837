import { createRequire } from 'node:module';
import * as path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/**
 * The floors (.dependency-cruiser.cjs) on the module graph dependency-cruiser's resolver builds: every
 * import as TypeScript and Node resolve it (`#shared/...` included), not as a pattern over text.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};
const FOLDERS = ['shared', 'functions', 'events', 'infra', 'web/src', 'local'];

async function graph(forbidden: IForbiddenRuleType[]): Promise<ICruiseResult> {
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const result = await cruise(FOLDERS, { ...config.options, ruleSet: { forbidden }, validate: true } as never);
    return result.output as ICruiseResult;
  } finally {
    process.chdir(previous);
  }
}

const broken = (result: ICruiseResult) =>
  result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);

describe('the floors, on the resolved module graph', () => {
  it('holds every floor', async () => {
    const result = await graph(config.forbidden);
    expect(broken(result)).toEqual([]);
    // The graph is the whole code: hundreds of modules, the subpath imports resolved to files.
    expect(result.summary.totalCruised).toBeGreaterThan(300);
    const handler = result.modules.find((module) => module.source === 'functions/scan/handler.ts');
    expect(
      handler?.dependencies.some(
        (dependency) => dependency.module === '#commons/clock' && dependency.resolved === 'shared/commons/clock.ts',
      ),
    ).toBe(true);
  }, 120_000);

  it('would see a floor broken (the check itself can fail)', async () => {
    // Functions do use stores (through #shared/...): a rule forbidding it must find them.
    const result = await graph([
      { name: 'sample', severity: 'error', from: { path: '^functions/' }, to: { path: '^shared/store/' } },
    ]);
    expect(broken(result).length).toBeGreaterThan(10);
  }, 120_000);
});
