// Rollplan's service worker: after a first visit the app loads and works with no network.
//
// The build (scripts/offline.sh) fills in FILES, every file of the release build, and
// VERSION, a digest of them. Files whose names carry a content hash never change, so they
// come from the cache; everything else (the page, the workbook worker's files) comes from
// the network when there is one, so a new version is what the next load gets, and from this
// version's copy when there is none. A page already open keeps the files it started with:
// the worker never calls skipWaiting or clients.claim.
const VERSION = "__ROLLPLAN_VERSION__";
const FILES = __ROLLPLAN_FILES__;
const CACHE = `rollplan-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

// Only once no page uses the old version: its files go.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("rollplan-") && k !== CACHE).map((k) => caches.delete(k)))
    )
  );
});

const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
    return;
  }
  const copy = request.mode === "navigate" ? "/index.html" : url.pathname;
  event.respondWith(
    fetch(request).catch(() =>
      caches.open(CACHE).then((cache) => cache.match(copy)).then((hit) => hit || Response.error())
    )
  );
});
