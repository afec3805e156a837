/** The simulator's line to the running `npm start`: its API (at most 8 requests at once) and its demo clock. */
import * as path from 'node:path';
import { writeClockFile } from '../../local/demo-clock';
import { apiTarget } from '../api-target';

let known: ReturnType<typeof apiTarget> | undefined;
/** The running start, read at the first request: `--help` needs none. */
const target = () => {
  known ??= apiTarget();
  return known;
};
const clockFile = path.resolve(process.env.DATA_DIR ?? '.data', 'demo-clock.json');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let inFlight = 0;
/** Requests sent and not yet answered. */
export const requestsInFlight = () => inFlight;
const waiting: (() => void)[] = [];
/**
 * One request to the API, once one of the 8 places is free. `body` may be a function, called when the
 * request leaves: what a phone decides as it sends (a loaded machine can keep a request waiting for
 * fair hours at the simulator's speed).
 */
export async function request<T>(route: string, body?: unknown, method?: string): Promise<T> {
  // At most 8 requests at once: a venue's handful of gates and booths, not a load test.
  if (inFlight >= 8) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight += 1;
  try {
    const sent = typeof body === 'function' ? (body as () => unknown)() : body;
    const response = await fetch(`${target().baseUrl}${route}`, {
      method: method ?? (sent ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${target().credential}`, 'content-type': 'application/json' },
      body: sent ? JSON.stringify(sent) : undefined,
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method ?? (body ? 'POST' : 'GET')} ${route} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  } finally {
    inFlight -= 1;
    waiting.shift()?.();
  }
}

/**
 * Moves the running `npm start`'s demo clock (it follows its data folder's clock file) and waits for it.
 * Answers the real time the new clock is anchored at: `fairMs` then. A player's own clock starts there,
 * not when the wait ends (a slow answer on a loaded machine, times the clock's speed, put the player
 * fair minutes behind the server: a holder it sent before closing was judged FAIR_CLOSED).
 */
export async function setClock(fairMs: number, speed: number): Promise<number> {
  const written = Date.now();
  writeClockFile(clockFile, { fairAnchorMs: fairMs, realAnchorMs: written, speed });
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const asked = Date.now();
    const { now } = await request<{ now: string }>('/v1/fair');
    // Between what the new clock said when asked and when answered, give or take a few fair seconds.
    const earliest = fairMs + (asked - written) * speed - 5000;
    const latest = fairMs + (Date.now() - written) * speed + 5000;
    if (Date.parse(now) >= earliest && Date.parse(now) <= latest) return written;
    await sleep(100);
  }
  throw new Error(`the running npm start did not follow ${clockFile}: is it running on this DATA_DIR?`);
}
