import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Which Rawaq API a command-line tool talks to: RAWAQ_API (default: the local `npm start`), with
 * RAWAQ_CREDENTIAL or the organiser credential `npm start` wrote under DATA_DIR.
 */
export function apiTarget(): { baseUrl: string; credential: string } {
  const baseUrl = (process.env.RAWAQ_API ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const file = path.resolve(process.env.DATA_DIR ?? '.data', 'organiser.credential');
  const credential = process.env.RAWAQ_CREDENTIAL ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : '');
  if (!credential) {
    throw new Error(`no credential: set RAWAQ_CREDENTIAL, or run \`npm start\` first (it writes ${file})`);
  }
  return { baseUrl, credential };
}

export async function postJson<T>(
  target: { baseUrl: string; credential: string },
  route: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${target.baseUrl}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}
