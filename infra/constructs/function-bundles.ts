import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { type BuildOptions, buildSync } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..');
const FUNCTIONS = path.join(root, 'functions');
/** The credential provider the bundles use in place of the SDK's default chain. */
const LAMBDA_CREDENTIALS = path.join(root, 'shared', 'commons', 'lambda-credentials.ts');

/**
 * How every function is bundled: an ES module for Node 24, minified, with its source map and the AWS
 * SDK inside, at the version the tests ran (tree-shaken; the runtime's own copy changes under us).
 */
function options(alias: Record<string, string>): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: true,
    outExtension: { '.js': '.mjs' },
    // The ES module builds of the SDK and its kin, which esbuild can tree-shake (their CommonJS builds
    // come whole): a third less code for every cold start to load.
    mainFields: ['module', 'main'],
    alias: {
      // Lambda's credentials are in the environment: the SDK's whole default chain (SSO, profiles, STS
      // and SSO clients, instance metadata) would be 90 KB of every cold start for nothing.
      '@aws-sdk/credential-provider-node': LAMBDA_CREDENTIALS,
      ...alias,
    },
    // import() of a Node built-in becomes require(): the ES module face of node:http runs its getters,
    // one of which loads undici (tens of ms of a cold start's first request, measured on the local
    // engines' http endpoints). Only Node built-ins are left to import() in a bundle.
    supported: { 'dynamic-import': false },
    // Bundled CommonJS dependencies may require() Node built-ins; ESM has no require of its own.
    banner: {
      js: "import { createRequire as rawaqCreateRequire } from 'node:module'; const require = rawaqCreateRequire(import.meta.url);",
    },
    absWorkingDir: root,
    logLevel: 'error',
  };
}

/**
 * Modules a function's bundle gets by alias at synth (the seed's fair file): such a function is built
 * alone with its alias; in the build of them all the name is left unresolved, and that copy unused.
 */
const ALIASED_MODULES = ['rawaq-fair-file'];

/** A function's entry: functions/<name>/handler.ts. */
export const functionEntry = (name: string) => path.join(FUNCTIONS, name, 'handler.ts');

/** Every function folder with its entry: the bundles built together. */
function functionFolders(): string[] {
  return readdirSync(FUNCTIONS).filter((name) => existsSync(functionEntry(name)));
}

/** The folders where every function was built at once this run, by the assembly folder they were built for. */
const built = new Map<string, string>();

/**
 * Every function of functions/ bundled by one esbuild run, once per synthesis, into a folder beside
 * the assets (so the source maps' relative paths hold once a bundle is moved to its asset folder):
 * esbuild reads the SDK and the shared code once for all of them. Measured here: 45 bundles in 4.5 s
 * this way, where one esbuild process per function (NodejsFunction's way) took about 30 s.
 */
function builtTogether(assemblyDir: string): string {
  const known = built.get(assemblyDir);
  if (known) return known;
  const outdir = path.join(assemblyDir, `bundling-rawaq-functions-${process.pid}`);
  buildSync({
    ...options({}),
    external: ALIASED_MODULES,
    entryPoints: functionFolders().map((name) => ({ in: functionEntry(name), out: name })),
    outdir,
  });
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  built.set(assemblyDir, outdir);
  return outdir;
}

/** A bundle at `from/<name>.mjs` (and its map) as the asset's `index.mjs`, its map comment renamed. */
function moveInto(outputDir: string, from: string, name: string): void {
  const code = readFileSync(path.join(from, `${name}.mjs`), 'utf8');
  writeFileSync(
    path.join(outputDir, 'index.mjs'),
    code.replace(/\/\/# sourceMappingURL=[^\n]*\n?$/, '//# sourceMappingURL=index.mjs.map\n'),
  );
  copyFileSync(path.join(from, `${name}.mjs.map`), path.join(outputDir, 'index.mjs.map'));
}

/**
 * The bundling of one function's asset: on this machine with esbuild (no Docker). A function of
 * functions/ with no options of its own comes from the build of them all; another entry (a test's
 * fixture) or an alias of its own (the seed's fair file) is built alone. The fields that are not
 * functions are what CDK keys its bundling folder by: the entry and the aliases.
 */
export class FunctionBundling implements BundlingOptions {
  readonly image = DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim');
  readonly local: ILocalBundling;

  constructor(
    readonly entry: string,
    readonly alias: Record<string, string>,
  ) {
    const name = path.basename(path.dirname(entry));
    const shared = Object.keys(alias).length === 0 && entry === functionEntry(name);
    this.local = {
      tryBundle(outputDir: string): boolean {
        if (shared) {
          moveInto(outputDir, builtTogether(path.dirname(outputDir)), name);
          return true;
        }
        const alone = `${outputDir}-build`;
        buildSync({ ...options(alias), entryPoints: [{ in: entry, out: name }], outdir: alone });
        moveInto(outputDir, alone, name);
        rmSync(alone, { recursive: true, force: true });
        return true;
      },
    };
  }
}
