// The edge section of the browser bench (issue 13's targets), run by `run.mjs --only edge` or with
// the others: the Worker of examples/shared under `wrangler dev` (local, offline) and Debian's
// Chromium.
//   - the Worker's wasm size (raw, gzip -9) beside Cloudflare's plan limits;
//   - its start: V8's compile of the Go module, wrangler dev from spawn to the Worker listening
//     (workerd loads the script first), the first answer, the first Go instance and later ones
//     (syumai/workers starts one per request that reaches Go);
//   - a shared hit served by the Worker to a second browser context beside a plain static fetch of
//     the same record bytes from the same server (alternated in one page, medians of n, one run).
// The browser talks to the Worker's own address, not wrangler's dev proxy (see edge.spec.ts).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Cloudflare's Workers limits (developers.cloudflare.com/workers/platform/limits, 2025-10). */
export const cloudflareLimits = {
  workerSizeFreeBytes: 3_000_000, // "3 MB" after compression (gzip) of the upload
  workerSizePaidBytes: 10_000_000,
  startupMs: 1000, // parse and run the global scope (400 ms before 2025-10-10)
  cpuMsFree: 10,
  cpuMsPaidDefault: 30_000,
};

// accepts reports whether something listens on host:port (a connection, no request: the Worker's
// first request is what the bench times).
function accepts(host, port) {
  return new Promise((ok) => {
    const c = connect({ host, port }, () => { c.destroy(); ok(true); });
    c.on('error', () => ok(false));
  });
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 1000) / 1000;
const stats = (xs) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), n: xs.length });

async function timed(url, init) {
  const t0 = performance.now();
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) });
  await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status };
}

// startWrangler runs wrangler dev in workerDir and returns the Worker's own address once it answers,
// with how long each step took.
async function startWrangler(root, workerDir, persist) {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(path.join(root, 'edge', 'node_modules', '.bin', 'wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--show-interactive-dev-session=false'], {
      cwd: workerDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NODE_ENV: 'test', WRANGLER_LOG: 'debug' },
    });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const stop = () => { try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ } };
  try {
    let url;
    for (;;) {
      if (proc.exitCode !== null) throw new Error('wrangler dev exited:\n' + log);
      if (performance.now() - t0 > 300_000) throw new Error('wrangler dev: no Worker address in 300 s:\n' + log);
      const m = /"userWorkerUrl":\{"protocol":"(https?:)","hostname":"([^"]+)","port":"(\d+)"\}/.exec(log);
      if (m && (await accepts(m[2], Number(m[3])))) {
        url = `${m[1]}//${m[2]}:${m[3]}/`;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const listeningMs = performance.now() - t0;
    return { url, stop, listeningMs };
  } catch (err) {
    stop();
    throw err;
  }
}

/** edgeBench measures the edge section; reps is the number of alternated pairs (at least 5). */
export async function edgeBench({ root, chromium, launchArgs, reps, log }) {
  const workerDir = path.join(root, 'dist-edge', 'shared');
  if (!existsSync(path.join(root, 'edge', 'node_modules', '.bin', 'wrangler'))) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: path.join(root, 'edge'), stdio: 'inherit' });
  }
  if (!existsSync(path.join(workerDir, 'wrangler.toml'))) {
    execFileSync('go', ['run', './cmd/wasmlit', 'build', '-edge', 'examples/shared'], { cwd: root, stdio: 'inherit' });
  }
  const n = Math.max(5, reps);
  const wasm = readFileSync(path.join(workerDir, 'app.wasm'));
  const out = {
    app: 'examples/shared',
    workerWasmBytes: wasm.length,
    workerWasmGzipBytes: gzipSync(wasm, { level: 9 }).length,
    limits: cloudflareLimits,
  };
  // What the script's `import mod from "./app.wasm"` costs where the module is not compiled yet:
  // V8's compile of it (Node's V8, the engine of workerd), the median of three.
  const compiles = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await WebAssembly.compile(wasm);
    compiles.push(performance.now() - t0);
  }
  out.wasmCompileMs = round(median(compiles));
  const persist = mkdtempSync(path.join(tmpdir(), 'wasmlit-edge-bench-'));
  const benchDir = path.join(workerDir, 'public', '__bench');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  try {
    // 1. Start, and a record computed by the Worker for context A.
    log('edge: wrangler dev, cold start');
    let w = await startWrangler(root, workerDir, persist);
    let body;
    try {
      const first = await timed(w.url + '__wasmlit/stats');
      const goCold = await timed(w.url + '__wasmlit/shared'); // a GET: Go refuses it with 405
      const goWarm = [];
      for (let i = 0; i < n; i++) goWarm.push((await timed(w.url + '__wasmlit/shared')).ms);
      out.start = {
        wranglerToListeningMs: round(w.listeningMs), // workerd loads the script before wrangler prints the address
        firstAnswerMs: round(first.ms), // the first request, answered by the script without Go
        firstGoInstanceMs: round(goCold.ms),
        goInstanceMs: stats(goWarm),
      };
      log('edge: context A computes a record at the edge');
      const ctxA = await browser.newContext();
      const a = await ctxA.newPage();
      const req = a.waitForRequest((r) => r.url().endsWith('/__wasmlit/shared') && r.method() === 'POST', { timeout: 300_000 });
      const seed = 1000 + Math.floor(Math.random() * 900_000);
      await a.goto(`${w.url}?seed=${seed}&millions=2`, { waitUntil: 'commit' });
      body = (await req).postDataBuffer();
      await a.getByText(/^pi ≈ /).waitFor({ timeout: 300_000 });
      await ctxA.close();
    } finally {
      w.stop();
    }
    // 2. The same record bytes as a static file of the same Worker (its assets are read at start).
    const rec = await (async () => {
      w = await startWrangler(root, workerDir, persist);
      try {
        const r = await fetch(w.url + '__wasmlit/shared', { method: 'POST', body });
        if (r.status !== 200) throw new Error(`edge: the shared request answered ${r.status}: ${await r.text()}`);
        return Buffer.from(await r.arrayBuffer());
      } finally {
        w.stop();
      }
    })();
    out.recordBytes = rec.length;
    mkdirSync(benchDir, { recursive: true });
    writeFileSync(path.join(benchDir, 'record.bin'), rec);
    w = await startWrangler(root, workerDir, persist);
    try {
      log(`edge: shared hit against static fetch of the same ${rec.length} bytes, ${n} pairs in context B`);
      await timed(w.url + '__wasmlit/stats');
      const ctxB = await browser.newContext();
      const b = await ctxB.newPage();
      await b.goto(w.url + 'theme.css'); // a page of the Worker's origin
      const times = await b.evaluate(async ({ body, n }) => {
        const bytes = new Uint8Array(body);
        const once = async (f) => {
          const t0 = performance.now();
          const r = await f();
          const got = new Uint8Array(await r.arrayBuffer());
          return { ms: performance.now() - t0, status: r.status, size: got.length };
        };
        const hit = () => fetch('/__wasmlit/shared', { method: 'POST', body: bytes });
        const plain = () => fetch('/__bench/record.bin', { cache: 'no-store' });
        for (let i = 0; i < 3; i++) { await once(hit); await once(plain); } // warm both paths
        const shared = [], file = [];
        for (let i = 0; i < n; i++) {
          // Alternate which goes first, so neither always follows the other.
          if (i % 2) { file.push(await once(plain)); shared.push(await once(hit)); }
          else { shared.push(await once(hit)); file.push(await once(plain)); }
        }
        return { shared, file };
      }, { body: [...body], n });
      await ctxB.close();
      for (const t of [...times.shared, ...times.file]) {
        if (t.status !== 200 || t.size !== rec.length) throw new Error(`edge: a timed fetch answered ${t.status} with ${t.size} bytes`);
      }
      const hit = stats(times.shared.map((t) => t.ms));
      const file = stats(times.file.map((t) => t.ms));
      out.sharedHit = { ms: hit, staticMs: file, ratio: round(hit.median / file.median), target: 1.5 };
    } finally {
      w.stop();
    }
  } finally {
    await browser.close();
    rmSync(benchDir, { recursive: true, force: true });
    rmSync(persist, { recursive: true, force: true });
  }
  return out;
}
