// host.js: the page side of wasmlit. It defines globalThis.wasmlitHost (the API the Go bridge
// calls, docs/PROTOCOL.md) and globalThis.wasmlit (settled(), for tests and people), then
// loads and starts the app's wasm. No inline scripts and no eval: it runs under a CSP whose
// script-src is 'self' 'wasm-unsafe-eval' (docs/DEPLOY.md). The build joins it and the modules
// it imports into host/bundle.js, which the page loads (cmd/wasmlit/bundle.go).
import { Session, sessions } from './session.js';
import { emit, send, sendAll, onSendError } from './events.js';
import * as devstate from './devstate.js';
import { fetchStart } from './fetch.js';
import * as idb from './idb.js';
import * as locks from './locks.js';
import * as sqlite from './sqlite.js';
import { installMenu } from './menu.js';
import { setQuery, pushQuery } from './query.js';
import { showError } from './errorpage.js';
import * as components from './components/index.js';
import { LoadError, Progress, loadConfig, download, instantiate, captureOutput, randomID } from './boot.js';
import { workerMode, compile, startWorker } from './workerpage.js';

const YIELD_FALLBACK_MS = 100; // yield() resolves by then even if no frame comes

let failure = null; // the LoadError that stopped the app, if any
let firstIdleMarked = false;
const waiters = []; // settled() promises waiting for every session to be idle
const files = new Map(); // token → bytes given with putFile, until takeFile
let fileSeq = 0;

function session(sid) {
  const s = sessions.get(sid);
  if (!s) throw new Error(`wasmlit host: no session ${sid}; call mount first`);
  return s;
}

function allSettled() {
  if (sessions.size === 0) return false;
  for (const s of sessions.values()) if (!s.settled()) return false;
  return true;
}

function checkSettled() {
  if (!waiters.length || !allSettled()) return;
  for (const w of waiters.splice(0)) w.resolve();
}

function fail(f) {
  failure = failure || new LoadError(f);
  showError(f);
  for (const w of waiters.splice(0)) w.reject(failure);
}

// A macrotask that background tabs do not throttle (unlike setTimeout).
const chan = new MessageChannel();
const tasks = [];
chan.port1.onmessage = () => { const r = tasks.shift(); if (r) r(); };
function nextTask() {
  return new Promise((r) => { tasks.push(r); chan.port2.postMessage(0); });
}

function putFile(bytes) {
  const token = `wl-upload-${++fileSeq}-${Math.random().toString(36).slice(2)}`;
  files.set(token, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return token;
}

const host = {
  /** buildID identifies the build (the page's, or app.json's, buildID; random per load without); Go reads it. */
  buildID: '',
  /** appName names the app (the page's, or app.json's, name; else the page's path); Go keys its cache by it. */
  appName: '',

  mount(sid, selector, label) {
    if (sessions.has(sid)) throw new Error(`wasmlit host: session ${sid} is already mounted`);
    let container = document.querySelector(selector);
    if (!container) throw new Error(`wasmlit host: mount(${sid}, ${JSON.stringify(selector)}): no element matches the selector`);
    if (label) {
      // A labelled session (wasm.RunSessions): its own panel, headed by the label; the panels sit
      // side by side on wide screens and stack on narrow ones. CSSOM styles pass a strict CSP.
      Object.assign(container.style, { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 24rem), 1fr))' });
      const panel = document.createElement('section');
      panel.className = 'wl-session';
      panel.dataset.testid = 'wlSession';
      panel.dataset.sid = String(sid);
      Object.assign(panel.style, { minWidth: '0', borderInlineStart: container.children.length ? '1px solid rgba(49, 51, 63, 0.2)' : '' });
      const heading = document.createElement('h2');
      heading.id = `wl-session-${sid}`;
      heading.className = 'wl-session-label';
      heading.textContent = label;
      Object.assign(heading.style, { margin: '0', padding: '0.75rem 1.5rem 0', fontSize: '1rem', opacity: '0.7' });
      panel.setAttribute('aria-labelledby', heading.id);
      panel.append(heading);
      container.append(panel);
      container = panel;
    }
    const ctx = {
      sid,
      emit: (id, type, value, el) => emit(sid, id, type, value, el),
      libURL: (path) => new URL('lib/' + path, document.baseURI).href,
      putFile,
    };
    sessions.set(sid, new Session(sid, container, components.createNode, ctx));
    if (!performance.getEntriesByName('wasmlit:mount').length) performance.mark('wasmlit:mount'); // Go's main has begun
    const loader = document.getElementById('wl-loader');
    if (loader) loader.hidden = true;
  },

  apply(sid, u8, n) {
    session(sid).apply(n === undefined || n === u8.length ? u8 : u8.subarray(0, n));
  },

  status(sid, status, seq) {
    const s = session(sid);
    s.goSeq = Math.max(s.goSeq, Number(seq) || 0);
    // Go may report idle for a run that began before the host sent more events.
    s.setStatus(status === 'idle' && s.goSeq < s.lastSent ? 'running' : status);
    // The browser bench reads this mark: navigation start to the first idle render.
    if (s.status === 'idle' && !firstIdleMarked) {
      firstIdleMarked = true;
      performance.mark('wasmlit:first-idle');
    }
    if (s.status === 'idle') devstate.idle(sid, send); // values from before a dev reload
    checkSettled();
  },

  yield() {
    if (document.visibilityState === 'hidden') return nextTask(); // no frames come in background tabs
    return new Promise((resolve) => {
      let done = false;
      const finish = () => { if (!done) { done = true; clearTimeout(timer); resolve(); } };
      const timer = setTimeout(finish, YIELD_FALLBACK_MS);
      requestAnimationFrame(() => { nextTask().then(finish); });
    });
  },

  fetchStart,

  /**
   * IndexedDB store of cached data (host/idb.js) and Web Locks (host/locks.js), for cache/. The
   * app's own database is opened while its module downloads (openEarly): the Go cache's first
   * open takes that connection instead of waiting for a new one (12–48 ms measured here).
   */
  idb: { ...idb, open: (name) => takeEarly(name) || idb.open(name) },
  locks,

  /** In-memory SQLite databases (host/sqlite.js), for the github.com/wasmlit/wasmlit/sqlite package. */
  sqlite,

  /** Session state kept across the dev server's reload (host/devstate.js, SPEC F3). */
  keptState: devstate.keptState,
  saveState: devstate.saveState,

  takeFile(token) {
    const b = files.get(token);
    if (b) { files.delete(token); return b; }
    const take = components.takeFileBytes;
    return typeof take === 'function' ? take(token) ?? null : null;
  },

  putFile,

  /** setQuery(search) writes the page's query string in place (host/query.js). */
  setQuery,

  /** pushQuery(search) makes search the query string of a new history entry (host/query.js, A10). */
  pushQuery,

  log(level, message) {
    const f = typeof console[level] === 'function' ? console[level] : console.log;
    f.call(console, '[wasmlit]', message);
  },
};

globalThis.wasmlitHost = host;
globalThis.wasmlit = {
  /** settled resolves when every session is idle and Go has taken every event sent to it. */
  settled() {
    if (failure) return Promise.reject(failure);
    if (allSettled()) return Promise.resolve();
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  },
};

onSendError(sendFailed);

function sendFailed(err) {
  console.error('wasmlit host: Go did not take the events:', err);
  fail({ title: 'The app stopped', what: 'Handing an interaction to the Go program', detail: String(err && err.message ? err.message : err), checks: ['Reload the page. The output below, if any, says why the program ended.'], output: output() });
}

let output = () => '';

let early = null; // {name, opening}: the app's IndexedDB database, opened at start

function openEarly(name) {
  const opening = idb.open(name);
  opening.catch(() => {}); // the Go cache reports a failure when it takes the promise
  early = { name, opening };
}

function takeEarly(name) {
  if (!early || early.name !== name) return null;
  const { opening } = early;
  early = null;
  return opening;
}

/**
 * pageConfig reads what the build writes into the page about the app, on the link that preloads
 * its module: <link id="wl-wasm" rel="preload" href="./app.wasm?v=BUILDID" data-name data-size
 * data-build-id>. The browser has started that download before any script ran. A page without the
 * link (a hand-written index.html) gives null: start() then reads app.json.
 */
function pageConfig() {
  const link = document.getElementById('wl-wasm');
  if (!link || !link.href) return null;
  return { name: link.dataset.name, wasm: link.href, size: Number(link.dataset.size) || 0, buildID: link.dataset.buildId, mode: link.dataset.mode };
}

async function start() {
  performance.mark('wasmlit:host'); // the host's first line: the page and the bundle are in
  document.documentElement.classList.add('wl-started'); // hides the "loader did not run" note
  installMenu({ rerun: () => sendAll('rerun'), clearCache: () => sendAll('clearcache'), inspector: () => {
    // The inspector is drawn at the top of the app: bring it into view on a scrolled page.
    window.scrollTo({ top: 0 });
    sendAll('inspector');
  } });

  // The module's download is under way already when the page preloads it: this fetch takes the
  // preload's response (same URL, mode and credentials). A page without the preload starts it
  // here, beside app.json, under the default name; only an app.json that names another file costs
  // a second request.
  const page = pageConfig();
  const defaultWasmURL = page ? page.wasm : new URL('app.wasm', document.baseURI).href;
  const started = page ? fetch(defaultWasmURL) : fetch(defaultWasmURL, { cache: 'no-cache' });
  started.catch(() => {}); // a failure is reported by download(), which awaits it
  const cfg = page || await loadConfig();
  host.buildID = typeof cfg.buildID === 'string' && cfg.buildID ? cfg.buildID : randomID();
  host.appName = typeof cfg.name === 'string' && cfg.name ? cfg.name : location.pathname;
  if (typeof cfg.title === 'string' && cfg.title && (!document.title || document.title.includes('{{'))) document.title = cfg.title;
  const inWorker = workerMode(cfg);
  if (!inWorker) openEarly(host.appName); // the worker opens its own
  const wasmURL = new URL(typeof cfg.wasm === 'string' && cfg.wasm ? cfg.wasm : 'app.wasm', document.baseURI).href;
  const progress = new Progress(new URL(wasmURL).pathname.split('/').pop());
  progress.phase('Downloading…');
  performance.mark('wasmlit:config');
  const dl = await download(wasmURL, Number(cfg.size) || 0, progress, wasmURL === defaultWasmURL ? started : undefined);
  performance.mark('wasmlit:response');

  if (inWorker) {
    // Worker mode (SPEC C9): the page compiles, the worker runs the program (workerpage.js).
    const module = await compile(wasmURL, dl);
    performance.mark('wasmlit:compiled');
    progress.phase('Starting the app…');
    await startWorker(module, { buildID: host.buildID, appName: host.appName, wasmURL }, {
      mount: host.mount, apply: host.apply, status: host.status, log: host.log, takeFile: host.takeFile,
      setQuery, keptState: devstate.keptState, saveState: devstate.saveState, onSendError: sendFailed,
      exited: (code, err, out) => { output = () => out; exited(code, err); },
    });
    return;
  }

  if (typeof globalThis.Go !== 'function') {
    throw new LoadError({
      what: 'Loading the Go support script (wasm_exec.js)', url: new URL('wasm_exec.js', document.baseURI).href,
      detail: 'globalThis.Go is not defined',
      checks: ['wasm_exec.js must sit next to index.html (build.sh copies it from $(go env GOROOT)/lib/wasm).', 'index.html must load it before host/bundle.js.'],
    });
  }
  const go = new globalThis.Go();
  const instance = await instantiate(wasmURL, dl, go);
  performance.mark('wasmlit:compiled');
  progress.phase('Starting the app…');

  output = captureOutput();
  let exitCode = null;
  const exit = go.exit.bind(go);
  go.exit = (code) => { exitCode = code; exit(code); };
  let run;
  try {
    run = go.run(instance);
  } catch (err) {
    run = Promise.reject(err);
  }
  run.then(() => exited(exitCode, null), (err) => exited(exitCode, err));
}

function exited(code, err) {
  const mounted = sessions.size > 0;
  const out = output();
  // wasm32 gives Go 4 GiB at most; Go's "out of memory" is fatal, so say what it means.
  const oom = /fatal error: out of memory/.test(out);
  const detail = oom
    ? 'the Go program needed more memory than WebAssembly gives it (4 GiB at most) and stopped'
    : err ? `${err.name || 'Error'}: ${err.message || err}` : `the Go program exited with code ${code ?? 0}`;
  fail({
    title: oom ? 'The app ran out of memory' : mounted ? 'The app stopped' : 'This app could not start',
    what: mounted ? 'Running the Go program' : 'Starting the Go program',
    detail,
    checks: oom
      ? ['Work on less data at once: load fewer rows or columns, or split the computation and cache each part.',
        'Reload the page to start again; the stack below shows where the memory ran out.']
      : /panic:|fatal error:/.test(out)
        ? ['The Go program panicked: the message and stack are below. Fix the code and rebuild.']
        : mounted
          ? ['The program ended: a wasmlit app keeps running, so main must not return. Reload to start again.']
          : ['The program ended before it showed the app: main must call the wasmlit runtime, which keeps running.'],
    output: out,
  });
}

start().catch((err) => {
  if (err instanceof LoadError) fail(err.page);
  else fail({ title: 'This app could not start', what: 'Starting the page', detail: String(err && err.stack ? err.stack : err), checks: ['See the browser console for details.'] });
});
