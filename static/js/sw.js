/* Flamingo's service worker (served at /sw.js, scope /): the athlete's week,
   the exercise pages it links to and an entry's log form open without a
   connection. Pages: network first, the last copy when offline. Static
   files: cache first (their names change with their content when collected).
   Writes are never handled here: offline.js queues them on the page.
   Signing out clears all of it (Clear-Site-Data on the sign-out response). */
"use strict";

const PAGES = "flamingo-pages-v1";
const ASSETS = "flamingo-assets-v1";
const PAGE_PATHS = [/^\/week\/(\d{4}-\d{2}-\d{2}\/)?$/, /^\/library\/[\w-]+\/$/];
const FRAGMENT_PATHS = [/^\/week\/entries\/\d+\/log\/$/];

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key !== PAGES && key !== ASSETS).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  const fragment = request.headers.get("HX-Request") === "true";
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/media/")) {
    // Collected files carry their content's hash in the name: never stale.
    const hashed = /\.[0-9a-f]{12}\.\w+$/.test(url.pathname);
    event.respondWith(hashed ? cacheFirst(request) : networkFirst(request, ASSETS));
  } else if ((fragment ? FRAGMENT_PATHS : PAGE_PATHS).some((path) => path.test(url.pathname))) {
    event.respondWith(networkFirst(request, PAGES));
  }
});

// The page asks for copies to keep ({pages, fragments, assets}: lists of
// paths; `fresh`: fetch again even when kept). Fetched here, not by the page,
// so the page has no requests of its own in flight.
self.addEventListener("message", (event) => {
  const { pages = [], fragments = [], assets = [], fresh = false } = event.data || {};
  event.waitUntil(Promise.all([
    ...pages.map((path) => keep(PAGES, path, {}, fresh)),
    ...fragments.map((path) => keep(PAGES, path, { "HX-Request": "true" }, fresh)),
    ...assets.map((path) => keep(ASSETS, path, {}, fresh)),
  ]));
});

async function keep(name, path, headers, fresh) {
  const cache = await caches.open(name);
  if (!fresh && (await cache.match(path, { ignoreVary: true }))) return;
  try {
    const response = await fetch(path, { credentials: "same-origin", headers });
    if (!response.ok || response.redirected) return;
    if (name === PAGES) {
      // What the page shows (its pictures, CSS, scripts) is kept with it.
      const html = await response.clone().text();
      const files = html.matchAll(/(?:src|href)="(\/(?:static|media)\/[^"]+)"/g);
      await Promise.all([...files].map((file) => keep(ASSETS, file[1], {}, false)));
    }
    await cache.put(path, response);
  } catch {
    // offline: the copy kept before stays
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, name) {
  const cache = await caches.open(name);
  try {
    const response = await fetch(request);
    // A redirect means signed out (or elsewhere): never keep it as the page.
    if (response.ok && !response.redirected) await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request.url, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}
