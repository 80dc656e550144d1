// Loading the app (SPEC C1): app.json, the wasm download with a progress bar, compiling and
// starting the Go program. Every step that can fail throws a LoadError that says what failed,
// where, and what to check; host.js turns it into the error page.

import './update.js'; // the service worker: offline use and the update notice (SPEC C4, C10)

/** A LoadError carries the fields of the error page (see errorpage.js). */
export class LoadError extends Error {
  constructor(f) {
    super(`${f.what}: ${f.detail || f.status || 'failed'}`);
    this.name = 'LoadError';
    this.page = f;
  }
}

const WASM_WHAT = 'Downloading the app (its WebAssembly module)';

function url(path) {
  return new URL(path, document.baseURI).href;
}

function fileHint() {
  return location.protocol === 'file:'
    ? ['The page was opened from a file: serve the folder over HTTP instead (for example `./build.sh serve`, or `python3 -m http.server` in the folder).']
    : [];
}

/**
 * loadConfig reads app.json beside index.html: {name, title, wasm, size, buildID}. A missing or
 * unreadable file means the defaults (app.wasm, size unknown, a random build id).
 */
export async function loadConfig() {
  try {
    const res = await fetch(url('app.json'), { cache: 'no-cache' });
    if (!res.ok) {
      if (res.status !== 404) console.warn(`wasmlit: app.json answered ${res.status}; using defaults`);
      return {};
    }
    const cfg = JSON.parse(await res.text());
    return cfg && typeof cfg === 'object' && !Array.isArray(cfg) ? cfg : {};
  } catch (err) {
    console.warn('wasmlit: could not read app.json; using defaults:', err);
    return {};
  }
}

function statusChecks(status, u) {
  if (status === 404 || status === 410) {
    return [`The file is not on the server: check that the build put it at ${u} (build.sh writes it next to index.html).`,
      'If the app lives under a sub-path, open index.html from that folder so relative URLs resolve there.'];
  }
  if (status === 401 || status === 403) return ['The server refused access: check the hosting permissions for this folder.'];
  if (status >= 500) return ['The server failed: look at its logs, then reload.'];
  return ['Check the server and reload the page.'];
}

function mb(n) {
  return (n / 1e6).toFixed(n < 1e7 ? 1 : 0);
}

/** Progress drives the loader's <progress> and text, at most once per frame. */
export class Progress {
  constructor(name) {
    this.bar = document.getElementById('wl-progress');
    this.text = document.getElementById('wl-progress-text');
    this.name = name;
    this.done = 0;
    this.total = 0;
    this.queued = false;
    this.finished = false;
  }

  /** shown reports whether the page shows the loader (a prerendered page hides it). */
  shown() {
    const loader = document.getElementById('wl-loader');
    return !!loader && !loader.hidden;
  }

  phase(text) {
    if (this.text) this.text.textContent = text;
  }

  bytes(done, total) {
    this.done = done;
    this.total = total;
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.draw();
    });
  }

  draw() {
    const { done, total, bar } = this;
    if (bar) {
      if (total > 0) {
        bar.max = total;
        bar.value = Math.min(done, total);
      } else {
        bar.removeAttribute('value'); // indeterminate
      }
    }
    if (this.finished) {
      this.phase(`Downloaded ${mb(done)} MB; compiling…`);
      return;
    }
    const of = total > 0 ? ` of ${mb(total)} MB (${Math.min(100, Math.floor((done / total) * 100))}%)` : ' MB';
    this.phase(`Downloading ${this.name}: ${mb(done)}${of}`);
  }
}

/**
 * download fetches the wasm (or takes the response of a fetch already started), counting bytes
 * for the progress bar when the loader shows one.
 * It returns a Response with the application/wasm type (so streaming compilation works
 * whatever MIME type the server sent) and check(), which callers await once compiling has failed:
 * it throws a LoadError when the server did not send a WebAssembly module (a host serving an HTML
 * fallback page, say).
 */
export async function download(wasmURL, size, progress, started) {
  let res;
  try {
    res = await (started || fetch(wasmURL, { cache: 'no-cache' }));
  } catch (err) {
    throw new LoadError({
      what: WASM_WHAT, url: wasmURL, detail: String(err && err.message ? err.message : err),
      checks: [...fileHint(), 'Check that you are online and that the server is running, then reload.'],
    });
  }
  if (!res.ok) {
    throw new LoadError({ what: WASM_WHAT, url: wasmURL, status: `${res.status} ${res.statusText}`.trim(), checks: statusChecks(res.status, wasmURL) });
  }
  const type = res.headers.get('content-type') || '';
  const enc = res.headers.get('content-encoding');
  const len = Number(res.headers.get('content-length'));
  // A compressed Content-Length is not the decoded size; app.json's size is.
  const total = size > 0 ? size : (!enc || enc === 'identity') && len > 0 ? len : 0;
  // The original response goes to instantiateStreaming untouched, so V8 can cache the compiled
  // code with the HTTP cache entry (a wrapped or re-made Response loses that, and every warm load
  // would compile the module again). The progress bar counts the bytes of a clone, and only when
  // the loader shows: reading a clone costs the page's thread a copy of every chunk, which was
  // about 100 ms of the start of hello's prerendered page, whose loader is hidden.
  if (progress.shown()) countBytes(res.clone(), total, progress).catch(() => { /* the compile step reports a broken download */ });
  const wasmTyped = type.startsWith('application/wasm');
  if (type && !wasmTyped) {
    console.warn(`wasmlit: ${wasmURL} is served as ${type}; serve .wasm files as application/wasm`);
  }
  const check = async () => {
    const bad = await notWasm(wasmURL, res.status, res.statusText, type);
    if (bad) throw bad;
  };
  // Streaming compilation needs the application/wasm type; a host that sends another one gets a
  // re-typed copy (and no code caching).
  const response = wasmTyped ? res : new Response(res.body, { headers: { 'Content-Type': 'application/wasm' } });
  return { response, check };
}

// countBytes reads res's body to its end, drawing the progress bar as the bytes come.
async function countBytes(res, total, progress) {
  const reader = res.body.getReader();
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    progress.bytes(loaded, total);
  }
  progress.finished = true;
  progress.bytes(loaded, loaded);
}

/**
 * notWasm fetches the first bytes of wasmURL again, after compiling its response failed, and
 * returns a LoadError when they are not WebAssembly's magic number (null when they are, or when
 * they cannot be read: the compile error then speaks for itself).
 */
async function notWasm(wasmURL, status, statusText, type) {
  let head;
  try {
    const res = await fetch(wasmURL, { cache: 'no-cache' });
    const reader = res.body.getReader();
    head = (await reader.read()).value || new Uint8Array();
    reader.cancel().catch(() => {});
  } catch {
    return null;
  }
  if (head.length >= 4 && head[0] === 0 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d) return null;
  const start = String.fromCharCode(...head.subarray(0, 4)).replace(/[^\x20-\x7e]/g, '.');
  return new LoadError({
    what: WASM_WHAT, url: wasmURL, status: `${status} ${statusText}`.trim(),
    detail: `the server sent something that is not a WebAssembly module (Content-Type: ${type || 'none'}; it starts with "${start}")`,
    checks: ['The file is probably missing and the host answered with a fallback page: check the build output folder and the host\'s rewrite rules.',
      'Rebuild the app with build.sh and upload the whole output folder.'],
  });
}

/** instantiate compiles and instantiates the wasm for go (a new Go() from wasm_exec.js). */
export async function instantiate(wasmURL, dl, go) {
  try {
    if (typeof WebAssembly.instantiateStreaming === 'function') {
      try {
        return (await WebAssembly.instantiateStreaming(dl.response, go.importObject)).instance;
      } catch (err) {
        // A MIME complaint cannot happen with our own Response, but some browsers and
        // extensions still raise one: fall back to compiling from a buffer.
        if (!(err instanceof TypeError) || !/mime|content-type/i.test(String(err.message))) throw err;
        console.warn('wasmlit: streaming compilation refused; compiling from a buffer:', err);
      }
      const res = await fetch(wasmURL, { cache: 'no-cache' });
      return (await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject)).instance;
    }
    const buf = await dl.response.arrayBuffer();
    return (await WebAssembly.instantiate(buf, go.importObject)).instance;
  } catch (err) {
    await dl.check();
    if (err instanceof LoadError) throw err;
    const link = err instanceof WebAssembly.LinkError;
    throw new LoadError({
      what: link ? 'Linking the app\'s WebAssembly module to wasm_exec.js' : 'Compiling the app\'s WebAssembly module',
      url: wasmURL, detail: `${err.name}: ${err.message}`,
      checks: link
        ? ['wasm_exec.js must come from the same Go version that built app.wasm: rebuild with build.sh, which copies it from $(go env GOROOT)/lib/wasm.']
        : ['The file may be truncated or corrupted: rebuild and upload it again.',
          'Build with GOOS=js GOARCH=wasm (build.sh does).',
          'A Content-Security-Policy must allow \'wasm-unsafe-eval\' in script-src.'],
    });
  }
}

/**
 * captureOutput keeps the last part of the Go program's stdout and stderr (wasm_exec.js writes
 * them through globalThis.fs.writeSync) so the error page can show a panic.
 */
export function captureOutput(limit = 16384) {
  const dec = new TextDecoder();
  let text = '';
  const fs = globalThis.fs;
  if (fs && typeof fs.writeSync === 'function') {
    const orig = fs.writeSync.bind(fs);
    fs.writeSync = (fd, buf) => {
      text += dec.decode(buf, { stream: true });
      if (text.length > 2 * limit) text = text.slice(-limit);
      return orig(fd, buf);
    };
  }
  return () => (text.length > limit ? '…' + text.slice(-limit) : text);
}

/** randomID returns a build id for builds without app.json, fresh per page load. */
export function randomID() {
  if (globalThis.crypto && crypto.randomUUID) return 'dev-' + crypto.randomUUID();
  return 'dev-' + Date.now().toString(36) + Math.random().toString(36).slice(2);
}
