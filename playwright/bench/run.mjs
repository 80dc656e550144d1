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
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 15;
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

const results = { date: new Date().toISOString(), reps, sizes: {}, firstIdle: {}, rerun: {} };
const srv = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
try {
  results.browser = browser.version();
  for (const app of ['hello', 'rerun']) results.sizes[app] = sizes(app);

  // First idle render: a fresh context per cold load (empty HTTP cache), then reloads (warm).
  const cold = [], warm = [];
  for (let i = 0; i < Math.max(5, reps >> 1); i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    cold.push(await firstIdle(page, 'hello'));
    warm.push(await firstIdle(page, 'hello'));
    await ctx.close();
  }
  results.firstIdle.hello = { cold: stats(cold), warm: stats(warm) };

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
} finally {
  await browser.close();
  srv.kill();
}

mkdirSync(path.join(root, 'bench'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'browser.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
