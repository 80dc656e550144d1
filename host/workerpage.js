// workerpage.js: the page's side of worker mode (SPEC C9). The page compiles the app's module
// (streaming, from the download the page preloaded, so the browser's code cache still applies),
// starts host/worker.js as a module worker and hands it the module; from then on the worker's
// messages drive the page's host (mount, apply, status...) and the page's events go to the worker.
// The Go program never runs on the page's thread, so a long computation leaves scrolling, typing
// and animations alone (docs/ARCHITECTURE.md, "Worker mode").
import { LoadError } from './boot.js';

const MAX_KEPT_SID = 64; // sessions whose dev-reload state the worker gets up front

/**
 * workerMode reports whether the app runs in a worker: the page URL's #wl-mode=worker or
 * #wl-mode=page decides first (for trying both and for the bench), then the build's choice, the
 * preload link's data-mode or app.json's mode ("worker" or "page"). The default is the page.
 */
export function workerMode(cfg) {
  const m = /(?:^#|&)wl-mode=(worker|page)(?:&|$)/.exec(location.hash);
  if (m) return m[1] === 'worker';
  return cfg.mode === 'worker' && typeof Worker === 'function';
}

/** compile compiles the downloaded module (boot.js's download result) without instantiating it. */
export async function compile(wasmURL, dl) {
  try {
    if (typeof WebAssembly.compileStreaming === 'function') {
      try {
        return await WebAssembly.compileStreaming(dl.response);
      } catch (err) {
        if (!(err instanceof TypeError) || !/mime|content-type/i.test(String(err.message))) throw err;
        console.warn('wasmlit: streaming compilation refused; compiling from a buffer:', err);
      }
      const res = await fetch(wasmURL, { cache: 'no-cache' });
      return await WebAssembly.compile(await res.arrayBuffer());
    }
    const buf = await dl.response.arrayBuffer();
    return await WebAssembly.compile(buf);
  } catch (err) {
    await dl.check();
    if (err instanceof LoadError) throw err;
    throw new LoadError({
      what: 'Compiling the app\'s WebAssembly module', url: wasmURL, detail: `${err.name}: ${err.message}`,
      checks: ['The file may be truncated or corrupted: rebuild and upload it again.',
        'Build with GOOS=js GOARCH=wasm (build.sh does).',
        'A Content-Security-Policy must allow \'wasm-unsafe-eval\' in script-src.'],
    });
  }
}

/**
 * fileArgs finds the uploaded files an event batch names: any string value that is a token the
 * page holds (take gives its bytes once). The worker gets the bytes with the batch, before Go
 * asks for them, so takeFile stays synchronous there.
 */
function fileArgs(json, take) {
  let batch;
  try { batch = JSON.parse(json); } catch { return null; }
  const out = [];
  const visit = (v) => {
    if (typeof v === 'string') {
      if (v.length <= 128) { const b = take(v); if (b) out.push([v, b]); }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const ev of Array.isArray(batch) ? batch : []) if (ev && ev.v !== undefined) visit(ev.v);
  return out.length ? out : null;
}

/**
 * startWorker runs the compiled module in a worker. page is what the worker drives: the page's
 * host object (mount, apply, status, log, takeFile), setQuery, keptState and saveState
 * (devstate.js), onSendError for events Go could not take, and exited(code, err, output) for the
 * program's end. It resolves once the worker has started the program.
 */
export function startWorker(module, cfg, page) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'wasmlit' });
  let kept = null;
  if (page.keptState(1) !== null) {
    kept = {};
    for (let sid = 1; sid <= MAX_KEPT_SID; sid++) kept[sid] = page.keptState(sid);
  }
  globalThis.wasmlitGo = {
    events(sid, json) {
      const files = fileArgs(json, page.takeFile);
      const buffers = files ? files.map(([, b]) => b.buffer) : [];
      worker.postMessage({ t: 'events', sid, json, files, search: location.search }, buffers);
    },
  };
  return new Promise((resolve, reject) => {
    let started = false;
    worker.onerror = (e) => {
      e.preventDefault();
      const err = new LoadError({
        what: 'Starting the app\'s worker (host/worker.js)', url: new URL('./worker.js', import.meta.url).href,
        detail: e.message || 'the worker script failed to load',
        checks: ['host/worker.js and wasm_exec.js must be served next to the page with a JavaScript MIME type.',
          'A Content-Security-Policy must allow the worker: worker-src \'self\'.'],
      });
      if (!started) reject(err);
      else page.exited(null, err, '');
    };
    worker.onmessage = (e) => {
      const m = e.data;
      switch (m.t) {
        case 'ready':
          worker.postMessage({
            t: 'start', module, buildID: cfg.buildID, appName: cfg.appName, baseURI: document.baseURI,
            search: location.search, kept,
          });
          break;
        case 'started': started = true; resolve(worker); break;
        case 'failed':
          reject(new LoadError({
            what: m.link ? 'Linking the app\'s WebAssembly module to wasm_exec.js' : 'Instantiating the app\'s WebAssembly module',
            url: cfg.wasmURL, detail: `${m.name}: ${m.message}`,
            checks: m.link
              ? ['wasm_exec.js must come from the same Go version that built app.wasm: rebuild with build.sh.']
              : ['Reload the page; if it fails again, rebuild the app.'],
          }));
          break;
        case 'mount':
          try { page.mount(m.sid, m.selector, m.label); } catch (err) { console.error(err); }
          break;
        case 'apply': page.apply(m.sid, new Uint8Array(m.buf)); break;
        case 'status': page.status(m.sid, m.status, m.seq); break;
        case 'log': page.log(m.level, m.message); break;
        case 'setQuery': page.setQuery(m.search); break;
        case 'saveState': page.saveState(m.sid, m.json); break;
        case 'sendError': page.onSendError(new Error(m.message)); break;
        case 'exit': page.exited(m.code, m.name ? { name: m.name, message: m.message } : null, m.output); break;
        default: console.error(`wasmlit: unknown message from the worker: ${m.t}`);
      }
    };
  });
}
