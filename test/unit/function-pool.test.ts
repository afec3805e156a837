import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FunctionPool, SHARED_THREAD_TURNS } from '../../local/lambda/function-pool';
import type { FunctionSpec } from '../../local/template/topology-types';

/**
 * The local Lambda sandboxes: as on Lambda, a function's bundle is imported at its first invocation
 * (so `npm start` is ready without importing forty bundles first), and the warm-up started meanwhile
 * says which bundle cannot load, while the others go on. Each fixture bundle notes its import in a
 * file, which is how "not imported yet" is proved.
 */
const folders: string[] = [];
let pool: FunctionPool | undefined;

afterEach(async () => {
  await pool?.stop();
  pool = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function assembly(bundles: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawaq-pool-'));
  folders.push(dir);
  const specs: FunctionSpec[] = Object.entries(bundles).map(([name, code]) => {
    mkdirSync(path.join(dir, `asset.${name}`));
    const imported = path.join(dir, `${name}.imported`);
    writeFileSync(
      path.join(dir, `asset.${name}`, 'index.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(imported)}, 'yes');\n${code}\n`,
    );
    return {
      logicalId: `${name}Fn`,
      name,
      assetPath: `asset.${name}`,
      handler: 'index.handler',
      timeoutSeconds: 2,
      memoryMb: 128,
      environment: {},
      policy: [],
    };
  });
  const imported = (name: string) => {
    try {
      return readFileSync(path.join(dir, `${name}.imported`), 'utf8') === 'yes';
    } catch {
      return false;
    }
  };
  return { dir, specs, imported };
}

describe('the local function pool', () => {
  it("imports a function's bundle at its first invocation, not before", async () => {
    const { dir, specs, imported } = assembly({
      hello: 'export const handler = async (event) => ({ hello: event.name });',
      other: 'export const handler = async () => 1;',
    });
    pool = new FunctionPool(specs, { assemblyDir: dir, environmentFor: () => ({}), log: () => undefined });
    expect(imported('hello')).toBe(false);
    expect(await pool.invoke('helloFn', { name: 'Oujda' })).toEqual({ hello: 'Oujda' });
    expect(imported('hello')).toBe(true);
    // The marker that the other was never asked for: nothing imported it.
    expect(imported('other')).toBe(false);
  });

  it('warms the rest up one at a time, naming each bundle that cannot load, and the others work', async () => {
    const { dir, specs, imported } = assembly({
      broken: "throw new Error('a bundle that cannot load');",
      fine: 'export const handler = async () => "ok";',
    });
    pool = new FunctionPool(specs, { assemblyDir: dir, environmentFor: () => ({}), log: () => undefined });
    const failed: string[] = [];
    await pool.warmUp((name, error) => failed.push(`${name}: ${error.message}`));
    expect(failed).toEqual(['broken: a bundle that cannot load']);
    expect(imported('fine')).toBe(true);
    expect(await pool.invoke('fineFn', {})).toBe('ok');
    await expect(pool.invoke('brokenFn', {})).rejects.toMatchObject({ errorType: 'Runtime.ImportModuleError' });
  });

  it("runs at most its turns of one function's invocations at once, each one's timeout from its turn", async () => {
    // Each invocation holds the thread's turn for 600 ms and answers how many were running with it.
    const { dir, specs } = assembly({
      door: `let now = 0;
export const handler = async () => {
  now += 1;
  const together = now;
  await new Promise((resolve) => setTimeout(resolve, 600));
  now -= 1;
  return together;
};`,
    });
    pool = new FunctionPool(specs, { assemblyDir: dir, environmentFor: () => ({}), log: () => undefined });
    const many = SHARED_THREAD_TURNS * 4;
    // Four rounds of 600 ms outlast the 2 s timeout: the last round would time out if its clock had
    // started when it was asked, rather than at its turn.
    const answers = (await Promise.all(Array.from({ length: many }, () => pool?.invoke('doorFn', {})))) as number[];
    expect(answers).toHaveLength(many);
    expect(Math.max(...answers)).toBe(SHARED_THREAD_TURNS);
  });
});
