import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
const PAGES = ['index', 'gate', 'door', 'booth', 'dashboard', 'devices'] as const;

/**
 * The pages, one HTML entry each, built to static files: the CDK stack bundles them into the site's
 * asset (served by CloudFront on AWS, by `npm start` locally). Hashed assets under /assets are cached
 * for good; the HTML is revalidated.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: resolve(here, 'public'),
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Pages load over a venue's weak mobile network: warn well before a chunk gets heavy.
    chunkSizeWarningLimit: 120,
    rollupOptions: { input: Object.fromEntries(PAGES.map((page) => [page, resolve(here, `${page}.html`)])) },
  },
});
