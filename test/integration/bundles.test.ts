import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../local/template/cloud-assembly';
import { readTopology } from '../../local/template/topology';
import { resourcesOf } from '../../shared/commons/function-resources';
import { fairInUse, stackNameFor } from '../../shared/fair/fair-file';

/**
 * The functions' bundles as the running stack has them (synthesized by the global set-up): credentials
 * from the environment only, without the SDK's default chain and the STS and SSO clients it loads.
 * Every integration test reaching DynamoDB through these bundles proves the credentials still work.
 * And each within a budget: a cold start loads the whole file, so a library pulled into a function by
 * accident fails here before it slows a gate (the bench measures the import times, `coldStart`).
 */
const BUDGET_KB = 600;
/**
 * A function that reads no table (health, whoami, the API's description) bundles no DynamoDB client:
 * what every HTTP function shares (the handler wrapper) must not pull the stores in.
 */
const TABLELESS_BUDGET_KB = 350;

describe("the functions' bundles", () => {
  const assembly = path.join(ROOT, 'cdk.out');
  const template = JSON.parse(
    readFileSync(path.join(assembly, `${stackNameFor(fairInUse().fair.fairId)}.template.json`), 'utf8'),
  );
  const functions = readTopology(template).functions;

  it('take credentials from the environment, without the default chain', () => {
    expect(functions.length).toBeGreaterThan(25);
    let fromEnvironment = 0;
    for (const fn of functions) {
      const code = readFileSync(path.join(assembly, fn.assetPath, 'index.mjs'), 'utf8');
      expect(code, fn.name).not.toContain('defaultProvider::fromSSO');
      expect(code, fn.name).not.toContain('fromIni');
      if (code.includes('@aws-sdk/credential-provider-env - fromEnv')) fromEnvironment += 1;
    }
    // Every function that talks to AWS (all but a few, such as health) reads its credentials so.
    expect(fromEnvironment).toBeGreaterThan(functions.length - 5);
  });

  it('loads Node built-ins with require, never through import() (whose node:http loads undici)', () => {
    for (const fn of functions) {
      const code = readFileSync(path.join(assembly, fn.assetPath, 'index.mjs'), 'utf8');
      expect(code.match(/\bimport\(\s*["'][^"']+["']\s*\)/g) ?? [], fn.name).toEqual([]);
    }
    // The SDK's HTTP handler reaches node:http so (the local engines' endpoints are http).
    const scan = functions.find((fn) => fn.name === 'scan');
    const code = readFileSync(path.join(assembly, scan?.assetPath ?? '', 'index.mjs'), 'utf8');
    expect(code).toMatch(/\("node:http"\)/);
  });

  it(`keeps every function's bundle under ${BUDGET_KB} KB`, () => {
    const sizes = functions.map((fn) => ({
      name: fn.name,
      kb: Math.round(statSync(path.join(assembly, fn.assetPath, 'index.mjs')).size / 1024),
    }));
    const over = sizes.filter((bundle) => bundle.kb > BUDGET_KB);
    expect(over, `over ${BUDGET_KB} KB: ${JSON.stringify(over)}`).toEqual([]);
    const tableless = sizes.filter((bundle) => resourcesOf(bundle.name)?.length === 0);
    expect(tableless.map((bundle) => bundle.name).sort()).toEqual(['health', 'openapi', 'whoami']);
    const heavy = tableless.filter((bundle) => bundle.kb > TABLELESS_BUDGET_KB);
    expect(heavy, `reading no table, over ${TABLELESS_BUDGET_KB} KB: ${JSON.stringify(heavy)}`).toEqual([]);
  });
});
