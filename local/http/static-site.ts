import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** The pages' built files, served as the stack's static site would serve them (`/gate` -> gate.html). */
export class StaticSite {
  /** `headers`: what CloudFront adds on AWS (the stack's response headers policy), added here too. */
  constructor(
    private readonly root: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  get available(): boolean {
    return existsSync(this.root);
  }

  async find(
    urlPath: string,
  ): Promise<{ statusCode: number; headers: Record<string, string>; body: Buffer } | undefined> {
    const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
    const candidates = clean === '/' ? ['index.html'] : [clean, `${clean}.html`, path.join(clean, 'index.html')];
    if (clean === '/config.json') {
      // On AWS the deploy writes the API's URL here; locally the API is on the pages' own origin.
      return {
        statusCode: 200,
        headers: { ...this.headers, 'content-type': TYPES['.json'] as string, 'cache-control': 'no-cache' },
        body: Buffer.from(JSON.stringify({ apiUrl: '' })),
      };
    }
    for (const candidate of candidates) {
      const file = path.join(this.root, candidate);
      if (!file.startsWith(this.root)) continue;
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return {
        statusCode: 200,
        headers: { ...this.headers, 'content-type': type, 'cache-control': cache },
        body: await readFile(file),
      };
    }
    return undefined;
  }
}
