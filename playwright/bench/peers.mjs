// The peers the browser benchmark measures wasmlit against, in the same run and the same headless
// Chromium: Pyodide's core (boot, and pickle of the seed's table: stlite's mechanism), the JS
// floors (structuredClone, raw IndexedDB put and get) and, natively, pandas' pickle (Streamlit's
// mechanism). The pages are bench/peers/*.html; run.mjs serves them from dist/peers/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.js', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'package.json'];
// Compressible files get .gz and .br copies, which the static server sends as it does an app's
// app.wasm.br (on-the-fly gzip of 8 MB of wasm on every request would be the server's cost, not
// Pyodide's).
const COMPRESS = /\.(m?js|wasm|json)$/;

// preparePeers copies the peer pages and Pyodide's core files from bench/peers into dist/peers
// and returns the installed Pyodide version. It fails with what to run when npm ci was not run.
export function preparePeers(root) {
  const src = path.join(root, 'bench', 'peers');
  const pkg = path.join(src, 'node_modules', 'pyodide');
  if (!existsSync(path.join(pkg, 'pyodide.asm.wasm'))) {
    throw new Error('Pyodide is not installed: run `(cd bench/peers && npm ci)` (./build.sh bench does it)');
  }
  const out = path.join(root, 'dist', 'peers');
  mkdirSync(path.join(out, 'pyodide'), { recursive: true });
  for (const f of ['pyodide.html', 'pyodide-peer.mjs', 'floors.html', 'floors.js', 'paint.html']) copyFileSync(path.join(src, f), path.join(out, f));
  for (const f of PYODIDE_FILES) {
    const from = path.join(pkg, f);
    const to = path.join(out, 'pyodide', f);
    if (existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
    copyFileSync(from, to);
    if (COMPRESS.test(f)) {
      const data = readFileSync(from);
      writeFileSync(to + '.gz', zlib.gzipSync(data, { level: 9 }));
      writeFileSync(to + '.br', zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }));
    }
  }
  return JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
}

// paintFloor loads the paint floor page (bench/peers/paint.html) in page and returns its first
// contentful paint in ms from navigation start.
export async function paintFloor(page, base) {
  await page.goto(`${base}/peers/paint.html`);
  return page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list, obs) => {
      const e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) { obs.disconnect(); resolve(e.startTime); }
    }).observe({ type: 'paint', buffered: true });
  }));
}

// pyodideBoot loads the Pyodide page in page and returns ms from navigation start to Pyodide ready
// (navMs) and of loadPyodide() alone (loadMs).
export async function pyodideBoot(page, base) {
  await page.goto(`${base}/peers/pyodide.html`);
  const b = await page.evaluate(async () => { await globalThis.pyodideReady; return globalThis.pyodideBoot; });
  return { navMs: b.readyMs, loadMs: b.loadMs };
}

// pyodidePickle measures stlite's cache_data mechanism in page (give it a fresh context):
// pickle.dumps once in a fresh page, then reps dumps and loads; heap sizes are Pyodide's wasm memory.
export async function pyodidePickle(page, base, rows, reps) {
  await page.goto(`${base}/peers/pyodide.html`);
  return page.evaluate(({ rows, reps }) => globalThis.picklePeer(rows, reps), { rows, reps });
}

// jsFloors measures structuredClone of the four columns and a raw IndexedDB put and get of the
// same bytes in page (give it a fresh context). An IndexedDB failure (the context's storage quota)
// is returned as idbError, beside the clone's figures.
export async function jsFloors(page, base, rows, reps) {
  await page.goto(`${base}/peers/floors.html`);
  const clone = await page.evaluate(({ rows, reps }) => globalThis.cloneFloor(rows, reps), { rows, reps });
  try {
    const idb = await page.evaluate(({ rows, reps }) => globalThis.idbFloor(rows, reps), { rows, reps: Math.min(reps, 3) });
    return { clone, idbPut: idb.puts, idbGet: idb.gets };
  } catch (err) {
    return { clone, idbError: String(err.message || err).split('\n')[0].replace(/^page\.evaluate: /, '') };
  }
}

// pandasPickle runs bench/peers/pickle_pandas.py with Debian's python3 (pandas installed by
// ./build.sh bench) for every row count and returns its JSON.
export function pandasPickle(root, rowsList, reps) {
  const py = '/usr/bin/python3';
  const out = execFileSync(py, [path.join(root, 'bench', 'peers', 'pickle_pandas.py'), '--reps', String(reps), ...rowsList.map(String)],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out);
}
