import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATABASES, SESSION_STORED, STORED, STORED_PER } from '../../web/src/common/stored';
import { sourceFiles } from '../support/source-files';

/**
 * What the pages keep on a phone has one list (web/src/common/stored.ts). A rename (f4e0766) gave the
 * gate's scan tally the walk-in panel's key and each scanned ticket joined the steward's walk-ins;
 * these checks would have refused it (the last test shows it).
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WEB = path.join(ROOT, 'web', 'src');
const REGISTRY = path.join(WEB, 'common', 'stored.ts');

type Family = (...ids: string[]) => string;
const SENTINEL = '\u0001';

/** The fixed part of a family's keys: what comes before its first parameter. */
const prefixOf = (family: Family) => {
  const sample = family(...Array.from({ length: family.length }, () => SENTINEL));
  return sample.slice(0, sample.indexOf(SENTINEL));
};

/** Every pair of names that can meet: a fixed key twice, a fixed key inside a family, a family inside another. */
function clashes(fixed: Record<string, string>, families: Record<string, Family>): string[] {
  const found: string[] = [];
  const fixedEntries = Object.entries(fixed);
  const prefixes = Object.entries(families).map(([name, family]) => [name, prefixOf(family)] as const);
  for (const [i, [a, key]] of fixedEntries.entries()) {
    for (const [b, other] of fixedEntries.slice(i + 1)) if (key === other) found.push(`${a} = ${b} (${key})`);
    for (const [family, prefix] of prefixes) if (key.startsWith(prefix)) found.push(`${a} in ${family}.* (${key})`);
  }
  for (const [a, prefix] of prefixes)
    for (const [b, other] of prefixes)
      if (a !== b && other.startsWith(prefix)) found.push(`${b}.* in ${a}.* (${other} starts with ${prefix})`);
  return found;
}

/** What the pages pass a family: gate and booth ids, fair days. */
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const day = fc
  .date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const argsFor = (family: Family) => fc.tuple(...Array.from({ length: family.length }, () => fc.oneof(id, day)));

describe('what the pages keep on a phone', () => {
  const fixed = { ...STORED, ...SESSION_STORED };
  const families = STORED_PER as unknown as Record<string, Family>;

  it('has no two names that can meet, fixed or built from ids and days', () => {
    expect(clashes(fixed, families)).toEqual([]);
    expect(new Set(Object.values(DATABASES)).size).toBe(Object.keys(DATABASES).length);
  });

  it('builds a different key for different ids, in each family and across families', () => {
    const entries = Object.entries(families);
    const anyKey = fc.oneof(
      ...entries.map(([name, family]) =>
        argsFor(family).map((args) => ({ name, args: args.join('|'), key: family(...args) })),
      ),
    );
    const fixedKeys = new Set<string>(Object.values(fixed));
    fc.assert(
      fc.property(anyKey, anyKey, (a, b) => {
        expect(fixedKeys.has(a.key)).toBe(false);
        // Same key only from the same family with the same ids.
        if (a.key === b.key) expect(`${a.name}(${a.args})`).toBe(`${b.name}(${b.args})`);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is the only place a page spells a stored name', () => {
    const spelled: string[] = [];
    for (const file of sourceFiles(WEB, (name) => /\.(ts|js|html)$/.test(name))) {
      if (file === REGISTRY) continue;
      const text = readFileSync(file, 'utf8');
      const relative = path.relative(ROOT, file);
      // A key written out (every key is `rawaq.…`), a storage call given a literal, a database opened by a literal name.
      for (const pattern of [
        /['"`]rawaq\./g,
        /(localStorage|sessionStorage)\.(getItem|setItem|removeItem)\(\s*['"`]/g,
        /openDB(<[^>]*>)?\(\s*['"`]/g,
      ])
        for (const match of text.matchAll(pattern))
          spelled.push(`${relative}:${text.slice(0, match.index).split('\n').length} ${match[0]}`);
    }
    expect(spelled).toEqual([]);
  });

  it('would have refused the rename that gave the scan tally the walk-ins key', () => {
    const renamed = { ...families, scans: (d: string) => `rawaq.walkIns.${d}` };
    expect(clashes(fixed, renamed)).toEqual([
      'walkIns.* in scans.* (rawaq.walkIns. starts with rawaq.walkIns.)',
      'scans.* in walkIns.* (rawaq.walkIns. starts with rawaq.walkIns.)',
    ]);
    // A fixed key a family's keys can reach: `rawaq.booth.` keys would take in `rawaq.booth.keys`.
    expect(clashes(fixed, { ...families, boothByDay: (b: string) => `rawaq.booth.${b}` })).toContain(
      'boothKeys in boothByDay.* (rawaq.booth.keys)',
    );
  });
});
