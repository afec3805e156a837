import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Every file under `dir` (a path) whose name `accept` takes, walked depth first; `node_modules` and
 * `dist` folders skipped. The tests that read the tree's own source (its imports, its long functions,
 * the pages' stored names) walk it with this.
 */
export function sourceFiles(dir: string, accept: (name: string) => boolean = (name) => name.endsWith('.ts')): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full, accept);
    return accept(name) ? [full] : [];
  });
}
