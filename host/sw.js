// The service worker of one built app (SPEC C4, C10; docs/DEPLOY.md). `wasmlit build` writes it
// into the app's folder as sw.js, with the manifest below in place of null (cmd/wasmlit/sw.go).
// Its scope is that folder, so it works under any base path.
//
// - Precached (install): the files the manifest names, each checked against its SHA-256, into a
//   cache named by the manifest's version. A file whose bytes differ (a deployment half uploaded, a
//   host that rewrites files) fails the install: the cache never holds two builds, and the browser
//   tries again on a later visit. They are served cache first, so the page, the host and the module
//   always come from one build, online or not.
// - lib/ files: cached in the version's cache the first time they are loaded (the page reports those
//   it loaded before the worker ran), then served cache first.
// - Other GET requests of the page (data files fetched with github.com/wasmlit/wasmlit/fetch,
//   static/ files): network first; a response that arrives is kept, and served when the network
//   is gone.
// - Updates: a new build's sw.js differs (the manifest hashes every file), so the browser installs
//   it beside the running one; it waits until the page asks it to take over ("A new version is
//   available: Reload", host/update.js), then deletes the older caches.
// - A manifest {"off": true} is the worker of an app built without one: it deletes this app's
//   caches and unregisters itself.
// - A manifest with "only": true is the gallery's worker (dist/sw.js). Its scope, the site's
//   folder, holds every app's folder, whose own workers (narrower scopes) control them once
//   registered: it answers only for the files it lists (network first, the precache when the
//   network is gone) and leaves every other request alone. It takes over at once when a new
//   gallery installs: the gallery has no "new version" offer, and its next load is the new one.
const MANIFEST = /*MANIFEST*/null;

const OFF = !MANIFEST || MANIFEST.off;
const SCOPE = self.registration.scope;
const PREFIX = `wasmlit:${SCOPE}:`; // one app's caches: the origin may hold several apps
const CACHE = PREFIX + (OFF ? 'off' : MANIFEST.version);
const DATA = `wasmlit-data:${SCOPE}`; // fetched files, kept across versions
const precached = new Map(); // absolute URL → expected SHA-256 (hex)
if (!OFF) for (const f of MANIFEST.files) precached.set(new URL(f.url, SCOPE).href, f.sha256);
const INDEX = OFF ? '' : new URL(MANIFEST.index, SCOPE).href;
const ONLY = !OFF && !!MANIFEST.only;

function hex(buf) {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

// stored copies res with body as a plain response (the body is decoded already, so the transfer
// headers no longer apply).
function stored(res, body) {
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all([...precached].map(async ([url, want]) => {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`wasmlit service worker: ${url} answered ${res.status}; the worker installs on a later visit`);
    const body = await res.arrayBuffer();
    const got = hex(await crypto.subtle.digest('SHA-256', body));
    if (got !== want) {
      throw new Error(`wasmlit service worker: ${url} is not the file of build ${MANIFEST.buildID} (a deployment in progress, or a host that rewrites files); the worker installs on a later visit`);
    }
    await cache.put(url, stored(res, body));
  }));
}

self.addEventListener('install', (e) => {
  if (OFF) {
    self.skipWaiting();
    return;
  }
  e.waitUntil(ONLY ? precache().then(() => self.skipWaiting()) : precache());
});

async function retire() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) || name === DATA) await caches.delete(name);
  }
  await self.registration.unregister();
  for (const c of await self.clients.matchAll({ type: 'window' })) c.postMessage({ type: 'wasmlit-sw', state: 'retired' });
}

async function cleanup() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
}

self.addEventListener('activate', (e) => {
  e.waitUntil(OFF ? retire() : cleanup());
});

async function match(name, req) {
  const cache = await caches.open(name);
  return cache.match(req, { ignoreVary: true });
}

// cacheFirst answers from the version's cache, else from the network (keeping what arrives when
// keep is true: a lib/ file).
async function cacheFirst(e, key, keep) {
  const hit = await match(CACHE, key);
  if (hit) return hit;
  const res = await fetch(e.request);
  if (keep && res.status === 200 && res.type === 'basic') {
    const copy = res.clone();
    e.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)).catch(() => {}));
  }
  return res;
}

// networkFirst answers from the network, keeping a good response, or from the data cache when
// the network fails or the server no longer has the file (a page of the build before the one
// deployed since asks for a file that build had).
function networkFirst(e) {
  const req = e.request;
  return fetch(req).then(async (res) => {
    if (res.status === 200 && (res.type === 'basic' || res.type === 'cors')) {
      const copy = res.clone();
      e.waitUntil(caches.open(DATA).then((c) => c.put(req, copy)).catch(() => {}));
    } else if (res.status === 404 || res.status === 410) {
      return (await match(DATA, req)) || res;
    }
    return res;
  }, async (err) => {
    const hit = await match(DATA, req);
    if (hit) return hit;
    throw err;
  });
}

// listedOnly answers the gallery's own files: from the network, else (offline, or a server
// error) from the precache.
function listedOnly(e, key) {
  return fetch(e.request).then(async (res) => (res.ok ? res : (await match(CACHE, key)) || res), async (err) => {
    const hit = await match(CACHE, key);
    if (hit) return hit;
    throw err;
  });
}

self.addEventListener('fetch', (e) => {
  if (OFF) return;
  const req = e.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const url = new URL(req.url);
  if (ONLY) {
    // The gallery's worker: its files, nothing else (an app's folder is its own worker's).
    if (url.origin !== location.origin || !url.href.startsWith(SCOPE)) return;
    const p = url.href.slice(SCOPE.length).replace(/[?#].*$/, '');
    if (req.mode === 'navigate' && (p === '' || p === 'index.html')) e.respondWith(listedOnly(e, INDEX));
    else if (precached.has(url.href)) e.respondWith(listedOnly(e, url.href));
    return;
  }
  if (url.origin !== location.origin) {
    // Data from another origin (CORS-enabled, fetched by the app): network first.
    if (req.mode === 'cors' && req.destination === '') e.respondWith(networkFirst(e));
    return;
  }
  if (!url.href.startsWith(SCOPE)) return;
  const rel = url.href.slice(SCOPE.length);
  if (req.mode === 'navigate') {
    const p = rel.replace(/[?#].*$/, '');
    if (p === '' || p === 'index.html') {
      e.respondWith(cacheFirst(e, INDEX, false));
      return;
    }
  }
  if (precached.has(url.href)) {
    e.respondWith(cacheFirst(e, url.href, false));
    return;
  }
  if (rel === 'sw.js' || rel.startsWith('_wasmlit/')) return;
  if (rel.startsWith('lib/')) {
    e.respondWith(cacheFirst(e, url.href, true));
    return;
  }
  e.respondWith(networkFirst(e));
});

// keep caches the same-scope files the page loaded before this worker controlled it: lib/ files
// in the version's cache, others (data files) in the data cache.
async function keep(urls) {
  for (const u of urls) {
    let url;
    try {
      url = new URL(u);
    } catch {
      continue;
    }
    if (url.origin !== location.origin || !url.href.startsWith(SCOPE) || precached.has(url.href)) continue;
    const rel = url.href.slice(SCOPE.length);
    if (rel === 'sw.js' || rel.startsWith('_wasmlit/')) continue;
    const name = rel.startsWith('lib/') ? CACHE : DATA;
    try {
      if (await match(name, url.href)) continue;
      const res = await fetch(url.href);
      if (res.status === 200 && res.type === 'basic') await (await caches.open(name)).put(url.href, res);
    } catch {
      // offline or gone: the next visit tries again
    }
  }
}

self.addEventListener('message', (e) => {
  const msg = e.data || {};
  if (msg.type === 'skip-waiting') {
    self.skipWaiting();
  } else if (msg.type === 'keep' && Array.isArray(msg.urls) && !OFF) {
    e.waitUntil(keep(msg.urls).then(() => {
      if (e.ports[0]) e.ports[0].postMessage({ type: 'kept' });
    }));
  } else if (msg.type === 'build' && e.ports[0]) {
    e.ports[0].postMessage({ buildID: OFF ? '' : MANIFEST.buildID, version: OFF ? '' : MANIFEST.version, off: !!OFF });
  }
});
