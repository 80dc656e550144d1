// The browser benchmark behind `./build.sh bench`, against its peers, in one headless Chromium run
// against the built dist/ folder: wasm sizes of every app, navigation to first idle render (cold
// and with a warm HTTP cache) beside Pyodide's core boot, rerun latency, and the seed's large-data
// table beside pickle in Pyodide, pandas' pickle natively and the JS and Go floors, with the peak
// wasm memory of each. Writes bench/results.json (with the machine, the versions and the Go
// benchmarks of bench/go.txt and bench/go-wasm.txt) and prints a summary.
//
// Usage (from the repo root, after ./build.sh build, `go run ./cmd/wasmlit build -o dist/bench
// bench/apps/*/` and `(cd bench/peers && npm ci)`):
//   node playwright/bench/run.mjs [--reps N] [--only startup|rerun|large|go|edge] [--rows 1000000,10000000]
// --only runs one section (startup, rerun, worker, large, go or edge: edge.mjs, the Worker under wrangler dev) and merges it into the existing bench/results.json (its date is kept per
// section); ./build.sh bench runs them all.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { preparePeers, paintFloor, pyodideBoot, pyodidePickle, jsFloors, pandasPickle } from './peers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const arg = (name) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const reps = Number(arg('--reps')) || 15;
const only = arg('--only');
const want = (section) => !only || only === section;
const rowsList = (arg('--rows') ?? '1000000,10000000,25000000').split(',').map(Number);
const port = Number(process.env.BENCH_PORT) || 8097; // BENCH_PORT: another, when two benches share a machine
const base = `http://127.0.0.1:${port}`;
const started = Date.now();

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), n: s.length };
}
const round = (x) => Math.round(x * 1000) / 1000;
const statsOrNull = (xs) => (xs.length ? stats(xs) : null);
const log = (...a) => console.error(`[bench ${Math.round((Date.now() - started) / 1000)}s]`, ...a);

// withTimeout rejects when p takes longer than ms: a crashed or stuck page must not hang the run.
function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(t));
}

function sizes(dir) {
  const f = (ext) => {
    const p = path.join(dist, dir, 'app.wasm' + ext);
    return existsSync(p) ? statSync(p).size : null;
  };
  return { raw: f(''), gzip: f('.gz'), brotli: f('.br') };
}

// appSizes lists every example (dist/<name>) and bench app (dist/bench/<name>).
function appSizes() {
  const out = {};
  const dirs = (d) => readdirSync(path.join(root, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const name of dirs('examples')) if (existsSync(path.join(dist, name, 'app.wasm'))) out[name] = { kind: 'example', ...sizes(name) };
  for (const name of dirs('bench/apps')) if (existsSync(path.join(dist, 'bench', name, 'app.wasm'))) out[`bench/${name}`] = { kind: 'bench', ...sizes(path.join('bench', name)) };
  return out;
}

// startServer builds the static server and runs the binary itself (not `go run`, whose child
// would outlive a kill).
async function startServer() {
  const bin = path.join(root, 'bench', 'tmp', 'wasmlit');
  execFileSync('go', ['build', '-o', bin, './cmd/wasmlit'], { cwd: root, stdio: 'inherit' });
  const srv = spawn(bin, ['serve', '-addr', `127.0.0.1:${port}`, '-dir', 'dist', '-watch=false'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(base + '/'); // any answer: dist/ may hold no gallery when one section runs
      return srv;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  srv.kill();
  throw new Error('the static server did not start');
}

// newContext opens a browser context whose pages keep the Go instance's linear memory in
// globalThis.__wasmMem (the host does not expose it), so the bench can read its size.
async function newContext(browser) {
  const ctx = await browser.newContext();
  // A busy page (Go runs on its main thread; the machine is shared) may not take a click within
  // Playwright's default 30 s; each part has its own overall timeout (withTimeout).
  ctx.setDefaultTimeout(300_000);
  await ctx.addInitScript(() => {
    const keep = (f) => async function (...args) {
      const r = await f.apply(this, args);
      const inst = r instanceof WebAssembly.Instance ? r : r.instance;
      if (inst && inst.exports.mem) globalThis.__wasmMem = inst.exports.mem;
      return r;
    };
    WebAssembly.instantiateStreaming = keep(WebAssembly.instantiateStreaming);
    WebAssembly.instantiate = keep(WebAssembly.instantiate);
  });
  return ctx;
}

// wasmMemory returns the byte length of the page's Go linear memory: it never shrinks, so in a
// fresh page it is the peak so far.
const wasmMemory = (page) => page.evaluate(() => globalThis.__wasmMem?.buffer.byteLength ?? null);

// STARTUP_MARKS are the host's startup marks (host/host.js), in order: the page and bundle are in,
// the module's download has its response, it is compiled, Go's main has mounted, the first run is
// idle. The bench keeps each one's time from navigation start.
const STARTUP_MARKS = ['host', 'config', 'response', 'compiled', 'mount', 'first-idle'];

// firstIdle loads app in page and returns ms from navigation start to the first idle status; when
// marks is given, it gets the time of each startup mark (and the navigation's responseEnd).
async function firstIdle(page, app, marks) {
  await page.goto(`${base}/${app}/`);
  const r = await page.evaluate(async (names) => {
    await globalThis.wasmlit.settled();
    const m = performance.getEntriesByName('wasmlit:first-idle')[0];
    if (!m) throw new Error('host.js did not mark wasmlit:first-idle');
    const at = { page: performance.getEntriesByType('navigation')[0]?.responseEnd ?? null };
    for (const n of names) at[n] = performance.getEntriesByName('wasmlit:' + n)[0]?.startTime ?? null;
    // The first contentful paint: with a prerendered page (C7) it comes before the module.
    at.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    // It is the prerendered HTML's when the page is prerendered (its loader never shows) and the
    // paint came before the module's response.
    const html = await (await fetch(location.href)).text();
    at.fcpFromHTML = html.includes('data-wl-prerendered') && at.fcp != null && at.response != null && at.fcp < at.response;
    return { ms: m.startTime, at };
  }, STARTUP_MARKS);
  if (marks) marks.push(r.at);
  return r.ms;
}

// markStats turns a list of mark times into the stats of each step: from the previous mark to it.
function markStats(list) {
  const steps = {};
  const names = ['page', ...STARTUP_MARKS];
  names.forEach((n, i) => {
    const xs = list.map((at) => (at[n] != null && (i === 0 || at[names[i - 1]] != null) ? at[n] - (i ? at[names[i - 1]] : 0) : null)).filter((x) => x != null);
    if (xs.length) steps[n] = stats(xs);
  });
  return steps;
}

// rerun clicks the button named label and returns ms until the page has settled (DOM patched).
async function rerun(page, label) {
  return page.evaluate(async (label) => {
    const btn = [...document.querySelectorAll('[data-testid=stButton] button')].find((b) => b.textContent.trim() === label);
    if (!btn) throw new Error('no button ' + label);
    const t0 = performance.now();
    btn.click();
    await globalThis.wasmlit.settled();
    return performance.now() - t0;
  }, label);
}

const settled = (page) => page.evaluate(() => globalThis.wasmlit.settled());

// select picks optionText in the selectbox labelled label and waits for the rerun.
async function select(page, label, optionText) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: optionText });
  await settled(page);
}

// radio checks the radio button optionText and waits for the rerun.
async function radio(page, optionText) {
  await page.getByRole('radio', { name: optionText, exact: true }).check();
  await settled(page);
}

// texts returns the page's stText lines "name = value" as an object.
async function texts(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid=stText]')]
    .map((e) => e.textContent.split(' = ')).filter((kv) => kv.length === 2)));
}

// idbRecord waits until the large app's IndexedDB holds a record of at least minBytes and
// returns its key, its size and the median time of reading it from JS alone (the raw read).
async function idbRecord(page, minBytes, reps) {
  return page.evaluate(async ({ minBytes, reps }) => {
    const open = () => new Promise((ok, err) => { const r = indexedDB.open('wasmlit:large'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const req = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    let key = null, size = 0;
    for (let i = 0; i < 1200 && key === null; i++) {
      const db = await open();
      const meta = await req(db.transaction('meta').objectStore('meta').getAll());
      const keys = await req(db.transaction('meta').objectStore('meta').getAllKeys());
      db.close();
      const j = meta.findIndex((m) => m.size >= minBytes);
      if (j >= 0) { key = keys[j]; size = meta[j].size; } else await new Promise((r) => setTimeout(r, 100));
    }
    if (key === null) throw new Error('the cached record never reached IndexedDB');
    const times = [];
    for (let i = 0; i < reps; i++) {
      const db = await open();
      const t0 = performance.now();
      const store = db.transaction('values').objectStore('values');
      let v = await req(store.get(key));
      if (!(v instanceof Uint8Array)) {
        // A value over Chromium's single-value limit is stored in parts (host/idb.js): read them all.
        const parts = await req(store.getAll(IDBKeyRange.bound(`${key}\u0000`, `${key}\u0001`, false, true)));
        v = { byteLength: parts.reduce((n, p) => n + p.byteLength, 0) };
      }
      times.push(performance.now() - t0 + (v.byteLength < 0 ? 1 : 0));
      db.close();
    }
    times.sort((a, b) => a - b);
    return { key, size, rawReadMs: times[times.length >> 1] };
  }, { minBytes, reps });
}

// openLarge loads the large bench app, picks rows and the choice, turns Run on and returns the
// page's figures once the first call is done.
async function openLarge(page, rows, choice) {
  await page.goto(`${base}/bench/large/`);
  await settled(page);
  await select(page, 'Rows', String(rows));
  await radio(page, choice);
  // click, not check: check() waits for the switch's new state, which a long first run delays.
  await page.getByRole('switch', { name: 'Run' }).click();
  await settled(page);
  return texts(page);
}

// hits reruns the large app reps times and returns the stats of its call times.
async function hits(page, reps) {
  const xs = [];
  for (let i = 0; i < reps; i++) {
    await page.getByRole('button', { name: 'Rerun' }).click();
    await settled(page);
    xs.push(Number((await texts(page))['call ms']));
  }
  return stats(xs);
}

// failure describes err for the report: its first line, the stage it happened at, and the Go
// program's fatal message when the page shows one (the host's error page prints its output).
async function failure(page, err, at) {
  const why = await page.evaluate(() => (document.body?.innerText.match(/(fatal error: [^\n]*|panic: [^\n]*|runtime: [^\n]*)/g) || [])
    .slice(0, 2).join('; ')).catch(() => '');
  return [String(err.message || err).split('\n')[0].replace(/^page\.evaluate: /, '').slice(0, 200), at && `at ${at}`, why].filter(Boolean).join(', ');
}

// inFreshContext runs f(page, stage) in a new context (empty memory tier, IndexedDB and HTTP
// cache) and records its error in errors[what] instead of throwing, so a size that does not fit
// (25M rows) is reported: where it failed (the last stage(name) f called) and why.
async function inFreshContext(browser, errors, what, f, timeoutMs) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  let at = '';
  try {
    page.on('console', (m) => { if (m.type() === 'error') log(`${what}: page:`, m.text().slice(0, 300)); });
    return await withTimeout(f(page, (s) => { at = s; }), timeoutMs, what);
  } catch (err) {
    errors[what] = await failure(page, err, at);
    log(`${what}: ${errors[what]}`);
    return null;
  } finally {
    await ctx.close().catch(() => {});
  }
}

// large measures the seed's large-data table for rows × 4 float64 columns, and its peers and
// floors at the same size. Each part runs in a fresh context; a part that fails is in errors.
async function large(browser, rows, reps, pandas) {
  const out = { rows, valueBytes: rows * 32, errors: {} };
  const label = `${rows / 1e6}M rows`;
  const timeout = Math.max(120_000, rows / 1e6 * 20_000);
  log(label, 'cache_data');
  // cache_data: the first run, the record in IndexedDB (read raw), memory-tier hits, then hits
  // from IndexedDB after reloads. Each later stage is tried even when the one before failed (a
  // reload starts a new Go program), and what was measured is kept.
  const d = {};
  await inFreshContext(browser, out.errors, 'cache_data', async (page, stage) => {
    stage('the first run');
    const first = await openLarge(page, rows, 'cache_data');
    if (!first['first call ms']) throw new Error('the first call showed no figures');
    Object.assign(d, { firstCallMs: Number(first['first call ms']), computeMs: Number(first['first compute ms']), firstRunOverheadMs: Number(first['first overhead ms']) });
    d.firstRunPeakBytes = await wasmMemory(page);
    const quota = await page.evaluate(async () => (await navigator.storage.estimate()).quota);
    if (rows * 32 < quota) {
      stage('the record reaching IndexedDB');
      const raw = await idbRecord(page, rows * 32, reps > 2 ? 3 : 1);
      d.recordBytes = raw.size;
      d.rawIdbReadMs = raw.rawReadMs;
    } else {
      out.errors['cache_data IndexedDB'] = `the record (${rows * 32} bytes) is over this browser context's storage quota (${quota} bytes)`;
    }
    try {
      stage('memory-tier hits');
      d.memoryHitMs = await hits(page, reps);
      d.memoryHitPeakBytes = await wasmMemory(page);
    } catch (err) {
      out.errors['cache_data memory hit'] = await failure(page, err, 'memory-tier hits');
      log(`cache_data memory hit: ${out.errors['cache_data memory hit']}`);
    }
    if (d.recordBytes) {
      stage('an IndexedDB hit after a reload');
      const idb = [];
      for (let i = 0; i < Math.min(reps, 3); i++) {
        const t = await openLarge(page, rows, 'cache_data'); // a reload: the memory tier is empty
        if (Number(t['first compute ms']) !== 0) throw new Error('the reload recomputed instead of reading IndexedDB');
        idb.push(Number(t['first call ms']));
        d.idbHitPeakBytes = await wasmMemory(page); // a fresh page each time
      }
      d.idbHitMs = stats(idb);
    }
  }, timeout * 3);
  out.data = Object.keys(d).length ? d : null;
  log(label, 'cache_resource');
  out.resource = await inFreshContext(browser, out.errors, 'cache_resource', async (page) => {
    const first = await openLarge(page, rows, 'cache_resource');
    if (!first['first call ms']) throw new Error('the first call showed no figures');
    const r = { firstRunOverheadMs: Number(first['first overhead ms']), computeMs: Number(first['first compute ms']) };
    r.firstRunPeakBytes = await wasmMemory(page);
    r.hitMs = await hits(page, reps);
    return r;
  }, timeout);
  log(label, 'Go make+copy floor');
  out.goCopy = await inFreshContext(browser, out.errors, 'go make+copy', async (page) => {
    const first = await openLarge(page, rows, 'make+copy');
    if (!first['first call ms']) throw new Error('the first call showed no figures');
    const c = { firstMs: Number(first['first overhead ms']) };
    c.ms = await hits(page, reps);
    c.peakBytes = await wasmMemory(page);
    return c;
  }, timeout);
  // More first runs, each in a fresh page, so the first-run overheads have n > 1 (not at 25M
  // rows, where one fresh page takes most of a minute here).
  if (rows <= 10_000_000) {
    for (const [choice, into] of [['cache_data', out.data], ['make+copy', out.goCopy]]) {
      if (!into) continue;
      const xs = [choice === 'cache_data' ? into.firstRunOverheadMs : into.firstMs];
      for (let i = 0; i < 2; i++) {
        const t = await inFreshContext(browser, out.errors, `${choice} first run ${i + 2}`, (page) => openLarge(page, rows, choice), timeout);
        if (t && t['first overhead ms']) xs.push(Number(t['first overhead ms']));
      }
      into.firstRunStats = stats(xs);
    }
  }
  log(label, 'Pyodide pickle');
  out.pyodide = await inFreshContext(browser, out.errors, 'pyodide pickle', async (page) => {
    const p = await pyodidePickle(page, base, rows, Math.min(reps, 5));
    return { firstDumpsMs: round(p.first), dumpsMs: stats(p.dumps), loadsMs: stats(p.loads), bytes: p.bytes,
      heapBeforeBytes: p.heapBeforeBytes, peakBytes: p.heapPeakBytes, protocol: p.pickleProtocol, python: p.python };
  }, timeout * 2);
  log(label, 'JS floors');
  out.js = await inFreshContext(browser, out.errors, 'js floors', async (page) => {
    const f = await jsFloors(page, base, rows, Math.min(reps, 5));
    if (f.idbError) out.errors['js idb'] = f.idbError;
    return { structuredCloneMs: stats(f.clone), idbPutMs: f.idbPut && stats(f.idbPut), idbGetMs: f.idbGet && stats(f.idbGet) };
  }, timeout);
  out.pandas = pandas?.rows.find((r) => r.rows === rows) ?? null;
  return out;
}

// computeTask clicks the busy bench app's Compute (a cached function that computes for 2 s) and
// returns, for the page's thread while it ran: the longest task the browser reported (a
// PerformanceObserver of long tasks, 50 ms and over; 0 when none was that long) and the longest
// gap between two animation frames. The page must already be settled.
async function computeTask(page) {
  return page.evaluate(async () => {
    let longest = 0, at = null, t0 = 0;
    const take = (e) => { if (e.duration > longest) { longest = e.duration; at = Math.round(e.startTime - t0); } };
    const obs = new PerformanceObserver((list) => list.getEntries().forEach(take));
    obs.observe({ type: 'longtask' });
    let gap = 0, last = performance.now(), ticking = true;
    const tick = (t) => { gap = Math.max(gap, t - last); last = t; if (ticking) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const btn = [...document.querySelectorAll('[data-testid=stButton] button')].find((b) => b.textContent.trim() === 'Compute');
    t0 = performance.now();
    btn.click();
    await globalThis.wasmlit.settled();
    // Long-task entries arrive after their task: wait two frames, then take what is left.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    ticking = false;
    obs.takeRecords().forEach(take);
    obs.disconnect();
    return { longestTaskMs: longest, longestTaskAtMs: at, longestFrameGapMs: gap };
  });
}

// workerModes measures the busy bench app in both modes (SPEC C9): the rerun latency of Step (1,000
// elements, one changes) and, while a cached function computes for 2 s, the page's longest task.
async function workerModes(browser, reps) {
  const out = {};
  for (const mode of ['page', 'worker']) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/bench/busy/#wl-mode=${mode}`);
    await settled(page);
    const xs = [];
    for (let i = 0; i < reps; i++) xs.push(await rerun(page, 'Step'));
    // Five computations (10 s a mode): with three, one stray long task in the worker's page moved
    // the median across the 50 ms target from one run to the next.
    const task = [], gap = [], at = [];
    for (let i = 0; i < Math.min(reps, 5); i++) {
      const t = await computeTask(page);
      task.push(t.longestTaskMs);
      gap.push(t.longestFrameGapMs);
      at.push(t.longestTaskAtMs); // ms from the click to the longest task's start (null: none ≥ 50 ms)
    }
    out[mode] = { rerunMs: stats(xs), longestTaskMs: stats(task), longestTaskAtMs: at, longestFrameGapMs: stats(gap), workers: page.workers().length };
    await ctx.close();
  }
  return out;
}

// goBench parses `go test -bench` output into name → {ns, mbs}, without the -N suffix.
function goBench(file) {
  const p = path.join(root, file);
  if (!existsSync(p)) return null;
  const out = {};
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    const m = line.match(/^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op(?:\s+([\d.]+) MB\/s)?/);
    if (m) out[m[1]] = { ns: Number(m[2]), mbs: m[3] ? Number(m[3]) : null };
  }
  return { file, date: statSync(p).mtime.toISOString(), results: out };
}

function sh(cmd, args) {
  try { return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; }
}

const resultsFile = path.join(root, 'bench', 'results.json');
// BENCH_OUTPUTS are what the bench and its report write: a section run after another finds them
// changed, and they do not make the commit measured a dirty one.
const BENCH_OUTPUTS = ['bench/results.json', 'docs/BENCHMARKS.md', 'docs/bench'];
const results = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { sections: {} };
results.sections ??= {};
results.reps = reps;
results.machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memBytes: os.totalmem(), os: `${os.type()} ${os.release()} ${os.arch()}` };
results.versions = { ...results.versions, go: sh('go', ['env', 'GOVERSION']), node: process.version,
  commit: sh('git', ['rev-parse', 'HEAD']), dirty: Boolean(sh('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ...BENCH_OUTPUTS.map((p) => `:!${p}`)])) };
const mark = (section) => { results.sections[section] = new Date().toISOString(); };

if (want('go')) {
  results.go = { native: goBench('bench/go.txt'), wasm: goBench('bench/go-wasm.txt') };
  mark('go');
}

if (want('edge')) {
  log('edge: the Worker of examples/shared under wrangler dev (edge.mjs)');
  const { edgeBench } = await import('./edge.mjs');
  results.edge = await withTimeout(edgeBench({ root, chromium, launchArgs, reps, log }), 900_000, 'edge');
  mark('edge');
}

if (!only || (only !== 'go' && only !== 'edge')) {
  results.versions.pyodide = preparePeers(root);
  const srv = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  try {
    results.versions.chromium = browser.version();

    if (want('startup')) {
      log('sizes, first idle render and Pyodide boot');
      results.sizes = appSizes();
      const cold = [], warm = [], pyCold = [], pyWarm = [], coldMarks = [], warmMarks = [], floor = [];
      // Five pairs by default: a cold Pyodide boot takes seconds here, and the bench has 20 minutes.
      for (let i = 0; i < Math.max(5, reps >> 2); i++) {
        // First idle render: a fresh context per cold load (empty HTTP cache), then a reload (warm).
        let ctx = await browser.newContext();
        let page = await ctx.newPage();
        cold.push(await firstIdle(page, 'hello', coldMarks));
        warm.push(await firstIdle(page, 'hello', warmMarks));
        await ctx.close();
        // The paint floor: a one-paragraph static page from the same server, cold.
        ctx = await browser.newContext();
        floor.push(await paintFloor(await ctx.newPage(), base));
        await ctx.close();
        // Pyodide's core, the same way.
        ctx = await browser.newContext();
        page = await ctx.newPage();
        pyCold.push(await withTimeout(pyodideBoot(page, base), 120_000, 'Pyodide boot'));
        pyWarm.push(await withTimeout(pyodideBoot(page, base), 120_000, 'Pyodide boot'));
        await ctx.close();
      }
      const nav = (xs) => stats(xs.map((x) => x.navMs));
      const load = (xs) => stats(xs.map((x) => x.loadMs));
      results.startup = {
        hello: {
          cold: stats(cold), warm: stats(warm), coldSteps: markStats(coldMarks), warmSteps: markStats(warmMarks),
          fcpCold: statsOrNull(coldMarks.map((at) => at.fcp).filter((x) => x != null)),
          fcpWarm: statsOrNull(warmMarks.map((at) => at.fcp).filter((x) => x != null)),
          fcpFromHTML: { n: coldMarks.length, yes: coldMarks.filter((at) => at.fcpFromHTML).length },
        },
        paintFloor: { fcpCold: stats(floor) },
        pyodide: { cold: nav(pyCold), warm: nav(pyWarm), loadCold: load(pyCold), loadWarm: load(pyWarm) },
      };
      mark('startup');
    }

    if (want('rerun')) {
      log('rerun latency');
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await firstIdle(page, 'hello');
      const hello = [];
      for (let i = 0; i < reps; i++) hello.push(await rerun(page, 'Click me'));
      results.rerun = { hello: stats(hello) };
      await firstIdle(page, 'bench/rerun');
      for (const n of ['100', '1000', '10000']) {
        await select(page, 'Elements', n);
        for (const mode of ['one', 'all']) {
          await radio(page, mode);
          const xs = [];
          for (let i = 0; i < reps; i++) xs.push(await rerun(page, 'Step'));
          results.rerun[`${n}-${mode}`] = stats(xs);
        }
      }
      await ctx.close();
      mark('rerun');
    }

    if (want('worker')) {
      log('worker mode against page mode');
      results.worker = await withTimeout(workerModes(browser, reps), 600_000, 'worker mode');
      mark('worker');
    }

    if (want('large')) {
      log('pandas pickle (native)');
      let pandas = null;
      try {
        pandas = pandasPickle(root, rowsList, 5);
        results.versions.python = pandas.python;
        results.versions.pandas = pandas.pandas;
      } catch (err) {
        log('pandas pickle:', err.message);
      }
      results.large = [];
      for (const rows of rowsList) {
        // Fewer repetitions as the table grows: each is a whole copy of it (800 MB at 25M rows,
        // seconds each here), and the whole bench must fit in 20 minutes.
        const n = rows > 10_000_000 ? 2 : Math.min(reps, 7);
        results.large.push(await large(browser, rows, n, pandas));
      }
      mark('large');
    }
  } finally {
    await browser.close();
    srv.kill();
  }
}

results.date = new Date().toISOString();
results.runSeconds = Math.round((Date.now() - started) / 1000);
// BENCH_START (unix seconds) is set by ./build.sh bench: the whole run, Go benchmarks included.
if (process.env.BENCH_START) results.totalSeconds = Math.round(Date.now() / 1000 - Number(process.env.BENCH_START));
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
log(`bench/results.json written (${results.runSeconds} s in run.mjs)`);
