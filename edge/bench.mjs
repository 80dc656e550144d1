// The edge tier's benchmark (issue 13's targets), against the Worker of examples/shared under
// `wrangler dev` (local, offline) and Debian's Chromium:
//   - a shared hit served by the Worker to a second browser context, beside a plain static fetch of
//     the same record bytes from the same server (ratio of medians, alternated in one page);
//   - 8 browser contexts asking one new key at once: the computations the Worker counted;
//   - the Worker's wasm size (raw, gzip) beside Cloudflare's plan limits, and its start: the first
//     request Go answers after wrangler starts (cold: the module is compiled) and later ones (one
//     fresh Go instance per request, as syumai/workers runs it).
// Writes bench/edge.json and prints it.
//
// Usage, from the repo root after `go run ./cmd/wasmlit build -edge examples/shared`,
// `(cd edge && npm ci)` and `(cd playwright && npm ci)`:
//   node edge/bench.mjs [--reps 30] [--no-eight]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'playwright', 'package.json'));
const { chromium } = require('@playwright/test');
const workerDir = path.join(root, 'dist-edge', 'shared');
const wrangler = path.join(root, 'edge', 'node_modules', '.bin', 'wrangler');
const arg = (name) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const reps = Number(arg('--reps')) || 30;
const port = 8798;
const base = `http://127.0.0.1:${port}/`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const round = (x) => Math.round(x * 100) / 100;

async function startWrangler(persist) {
  const proc = spawn(wrangler, ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist,
    '--show-interactive-dev-session=false'], {
    cwd: workerDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_UPDATE_CHECK: 'false', CI: '1' },
  });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error('wrangler dev exited:\n' + log);
    try {
      if ((await fetch(base + '__wasmlit/stats')).ok) break;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  return () => { try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ } };
}

async function timeGo() {
  const t0 = performance.now();
  const r = await fetch(base + '__wasmlit/shared'); // GET: Go refuses with 405
  await r.arrayBuffer();
  return performance.now() - t0;
}

const persist = mkdtempSync(path.join(tmpdir(), 'wasmlit-edge-bench-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const seed = 1000 + Math.floor(Math.random() * 900_000);
const out = { date: new Date().toISOString(), reps };
try {
  // Phase 1: a record, computed by the Worker for context A.
  let stop = await startWrangler(persist);
  out.coldGoMs = round(await timeGo());
  const warm = [];
  for (let i = 0; i < 10; i++) warm.push(await timeGo());
  out.goInstanceMs = round(median(warm));
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  const reqP = a.waitForRequest((r) => r.url().endsWith('/__wasmlit/shared') && r.method() === 'POST');
  await a.goto(`${base}?seed=${seed}&millions=2`);
  const body = (await reqP).postDataBuffer();
  await a.getByText(/^pi ≈ /).waitFor({ timeout: 300_000 });
  await ctxA.close();
  const rec = Buffer.from(await (await fetch(base + '__wasmlit/shared', { method: 'POST', body })).arrayBuffer());
  out.recordBytes = rec.length;
  stop();

  // Phase 2: the same record also as a static file of the same server.
  mkdirSync(path.join(workerDir, 'public', '__bench'), { recursive: true });
  writeFileSync(path.join(workerDir, 'public', '__bench', 'record.bin'), rec);
  stop = await startWrangler(persist);
  try {
    const ctxB = await browser.newContext();
    const b = await ctxB.newPage();
    await b.goto(base + '__bench/record.bin');
    const times = await b.evaluate(async ({ body, reps }) => {
      const bytes = new Uint8Array(body);
      const shared = [], plain = [];
      const once = async (f) => { const t0 = performance.now(); const r = await f(); await r.arrayBuffer(); return performance.now() - t0; };
      for (let i = 0; i < 3; i++) { await once(() => fetch('/__wasmlit/shared', { method: 'POST', body: bytes })); await once(() => fetch('/__bench/record.bin', { cache: 'no-store' })); }
      for (let i = 0; i < reps; i++) {
        shared.push(await once(() => fetch('/__wasmlit/shared', { method: 'POST', body: bytes })));
        plain.push(await once(() => fetch('/__bench/record.bin', { cache: 'no-store' })));
      }
      return { shared, plain };
    }, { body: [...body], reps });
    await ctxB.close();
    out.sharedHitMs = round(median(times.shared));
    out.staticFetchMs = round(median(times.plain));
    out.hitRatio = round(median(times.shared) / median(times.plain));

    // 8 contexts, one new key, at once (--no-eight skips it: edge.spec.ts checks it too).
    if (!process.argv.includes('--no-eight')) {
    const before = (await (await fetch(base + '__wasmlit/stats')).json()).computations;
    const ctxs = await Promise.all(Array.from({ length: 8 }, () => browser.newContext()));
    await Promise.all(ctxs.map(async (c) => {
      const p = await c.newPage();
      await p.goto(`${base}?seed=${seed + 1}&millions=2`);
      await p.getByText(/^pi ≈ /).waitFor({ timeout: 300_000 });
    }));
    await Promise.all(ctxs.map((c) => c.close()));
    out.eightContextsComputations = (await (await fetch(base + '__wasmlit/stats')).json()).computations - before;
    }
  } finally {
    stop();
    rmSync(path.join(workerDir, 'public', '__bench'), { recursive: true, force: true });
  }
  const wasm = readFileSync(path.join(workerDir, 'app.wasm'));
  out.workerWasmBytes = wasm.length;
  out.workerWasmGzipBytes = gzipSync(wasm, { level: 9 }).length;
  out.cloudflareLimits = { freeCompressedBytes: 3 * 1024 * 1024, paidCompressedBytes: 10 * 1024 * 1024, startupMs: 1000 };
} finally {
  await browser.close();
  rmSync(persist, { recursive: true, force: true });
}
mkdirSync(path.join(root, 'bench'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'edge.json'), JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
