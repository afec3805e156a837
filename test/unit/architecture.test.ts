import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files';

/**
 * What the resolved module graph (.dependency-cruiser.cjs, test/unit/dependencies.test.ts) cannot say:
 * which names an import brings (an SDK command sent from outside the stores), that the modules
 * infrastructure reads stay import-free, and that the README's layout is the tree's.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const sources = (folder: string): string[] =>
  sourceFiles(path.join(ROOT, folder), (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));

interface Import {
  file: string;
  line: number;
  from: string;
  /** The resolved path inside the repository for a relative or `#` import, else the package name. */
  target: string;
  names: string;
  typeOnly: boolean;
}

const ALIASES: Record<string, string> = {
  '#commons/': 'shared/commons/',
  '#shared/': 'shared/',
  '#events/': 'events/',
};

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const pattern = /^(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gms;
  for (const match of text.matchAll(pattern)) {
    const from = match[4] as string;
    const alias = Object.keys(ALIASES).find((prefix) => from.startsWith(prefix));
    const target = from.startsWith('.')
      ? path.relative(ROOT, path.resolve(path.dirname(file), from))
      : alias
        ? `${ALIASES[alias]}${from.slice(alias.length)}`
        : from;
    found.push({
      file: path.relative(ROOT, file),
      line: text.slice(0, match.index).split('\n').length,
      from,
      target,
      names: match[3] ?? '',
      typeOnly: Boolean(match[2]),
    });
  }
  return found;
}

const where = (imports: Import[]) => imports.map((i) => `${i.file}:${i.line} imports ${i.from}`);
const all = (...folders: string[]) => folders.flatMap(sources).flatMap(importsOf);

/** What the pure domain may not import: a store, HTTP, a use case, the SDK or a runtime at run time. */
const impureForDomain = (i: Import) =>
  /^(shared\/(store|commons|use-cases|outbound)|events)\b/.test(i.target) ||
  (/^(@aws-sdk|@middy|@aws-lambda-powertools)\//.test(i.target) && !i.typeOnly);

/** A DynamoDB or SQS command sent from outside shared/store. */
const commandOutsideStore = (i: Import) =>
  !i.file.startsWith('shared/store/') &&
  /^@aws-sdk\/(client-dynamodb|lib-dynamodb|client-sqs)$/.test(i.target) &&
  /Command\b/.test(i.names.replace(/\btype\s+\w+/g, ''));

describe('the floors', () => {
  it('sends every DynamoDB and SQS command from shared/store only', () => {
    expect(where(all('functions', 'shared', 'events').filter(commandOutsideStore))).toEqual([]);
  });

  it('keeps the modules infrastructure reads free of anything that loads a store, the SDK or a runtime', () => {
    // (Which modules infrastructure may import is a floor in .dependency-cruiser.cjs.)
    expect(importsOf(path.join(ROOT, 'shared', 'store', 'index-names.ts'))).toEqual([]);
    const names = ['config.ts', 'function-resources.ts'].flatMap((file) =>
      importsOf(path.join(ROOT, 'shared', 'commons', file)).map((i) => i.target),
    );
    expect(names.sort()).toEqual(['shared/commons/config', 'shared/commons/function-resources']);
  });

  it('would see a forbidden import (the rules themselves can fail)', () => {
    // A real file's imports, read with their lines: a use case imports a store.
    const sample = importsOf(path.join(ROOT, 'shared', 'use-cases', 'check-in.ts'));
    const store = sample.find((i) => i.target === 'shared/store/scans-store');
    expect(store?.line).toBeGreaterThan(1);
    // The same import placed in the domain breaks its floor; the SDK's command in a handler breaks the
    // store's; a type-only SDK import in the domain does not.
    const asDomain = { ...(store as Import), file: 'shared/domain/scan-rules.ts' };
    expect(where([asDomain].filter(impureForDomain))).toEqual([
      `shared/domain/scan-rules.ts:${asDomain.line} imports ${asDomain.from}`,
    ]);
    const command: Import = {
      file: 'functions/scan/handler.ts',
      line: 3,
      from: '@aws-sdk/lib-dynamodb',
      target: '@aws-sdk/lib-dynamodb',
      names: '{ GetCommand }',
      typeOnly: false,
    };
    expect([command].filter(commandOutsideStore)).toHaveLength(1);
    expect([{ ...command, file: 'shared/store/tickets-store.ts' }].filter(commandOutsideStore)).toHaveLength(0);
    const typeOnly: Import = {
      ...command,
      file: 'shared/domain/x.ts',
      target: '@aws-sdk/client-dynamodb',
      typeOnly: true,
    };
    expect([typeOnly].filter(impureForDomain)).toHaveLength(0);
  });

  it("keeps the README's layout true to the tree: every folder it names exists, every code folder is named", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
    const named = [...section.matchAll(/^\| `([^`]+)`/gm)].map((match) =>
      (match[1] as string).replace(/<[^>]+>.*$/, ''),
    );
    expect(named.length).toBeGreaterThan(5);
    for (const folder of named) expect(existsSync(path.join(ROOT, folder)), `${folder} is in the layout`).toBe(true);
    const folders = (parent: string) =>
      readdirSync(path.join(ROOT, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !/^(\.|node_modules$|cdk\.out$|dist$)/.test(entry.name))
        .map((entry) => `${parent ? `${parent}/` : ''}${entry.name}/`);
    const code = [...folders(''), ...folders('shared')].filter((folder) => folder !== 'shared/');
    const missing = code.filter((folder) => !named.some((name) => name.startsWith(folder) || folder.startsWith(name)));
    expect(missing).toEqual([]);
  });
});
