import { CONFIG_FILE } from '../../pages';
import { STORED } from './stored';
/**
 * The API as the pages use it: JSON with the bearer credential, a timeout (a venue's network fails by
 * hanging, not by refusing), and errors that say whether it was the network or the answer.
 */
export class NetworkError extends Error {
  constructor(
    cause: unknown,
    /** Set when the server answered, but with a failure of its own (5xx) or "too many" (429). */
    readonly status?: number,
  ) {
    super('the network did not answer', { cause });
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The fields a 400 names (`label`, `scope.gates`): the page says which, in its language. */
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  timeoutMs?: number;
  credential?: string;
}

let baseUrl = '';
let credentialSource: () => string | undefined = () => undefined;
let reachability: (answered: boolean) => void = () => {};

/**
 * Told after each request whether the API answered (any answer but a server's failure): the header of
 * a page that does not judge its connection itself follows it.
 */
export function onReachability(listener: (answered: boolean) => void): void {
  reachability = listener;
}

const afterAnOutage = new Set<() => void>();

/**
 * When `error` is the network's or the server's (not a refusal), runs `work` (the load it failed) once
 * the API answers again, so a panel that said "no network" fills itself when the network is back,
 * without anyone pressing anything. The session asks the API again every 10 s while it does not answer.
 */
export function againWhenAnswered(error: unknown, work: () => void): void {
  if (error instanceof NetworkError) afterAnOutage.add(work);
}

function reached(answered: boolean): void {
  reachability(answered);
  if (!answered || afterAnOutage.size === 0) return;
  const waiting = [...afterAnOutage];
  afterAnOutage.clear();
  for (const work of waiting) work();
}

/** Where the API is: the site's config.json says (empty: this origin, as both `npm start` and CloudFront serve it). */
export async function configureApi(credential: () => string | undefined): Promise<void> {
  credentialSource = credential;
  const cached = localStorage.getItem(STORED.apiUrl);
  try {
    const response = await fetch(`/${CONFIG_FILE}`, { cache: 'no-store', signal: AbortSignal.timeout(3000) });
    const config = response.ok ? ((await response.json()) as { apiUrl?: string }) : {};
    baseUrl = (config.apiUrl ?? '').replace(/\/$/, '');
    localStorage.setItem(STORED.apiUrl, baseUrl);
  } catch {
    baseUrl = cached ?? '';
  }
}

/**
 * The API's answer, or a NetworkError when none came (the network) or it was the server's failure
 * (5xx) or "too many" (429): what is worth trying again. Tells the page whether the API answered.
 */
async function answered(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, init);
  } catch (error) {
    reached(false);
    throw new NetworkError(error);
  }
  reached(response.status < 500);
  if (response.status >= 500 || response.status === 429) {
    throw new NetworkError(new Error(`the API answered ${response.status}`), response.status);
  }
  return response;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const credential = options.credential ?? credentialSource();
  const response = await answered(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 8000),
    cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) {
    let code = 'ERROR';
    let message = text.slice(0, 200);
    let fields: string[] = [];
    try {
      const body = JSON.parse(text) as {
        error?: { code?: string; message?: string; details?: { path?: string }[] };
      };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
      fields = (body.error?.details ?? []).map((detail) => detail.path ?? '').filter(Boolean);
    } catch {
      // not the contract's error shape (a proxy's page): keep the text
    }
    throw new ApiError(response.status, code, message, fields);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A download that needs the credential (a CSV): fetched, then handed to the browser as a file. */
export async function download(path: string, filename: string): Promise<void> {
  const credential = credentialSource();
  const response = await answered(path, {
    headers: credential ? { authorization: `Bearer ${credential}` } : {},
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new ApiError(response.status, 'DOWNLOAD_FAILED', await response.text());
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A panel's load where the newest answer wins: `fetch`, then `apply` its answer (or `fail` with its
 * error), unless a later load has started since. Without it, a slow answer to the load a section made
 * on opening, arriving after the answer to the load that follows a person's change, would put back
 * the list as it was before the change (seen on a loaded machine: a phone added, then gone). A load the
 * network (or the server) failed is made again once the API answers.
 */
export function newestLoad<T>(
  fetch: () => Promise<T>,
  apply: (answer: T) => void,
  fail: (error: unknown) => void,
): () => Promise<void> {
  let started = 0;
  const load = async () => {
    started += 1;
    const mine = started;
    try {
      const answer = await fetch();
      if (mine === started) apply(answer);
    } catch (error) {
      if (mine !== started) return;
      fail(error);
      againWhenAnswered(error, load);
    }
  };
  return load;
}
