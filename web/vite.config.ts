import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { BUILT_FILES, CONFIG_FILE, PAGES } from './pages';

const here = import.meta.dirname;

/**
 * The service worker, written after the bundle with the list of every file the build produced (and
 * the public files), so it caches them all at its first install: see web/service-worker.js.
 */
function serviceWorker(): Plugin {
  return {
    name: 'rawaq-service-worker',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((file) => !file.endsWith('.map'));
      const pages = PAGES.map((page) => (page === 'index' ? '/' : `/${page}`));
      const publicFiles = readdirSync(resolve(here, 'public')).map((file) => `/${file}`);
      const precache = [...pages, ...publicFiles, ...files.map((file) => `/${file}`)];
      const version = createHash('sha256').update(JSON.stringify(precache)).digest('hex').slice(0, 12);
      const worker = readFileSync(resolve(here, 'service-worker.js'), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: BUILT_FILES.serviceWorker,
        source: `const RAWAQ_PRECACHE = ${JSON.stringify(precache)};\nconst RAWAQ_VERSION = '${version}';\nconst RAWAQ_CONFIG = '/${CONFIG_FILE}';\n${worker}`,
      });
    },
  };
}

/**
 * The API's OpenAPI document (docs/openapi.json, written by `npm run openapi`) beside the pages, at
 * /openapi.json, for integrators. After the service worker: phones do not precache it.
 */
function apiDocument(): Plugin {
  return {
    name: 'rawaq-api-document',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: BUILT_FILES.apiDocument,
        source: readFileSync(resolve(here, '..', 'docs', 'openapi.json'), 'utf8'),
      });
    },
  };
}

/**
 * Every page's <head> from one file (src/common/head.html), put where the page says
 * `<!-- rawaq:head ... -->`, before Vite reads the page's links and scripts.
 */
function sharedHead(): Plugin {
  const head = readFileSync(resolve(here, 'src', 'common', 'head.html'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return {
    name: 'rawaq-shared-head',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const marker = / *<!-- rawaq:head[^>]*-->/;
        if (!marker.test(html)) throw new Error(`${context.filename} has no <!-- rawaq:head --> marker in its <head>`);
        return html.replace(marker, head);
      },
    },
  };
}

/**
 * The pages, one HTML entry each, built to static files: the CDK stack bundles them into the site's
 * asset (served by CloudFront on AWS, by `npm start` locally). Hashed assets under /assets are cached
 * for good; the HTML is revalidated.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: resolve(here, 'public'),
  plugins: [sharedHead(), serviceWorker(), apiDocument()],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Pages load over a venue's weak mobile network: warn well before a chunk gets heavy.
    chunkSizeWarningLimit: 120,
    rollupOptions: { input: Object.fromEntries(PAGES.map((page) => [page, resolve(here, `${page}.html`)])) },
  },
});
