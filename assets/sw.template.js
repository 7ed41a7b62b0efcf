/* Rekindle's service worker, for the standalone page only. `cargo xtask build` writes
 * dist/sw.js from this template (xtask/src/offline.rs), filling in the build's version
 * and every file the page needs with the SHA-256 of its content.
 *
 * - Precaches those files into a cache named after the version, so a new build means a
 *   new cache, and each file is checked against its hash: a server that has meanwhile
 *   moved to another build fails the install instead of leaving a mix of two versions.
 * - Stores a clean copy of each response, never a redirected one: a host that
 *   redirects `/index.html` to `/` would otherwise make the browser refuse the cached
 *   page for a navigation (as Workbox does, it rebuilds the response).
 * - Serves them cache-first, each version only from its own cache.
 * - Deletes, when it activates, only caches it made for this scope: another Rekindle on
 *   the same site (another folder) and anyone else's caches are left alone.
 * - Waits: a new version takes over only when the reader asks for it (the page posts
 *   `skip-waiting`), never on its own in the middle of an answer.
 * - Answers only same-origin GET requests for the files listed; anything else (other
 *   origins, other paths, other methods) is left to the browser untouched. */
'use strict';

const VERSION = '__REKINDLE_VERSION__';
/** [path relative to this worker's scope, SHA-256 of the content in hex] */
const FILES = __REKINDLE_FILES__;

const SCOPE = new URL(self.registration.scope);
/** This scope's caches, one per version: `rekindle-offline <scope path> <version>`. */
const PREFIX = 'rekindle-offline ' + SCOPE.pathname + ' ';
const CACHE = PREFIX + VERSION;
const PATHS = new Set(FILES.map(([path]) => new URL(path, SCOPE).pathname));
const INDEX = new URL('index.html', SCOPE).pathname;

async function sha256Hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    FILES.map(async ([path, hash]) => {
      const url = new URL(path, SCOPE);
      // The hash in the query and `cache: 'reload'` keep the HTTP cache from handing
      // back an older copy of the file.
      const response = await fetch(new Request(url.href + '?v=' + hash.slice(0, 16), { cache: 'reload' }));
      if (!response.ok) throw new Error('Rekindle offline: ' + path + ' answered ' + response.status);
      const body = await response.clone().arrayBuffer();
      if ((await sha256Hex(body)) !== hash) {
        throw new Error('Rekindle offline: ' + path + ' is not the file this version lists');
      }
      // A fresh response with the same body, status and headers: `redirected` and the
      // final URL are not carried over.
      await cache.put(
        url.pathname,
        new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }),
      );
    }),
  );
}

self.addEventListener('install', (event) => {
  // A failed precache fails the install: the previous version (if any) keeps serving,
  // and this cache is dropped so nothing half-filled lingers.
  event.waitUntil(
    precache().catch(async (error) => {
      await caches.delete(CACHE);
      throw error;
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      // On a first visit this lets the open page work offline without a reload. On an
      // update the reader has just asked for the new version, so taking over is expected.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  let path = null;
  if (request.mode === 'navigate') {
    // The standalone page, whatever its query (`?embed`, `&autoheight`).
    if (url.pathname === SCOPE.pathname || url.pathname === INDEX) path = INDEX;
  } else if (PATHS.has(url.pathname) && url.search === '') {
    path = url.pathname;
  }
  if (path === null) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(path))
      .then((cached) => cached || fetch(request)),
  );
});
