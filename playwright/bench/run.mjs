// The browser benchmark behind `./build.sh bench`: wasm sizes, time to first idle render (cold and
// with a warm HTTP cache) and rerun latency (event to DOM patched), all in one headless Chromium
// run against the built dist/ folder. Writes bench/browser.json and prints a summary.
//
// Usage (from the repo root, after ./build.sh build and ./build.sh build bench/apps/rerun):
//   node playwright/bench/run.mjs [--reps N]
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, statSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const arg = (name) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const reps = Number(arg('--reps')) || 15;
// --only startup|rerun|large runs one section (the others are left out of the results).
const only = arg('--only');
const want = (section) => !only || only === section;
const port = 8097;
const base = `http://127.0.0.1:${port}`;

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), n: s.length };
}
const round = (x) => Math.round(x * 1000) / 1000;

function sizes(app) {
  const f = (ext) => {
    const p = path.join(dist, app, 'app.wasm' + ext);
    return existsSync(p) ? statSync(p).size : null;
  };
  return { raw: f(''), gzip: f('.gz'), brotli: f('.br') };
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
      const r = await fetch(base + '/');
      if (r.ok) return srv;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  srv.kill();
  throw new Error('the static server did not start');
}

// firstIdle loads app in page and returns ms from navigation start to the first idle status.
async function firstIdle(page, app) {
  await page.goto(`${base}/${app}/`);
  return page.evaluate(async () => {
    await globalThis.wasmlit.settled();
    const m = performance.getEntriesByName('wasmlit:first-idle')[0];
    if (!m) throw new Error('host.js did not mark wasmlit:first-idle');
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    globalThis.__phases = { config: at('wasmlit:config'), response: at('wasmlit:response'), compiled: at('wasmlit:compiled'), idle: m.startTime };
    return m.startTime;
  });
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

// select picks optionText in the selectbox labelled label and waits for the rerun.
async function select(page, label, optionText) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: optionText });
  await page.evaluate(() => globalThis.wasmlit.settled());
}

// radio checks the radio button optionText and waits for the rerun.
async function radio(page, optionText) {
  await page.getByRole('radio', { name: optionText, exact: true }).check();
  await page.evaluate(() => globalThis.wasmlit.settled());
}

// texts returns the page's stText lines "name = value" as an object.
async function texts(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid=stText]')]
    .map((e) => e.textContent.split(' = ')).filter((kv) => kv.length === 2)));
}

// idbRecord waits until the large app's IndexedDB holds a record of at least minBytes and
// returns its key and the median time of reading it from JS alone (the raw IndexedDB floor).
async function idbRecord(page, minBytes, reps) {
  return page.evaluate(async ({ minBytes, reps }) => {
    const open = () => new Promise((ok, err) => { const r = indexedDB.open('wasmlit:large'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const req = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    let key = null;
    for (let i = 0; i < 600 && key === null; i++) {
      const db = await open();
      const meta = await req(db.transaction('meta').objectStore('meta').getAll());
      const keys = await req(db.transaction('meta').objectStore('meta').getAllKeys());
      db.close();
      const j = meta.findIndex((m) => m.size >= minBytes);
      if (j >= 0) key = keys[j];
      else await new Promise((r) => setTimeout(r, 100));
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
    return { key, rawReadMs: times[times.length >> 1] };
  }, { minBytes, reps });
}

// large measures the seed's large-data table for rows × 4 float64 columns: cache_data first run
// (overhead beyond building the table), memory-tier hit, IndexedDB hit after a reload against a raw
// IndexedDB read of the same record; cache_resource first run and hit.
async function large(browser, rows, reps) {
  const out = { rows };
  const label = String(rows);
  const open = async (page, decorator) => {
    await page.goto(`${base}/large/`);
    await page.evaluate(() => globalThis.wasmlit.settled());
    await select(page, 'Rows', label);
    await radio(page, decorator);
    await page.getByRole('switch', { name: 'Run' }).check();
    await page.evaluate(() => globalThis.wasmlit.settled());
    return texts(page);
  };
  const hits = async (page) => {
    const xs = [];
    for (let i = 0; i < reps; i++) {
      await page.getByRole('button', { name: 'Rerun' }).click();
      await page.evaluate(() => globalThis.wasmlit.settled());
      xs.push(Number((await texts(page))['call ms']));
    }
    return stats(xs);
  };
  {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.error('page:', m.text().slice(0, 300)); });
    const first = await open(page, 'cache_data');
    out.data = { firstCallMs: Number(first['first call ms']), computeMs: Number(first['first compute ms']), firstRunOverheadMs: Number(first['first overhead ms']), mb: Number(first.mb) };
    out.data.memoryHitMs = await hits(page);
    const raw = await idbRecord(page, rows * 32, 5);
    const idb = [];
    for (let i = 0; i < Math.min(reps, 5); i++) {
      const t = await open(page, 'cache_data'); // a reload: the memory tier is empty
      if (Number(t['first compute ms']) !== 0) throw new Error('the reload recomputed instead of reading IndexedDB');
      idb.push(Number(t['first call ms']));
    }
    out.data.idbHitMs = stats(idb);
    out.data.rawIdbReadMs = raw.rawReadMs;
    await ctx.close();
  }
  {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const first = await open(page, 'cache_resource');
    out.resource = { firstRunOverheadMs: Number(first['first overhead ms']), computeMs: Number(first['first compute ms']) };
    out.resource.hitMs = await hits(page);
    await ctx.close();
  }
  return out;
}

const results = { date: new Date().toISOString(), reps, sizes: {}, firstIdle: {}, rerun: {}, large: [] };
const srv = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
try {
  results.browser = browser.version();
  for (const app of ['hello', 'rerun', 'large']) results.sizes[app] = sizes(app);

  // First idle render: a fresh context per cold load (empty HTTP cache), then reloads (warm).
  if (want('startup')) {
  const cold = [], warm = [];
  for (let i = 0; i < Math.max(5, reps >> 1); i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    cold.push(await firstIdle(page, 'hello'));
    warm.push(await firstIdle(page, 'hello'));
    await ctx.close();
  }
  results.firstIdle.hello = { cold: stats(cold), warm: stats(warm) };
  }

  if (want('rerun')) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await firstIdle(page, 'hello');
  const hello = [];
  for (let i = 0; i < reps; i++) hello.push(await rerun(page, 'Click me'));
  results.rerun.hello = stats(hello);

  await firstIdle(page, 'rerun');
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
  }

  if (want('large')) {
    for (const rows of [1_000_000, 10_000_000]) results.large.push(await large(browser, rows, Math.min(reps, 7)));
  }
} finally {
  await browser.close();
  srv.kill();
}

mkdirSync(path.join(root, 'bench'), { recursive: true });
writeFileSync(path.join(root, 'bench', only ? `browser-${only}.json` : 'browser.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
