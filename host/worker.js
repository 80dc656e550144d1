// worker.js: the app's Go program in a dedicated Web Worker (SPEC C9, worker mode). The page
// (host/workerpage.js) compiles the module and sends it here with what the host knows about the
// app; this file defines the worker's globalThis.wasmlitHost, the API the Go bridge calls
// (docs/PROTOCOL.md), and runs the program. What touches the page goes there as messages: mount,
// status, log, setQuery, saveState, and every patch buffer, whose bytes are transferred, not
// copied again. Events come back as messages and go to Go's wasmlitGo.events, in order. IndexedDB,
// Web Locks, fetch and SQLite run here, in the worker, as they do in the page.
//
// It is a module worker (new Worker(url, {type: 'module'})): it imports the host modules that
// work without a document, and wasm_exec.js, which defines globalThis.Go.
import '../wasm_exec.js';
import { fetchStart } from './fetch.js';
import * as idb from './idb.js';
import * as locks from './locks.js';
import * as sqlite from './sqlite.js';

const post = (msg, transfer) => globalThis.postMessage(msg, transfer || []);

let search = ''; // the page's location.search, kept here as Go writes it
let kept = null; // sid → session state from before a dev reload; null when the page keeps none
const files = new Map(); // token → bytes the page sent ahead of the event that names them
let early = null; // the app's IndexedDB database, opened while Go starts

// Events that arrive before Go has defined wasmlitGo wait here, in order.
let goEvents = null;
const pending = [];
Object.defineProperty(globalThis, 'wasmlitGo', {
  configurable: true,
  get() { return goEvents ? { events: goEvents } : undefined; },
  set(v) {
    goEvents = v && typeof v.events === 'function' ? v.events.bind(v) : null;
    if (goEvents) for (const [sid, json] of pending.splice(0)) deliver(sid, json);
  },
});

function deliver(sid, json) {
  if (!goEvents) { pending.push([sid, json]); return; }
  try {
    goEvents(sid, json);
  } catch (err) {
    post({ t: 'sendError', message: String(err && err.message ? err.message : err) });
  }
}

// A macrotask through a MessageChannel: Yield lets the worker take its messages (events).
const chan = new MessageChannel();
const tasks = [];
chan.port1.onmessage = () => { const r = tasks.shift(); if (r) r(); };

const host = {
  buildID: '',
  appName: '',
  /** baseURI is the page's base URL: relative URLs (fetch, lib/) resolve against it, not this file. */
  baseURI: '',

  mount(sid, selector, label) { post({ t: 'mount', sid, selector, label: label || '' }); },

  apply(sid, u8, n) {
    // Go reuses its buffer: the page gets a copy of its own, transferred (not cloned again).
    const copy = u8.slice(0, n === undefined ? u8.length : n);
    post({ t: 'apply', sid, buf: copy.buffer }, [copy.buffer]);
  },

  status(sid, status, seq) { post({ t: 'status', sid, status, seq: Number(seq) || 0 }); },

  yield() { return new Promise((r) => { tasks.push(r); chan.port2.postMessage(0); }); },

  fetchStart(url, initJSON, body) { return fetchStart(new URL(url, host.baseURI).href, initJSON, body); },

  idb: {
    ...idb,
    open(name) {
      if (early && early.name === name) { const { opening } = early; early = null; return opening; }
      return idb.open(name);
    },
  },
  locks,
  sqlite,

  keptState(sid) {
    if (!kept) return null;
    const s = kept[sid];
    return typeof s === 'string' ? s : '';
  },
  saveState(sid, json) { post({ t: 'saveState', sid, json: String(json) }); },

  takeFile(token) {
    const b = files.get(token);
    if (!b) return null;
    files.delete(token);
    return b;
  },

  putFile(bytes) {
    const token = `wl-worker-${Math.random().toString(36).slice(2)}`;
    files.set(token, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    return token;
  },

  setQuery(s) {
    search = typeof s === 'string' ? s : '';
    post({ t: 'setQuery', search });
  },

  /** locationSearch is the page's location.search (the worker's own location is this file's URL). */
  locationSearch() { return search; },

  log(level, message) { post({ t: 'log', level: String(level), message: String(message) }); },
};
globalThis.wasmlitHost = host;

// Go's stdout and stderr: kept (the page shows the end of it when the program stops) and echoed
// to the page's console, line by line.
let output = '';
const decoder = new TextDecoder();
function captureOutput(limit = 16384) {
  const fs = globalThis.fs;
  const orig = fs.writeSync.bind(fs);
  fs.writeSync = (fd, buf) => {
    output += decoder.decode(buf, { stream: true });
    if (output.length > 2 * limit) output = output.slice(-limit);
    return orig(fd, buf);
  };
}

async function start(msg) {
  Object.assign(host, { buildID: msg.buildID, appName: msg.appName, baseURI: msg.baseURI });
  search = msg.search || '';
  kept = msg.kept || null;
  const opening = idb.open(msg.appName);
  opening.catch(() => {}); // the Go cache reports a failure when it takes the promise
  early = { name: msg.appName, opening };
  captureOutput();
  const go = new globalThis.Go();
  let exitCode = null;
  const exit = go.exit.bind(go);
  go.exit = (code) => { exitCode = code; exit(code); };
  let instance;
  try {
    instance = await WebAssembly.instantiate(msg.module, go.importObject);
  } catch (err) {
    post({ t: 'failed', name: err.name, message: err.message, link: err instanceof WebAssembly.LinkError });
    return;
  }
  post({ t: 'started' });
  let err = null;
  try {
    await go.run(instance);
  } catch (e) {
    err = e;
  }
  post({ t: 'exit', code: exitCode, name: err ? err.name || 'Error' : '', message: err ? String(err.message || err) : '', output });
}

globalThis.onmessage = (e) => {
  const m = e.data;
  switch (m.t) {
    case 'start': start(m); break;
    case 'events':
      if (m.files) for (const [token, bytes] of m.files) files.set(token, bytes);
      deliver(m.sid, m.json);
      break;
    case 'search': search = m.search; break;
    default: console.error(`wasmlit worker: unknown message ${m.t}`);
  }
};
post({ t: 'ready' });
