// The page's side of the service worker (SPEC C4, C10; the worker is host/sw.js, written into the
// app's folder by the build as sw.js). Once the app has first settled, the page registers the
// worker named by its module link (data-sw) and hands it the same-folder files it loaded before
// the worker ran (libraries, data), so that they are there offline. When a new build's worker
// has installed, the page offers "A new version of this app is available. Reload": the running
// page and its worker stay on one build until the user reloads, so the page never runs the files
// of two builds. A page without data-sw (an app built with -sw=false, or by serve -watch) removes
// the worker an earlier build registered for its folder.

const CHECK_EVERY_MS = 60 * 60 * 1000; // look for a new deployment hourly while the page is open

/** folder is the URL of the page's folder: the scope of its worker. */
function folder() {
  return new URL('./', document.baseURI).href;
}

/** ask posts msg to worker w and resolves with its answer (or null after a while). */
function ask(w, msg) {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 10_000);
    ch.port1.onmessage = (e) => { clearTimeout(timer); resolve(e.data); };
    w.postMessage(msg, [ch.port2]);
  });
}

let banner = null;

/**
 * offer shows the update notice: a polite status region (docs/ACCESSIBILITY.md) with a Reload
 * button. apply makes the new build take over and reloads the page.
 */
function offer(apply) {
  if (banner) return;
  banner = document.createElement('div');
  banner.className = 'wl-update';
  banner.dataset.testid = 'wlUpdate';
  banner.setAttribute('role', 'status');
  banner.setAttribute('aria-live', 'polite');
  // CSSOM styles pass the page's strict CSP (no style attributes).
  Object.assign(banner.style, {
    position: 'fixed', insetInlineEnd: '1rem', insetBlockEnd: '1rem', zIndex: '1000', maxWidth: 'calc(100vw - 2rem)',
    display: 'flex', gap: '0.75rem', alignItems: 'center', padding: '0.75rem 1rem', borderRadius: 'var(--wl-radius, 0.5rem)',
    background: 'var(--wl-bg-raised, #fff)', color: 'var(--wl-text, #31333f)', border: '1px solid var(--wl-border, #d5d8e0)',
    boxShadow: '0 4px 16px rgba(0, 0, 0, 0.15)', font: 'inherit',
  });
  const text = document.createElement('span');
  text.textContent = 'A new version of this app is available.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.dataset.testid = 'wlUpdateReload';
  Object.assign(button.style, {
    font: 'inherit', padding: '0.25rem 0.75rem', borderRadius: 'var(--wl-radius-sm, 0.375rem)', cursor: 'pointer',
    background: 'var(--wl-primary, #cc2929)', color: 'var(--wl-on-primary, #fff)', border: '1px solid transparent',
  });
  button.addEventListener('focus', () => { button.style.outline = '2px solid var(--wl-focus, #1c83e1)'; button.style.outlineOffset = '2px'; });
  button.addEventListener('blur', () => { button.style.outline = ''; });
  button.addEventListener('click', () => { button.disabled = true; apply(); });
  banner.append(text, button);
  document.body.append(banner);
}

let reloading = false;
let applying = false; // this page asked the new worker to take over
function reload() {
  if (reloading) return;
  reloading = true;
  location.reload();
}

/**
 * watch offers a reload when worker w of registration reg, once installed, is of another build than
 * the page: a waiting worker takes over first (skip-waiting), then the page reloads.
 */
function watch(reg, w, pageBuild) {
  const check = async () => {
    if (w.state !== 'installed' && w.state !== 'activated') return;
    // The controller counts only when it is the app's worker (same script), not the gallery's
    // (its scope holds the app's folder, so it controls an app's first visit from the gallery).
    const ctl = navigator.serviceWorker.controller;
    const controlled = !!ctl && ctl.scriptURL === w.scriptURL;
    const info = await ask(w, { type: 'build' });
    // A controlled page is of its worker's build: any new worker is a new build. A page the
    // worker does not control yet (the first visit) compares build ids.
    const other = controlled ? w !== ctl : !!info && info.buildID !== pageBuild;
    if (!other) return;
    offer(() => {
      if (reg.waiting) {
        applying = true; // the controllerchange that follows reloads the page
        reg.waiting.postMessage({ type: 'skip-waiting' });
      } else {
        reload();
      }
    });
  };
  w.addEventListener('statechange', check);
  check();
}

/** keepLoaded hands the worker the same-folder files the page loaded (Resource Timing). */
async function keepLoaded(w) {
  const base = folder();
  const urls = performance.getEntriesByType('resource').map((r) => r.name).filter((u) => u.startsWith(base));
  if (urls.length) await ask(w, { type: 'keep', urls });
}

async function retire() {
  const reg = await navigator.serviceWorker.getRegistration(folder());
  if (reg && reg.scope === folder()) await reg.unregister();
  const prefix = `wasmlit:${folder()}:`;
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix) || name === `wasmlit-data:${folder()}`) await caches.delete(name);
  }
}

async function settle() {
  if (document.readyState !== 'complete') await new Promise((r) => addEventListener('load', r, { once: true }));
  try {
    await globalThis.wasmlit?.settled();
  } catch {
    // a page that failed to start still gets its worker: the next load may be offline
  }
}

/** startUpdates registers the page's worker after its first settle; see the file's comment. */
export async function startUpdates() {
  if (typeof document === 'undefined' || !('serviceWorker' in navigator) || !globalThis.isSecureContext) return;
  const link = document.getElementById('wl-wasm');
  const script = link && link.dataset.sw;
  await settle();
  if (!script) {
    await retire();
    return;
  }
  const pageBuild = link.dataset.buildId || '';
  // A new build took over: this page asked for it, or another tab of the app did (this page's
  // build is not in the cache any more, so it offers the reload too).
  // (A change to the gallery's worker, which controlled the app's first visit, is not one.)
  const mine = new URL(script, document.baseURI).href;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (navigator.serviceWorker.controller?.scriptURL !== mine) return;
    if (applying) reload(); else offer(reload);
  });
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'wasmlit-sw' && e.data.state === 'retired') offer(reload);
  });
  const reg = await navigator.serviceWorker.register(mine, { scope: folder() });
  if (!reg) return; // a browser (or test) that blocks workers resolves with nothing
  if (reg.installing) watch(reg, reg.installing, pageBuild);
  if (reg.waiting) watch(reg, reg.waiting, pageBuild);
  else if (reg.active && !navigator.serviceWorker.controller) watch(reg, reg.active, pageBuild);
  reg.addEventListener('updatefound', () => { if (reg.installing) watch(reg, reg.installing, pageBuild); });
  const ready = await navigator.serviceWorker.ready;
  // Only a worker of the page's own build keeps what the page loaded (its cache holds one build).
  const info = ready.active && reg.scope === ready.scope ? await ask(ready.active, { type: 'build' }) : null;
  if (info && info.buildID === pageBuild) {
    await keepLoaded(ready.active);
    // Tests (and people) read this: the worker is active and holds what the page loaded.
    document.documentElement.dataset.wlOffline = 'ready';
  }
  const check = () => { reg.update().catch(() => {}); };
  setInterval(check, CHECK_EVERY_MS);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') check(); });
  addEventListener('online', check);
}

startUpdates().catch((err) => console.warn('wasmlit: the service worker could not start (the app works, but not offline):', err));
