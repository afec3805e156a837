// Keeps the pages usable when the venue's network drops. The build (vite.config.ts) puts before this
// file the list of every page and asset it produced, a version, and the name of the file that says
// where the API is (never cached: it changes without a new build). The pages and assets are cached when
// the worker installs, during the first online visit, so a gate, door or booth page reopens offline after a
// single visit (a reload, or the browser discarding the tab). A new build is a new worker: it caches
// the new files, then drops the old cache.
// Hashed assets are served from the cache first (their names change when they do); pages are fetched
// fresh and fall back to the cached copy. API calls (/v1/...) are never cached here: the pages keep
// their own offline data.
/* global RAWAQ_PRECACHE, RAWAQ_VERSION, RAWAQ_CONFIG */
const CACHE = `rawaq-pages-${RAWAQ_VERSION}`;
const PAGE_TIMEOUT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(RAWAQ_PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === 'navigate') return noSuchPage(cache, new URL(request.url).pathname);
    throw error;
  }
}

/**
 * Offline, an address that is no cached page: the page it spells another way (`/gate/`, `/gate.html`,
 * as the edge serves them), or else the home page saying there is none, as the edge's redirect
 * (`/?nopage=`) does online, rather than the browser's own error.
 */
async function noSuchPage(cache, pathname) {
  const page = pathname.replace(/(\/index)?(\.html)?\/?$/, '') || '/';
  const hit = await cache.match(page);
  if (hit) return hit;
  return Response.redirect(`/?nopage=${encodeURIComponent(pathname)}`, 302);
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/v1/') || url.pathname === RAWAQ_CONFIG) return;
  event.respondWith(url.pathname.startsWith('/assets/') ? cacheFirst(event.request) : networkFirst(event.request));
});
