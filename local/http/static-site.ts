import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';
import { CONFIG_FILE } from '../../web/pages';

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

type SiteAnswer = { statusCode: number; headers: Record<string, string>; body: Buffer };

/** What a CloudFront Function's viewer-request handler returns: the request (rewritten) or an answer. */
type EdgeResult =
  | { uri: string }
  | { statusCode: number; statusDescription?: string; headers?: Record<string, { value: string }> };

/** The template's edge function, run as CloudFront runs it: its own global scope, no Node. */
function edgeFunction(code: string): (event: { request: { uri: string } }) => EdgeResult {
  return runInNewContext(`${code}\n;handler`, {}, { filename: 'viewer-request.js' });
}

/** The pages' built files, served as the stack's static site would serve them (`/gate` -> gate.html, by the edge function). */
export class StaticSite {
  private readonly edge?: (event: { request: { uri: string } }) => EdgeResult;

  /**
   * `headers`: what CloudFront adds on AWS (the stack's response headers policy), added here too.
   * `viewerRequest`: the code of the edge function the template runs on each request, run here too.
   */
  constructor(
    private readonly root: string,
    private readonly headers: Record<string, string> = {},
    viewerRequest?: string,
  ) {
    if (viewerRequest) this.edge = edgeFunction(viewerRequest);
  }

  get available(): boolean {
    return existsSync(this.root);
  }

  async find(requestPath: string): Promise<SiteAnswer | undefined> {
    // CloudFront sends `/v1/*` to the API (a behaviour of its own, without the function): an unknown
    // route there is the API's 404, never the site's.
    if (requestPath.startsWith('/v1/')) return undefined;
    const edge = this.edge?.({ request: { uri: requestPath } });
    if (edge && 'statusCode' in edge) {
      const headers = Object.fromEntries(Object.entries(edge.headers ?? {}).map(([name, { value }]) => [name, value]));
      return { statusCode: edge.statusCode, headers: { ...this.headers, ...headers }, body: Buffer.alloc(0) };
    }
    const urlPath = edge?.uri ?? requestPath;
    const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
    // The bucket serves the exact key the edge asked for (`/` is the distribution's root object): the
    // short addresses are the edge function's rewrite, not a second rule here.
    const file = path.join(this.root, clean === '/' ? 'index.html' : clean);
    if (clean === `/${CONFIG_FILE}`) {
      // On AWS the deploy writes the API's URL here; locally the API is on the pages' own origin.
      return {
        statusCode: 200,
        headers: { ...this.headers, 'content-type': TYPES['.json'] as string, 'cache-control': 'no-cache' },
        body: Buffer.from(JSON.stringify({ apiUrl: '' })),
      };
    }
    if (!file.startsWith(this.root)) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return {
      statusCode: 200,
      headers: { ...this.headers, 'content-type': type, 'cache-control': cache },
      body: await readFile(file),
    };
  }
}
