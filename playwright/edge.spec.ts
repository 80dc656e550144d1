// The edge tier (E1–E4) against the app's Cloudflare Worker under `wrangler dev` (local, offline:
// its bundled workerd keeps KV and the Cache API in a temporary folder). The spec builds the
// Worker of examples/shared when ../dist-edge/shared is missing, installs wrangler from
// ../edge/package-lock.json when it is missing, and starts wrangler itself on a free port.
//
// The browser talks to the Worker's own address in wrangler's workerd, not to wrangler's dev
// proxy: `wrangler dev` forwards every request through one Durable Object (its ProxyWorker, in a
// second workerd), and on a loaded 2-core machine a page's parallel asset requests stalled there
// until the browser closed the connections (2 of 10 page loads of a plain assets folder, no Worker
// script at all; 0 of 12 straight to the Worker). wrangler prints that address at debug level.
//
// The static-host half (E4) uses the config's plain `wasmlit serve` of ../dist.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, settled } from './helpers';
import type { Browser, Page } from '@playwright/test';

const root = resolve(__dirname, '..');
const workerDir = join(root, 'dist-edge', 'shared');
const wrangler = join(root, 'edge', 'node_modules', '.bin', 'wrangler');
/** wrangler 4.40.0 needs Node 20 (edge/package-lock.json). */
const nodeMajor = Number(process.versions.node.split('.')[0]);

let proc: ChildProcess | undefined;
let persist = '';
let edgeURL = '';
let log = '';

/** freePort asks the system for a free port. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** workerURL is the Worker's own address in wrangler's log ("userWorkerUrl" at debug level). */
function workerURL(): string | undefined {
  const m = /"userWorkerUrl":\{"protocol":"(https?:)","hostname":"([^"]+)","port":"(\d+)"\}/.exec(log);
  return m ? `${m[1]}//${m[2]}:${m[3]}/` : undefined;
}

/** answers reports whether url answers with status (false while nothing listens there). */
async function answers(url: string, status: number): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    await r.arrayBuffer();
    return r.status === status;
  } catch {
    return false;
  }
}

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.skip(nodeMajor < 20, `the edge tests need Node 20 or newer for wrangler 4.40.0 (this is Node ${process.versions.node})`);
// ./build.sh test runs this file in a pass of its own after the others (WASMLIT_EDGE_LATER in
// the first pass): its wrangler, workerd and Go instances would slow the other specs down.
test.skip(!!process.env.WASMLIT_EDGE_LATER, 'edge.spec.ts runs in its own pass of ./build.sh test, after the other specs');

test.beforeAll(async () => {
  test.setTimeout(600_000);
  if (!existsSync(wrangler)) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: join(root, 'edge'), stdio: 'inherit' });
  }
  if (!existsSync(join(workerDir, 'wrangler.toml'))) {
    execFileSync('go', ['run', './cmd/wasmlit', 'build', '-edge', 'examples/shared'], { cwd: root, stdio: 'inherit' });
  }
  persist = mkdtempSync(join(tmpdir(), 'wasmlit-edge-'));
  const port = await freePort();
  proc = spawn(
    wrangler,
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--show-interactive-dev-session=false'],
    {
      cwd: workerDir,
      // Offline: no metrics; NODE_ENV=test makes miniflare use its placeholder Request.cf instead
      // of fetching workers.cloudflare.com/cf.json; debug level prints the Worker's own address.
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NODE_ENV: 'test', WRANGLER_LOG: 'debug' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<never>((_, reject) => proc!.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${log}`))));
  // Ready when the Worker answers: its first request compiles the Go module (seconds here), and a
  // GET of the endpoint starts one Go instance (refused with 405), so no test pays for either.
  const ready = (async () => {
    for (;;) {
      const url = workerURL();
      if (url && (await answers(url + '__wasmlit/stats', 200)) && (await answers(url + '__wasmlit/shared', 405))) {
        edgeURL = url;
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await Promise.race([ready, exited]);
});

test.afterAll(async () => {
  if (proc?.pid) {
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (persist) rmSync(persist, { recursive: true, force: true });
  // wrangler's log, for a failure's post-mortem (test-results/ is git-ignored).
  mkdirSync(join(__dirname, 'test-results'), { recursive: true });
  writeFileSync(join(__dirname, 'test-results', 'edge-wrangler.log'), log);
});

/** computations is how many times the Worker ran a shared function since it started. */
async function computations(): Promise<number> {
  const r = await fetch(edgeURL + '__wasmlit/stats');
  return (await r.json()).computations;
}

/** openShared opens the example at base with a key of its own, in a fresh context (empty IndexedDB). */
async function openShared(browser: Browser, base: string, seed: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}?seed=${seed}&millions=2`, { waitUntil: 'commit' });
  await hooked(page);
  await expect(page.getByText(/^pi ≈ /)).toBeVisible();
  return { page, close: () => context.close() };
}

/** hooked waits for the page's runtime to start (its test hook exists), then for its run to settle. */
async function hooked(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function', null, { timeout: 120_000 });
  await settled(page);
}

async function piText(page: Page): Promise<string> {
  return (await page.getByText(/^pi ≈ /).textContent())!.replace(/, computed in .*$/, '');
}

/** a unique key per run, so that the Worker's storage never holds it already. */
const seed = 1000 + Math.floor(Math.random() * 900_000);

test('E1 the Worker serves the app with the headers of wasmlit serve', async ({ request }) => {
  const page = await request.get(edgeURL);
  expect(page.status()).toBe(200);
  expect(page.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  const wasm = await request.get(edgeURL + 'app.wasm', { headers: { 'Accept-Encoding': 'br' } });
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expect(wasm.headers()['content-encoding']).toBe('br');
});

test('E2 context A has it computed at the edge, context B gets the record without computing', async ({ browser }) => {
  const before = await computations();
  const a = await openShared(browser, edgeURL, seed);
  await expect(a.page.getByText('computed in this browser: 0')).toBeVisible();
  await expect(a.page.getByText('answered by the edge: 1')).toBeVisible();
  expect(await computations()).toBe(before + 1);
  const pi = await piText(a.page);
  await a.close();

  const b = await openShared(browser, edgeURL, seed);
  await expect(b.page.getByText('computed in this browser: 0')).toBeVisible();
  await expect(b.page.getByText('answered by the edge: 1')).toBeVisible();
  expect(await piText(b.page)).toBe(pi);
  expect(await computations()).toBe(before + 1);
  // B keeps it: a reload is a hit in its own tiers (IndexedDB), which asks the Worker nothing.
  await b.page.reload({ waitUntil: 'commit' });
  await hooked(b.page);
  await expect(b.page.getByText('answered by the edge: 0')).toBeVisible();
  await expect(b.page.getByText('computed in this browser: 0')).toBeVisible();
  await b.close();
});

test('E2 eight contexts asking one new key at once: one computation', async ({ browser }) => {
  // The request of a genuine page, for a key of its own.
  const first = await browser.newContext();
  const page = await first.newPage();
  const genuine = page.waitForRequest((r) => r.url().endsWith('/__wasmlit/shared') && r.method() === 'POST', { timeout: 120_000 });
  await page.goto(`${edgeURL}?seed=${seed + 1}&millions=2`, { waitUntil: 'commit' });
  const { prefix, hash } = parseRequest((await genuine).postDataBuffer()!);
  await hooked(page);
  await expect(page.getByText(/^pi ≈ /)).toBeVisible();
  await first.close();
  // Eight contexts of the Worker's origin send the page's request of a new key at once (from a
  // small file of the site: eight loads of the 8 MB app at once would only test the machine).
  const body = [...cbor([prefix, hash, [cbor(2_000_000), cbor(seed + 3)]])];
  const before = await computations();
  const contexts = await Promise.all(Array.from({ length: 8 }, () => browser.newContext()));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const p of pages) await p.goto(edgeURL + 'theme.css');
  const answers = await Promise.all(
    pages.map((p) =>
      p.evaluate(async (b) => {
        const r = await fetch('__wasmlit/shared', { method: 'POST', body: new Uint8Array(b) });
        return { status: r.status, bytes: [...new Uint8Array(await r.arrayBuffer())].join(',') };
      }, body),
    ),
  );
  for (const a of answers) {
    expect(a.status).toBe(200);
    expect(a.bytes).toBe(answers[0].bytes);
  }
  expect(await computations()).toBe(before + 1);
  await Promise.all(contexts.map((c) => c.close()));
});

// A tiny CBOR encoder: enough to forge requests (arrays, byte and text strings, maps, uints).
function cbor(v: unknown): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof v === 'number') return head(0, v);
  if (typeof v === 'string') return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(cbor)]);
  const entries = Object.entries(v as object);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

/** parseRequest reads the prefix and hash of a genuine request (an array of text, 16 bytes, args). */
function parseRequest(body: Buffer): { prefix: string; hash: Buffer } {
  let i = 1; // 0x83: an array of 3
  let n = body[i] & 31;
  i++;
  if (n === 24) n = body[i++];
  else if (n === 25) (n = body.readUInt16BE(i)), (i += 2);
  const prefix = body.subarray(i, i + n).toString();
  i += n;
  expect(body[i]).toBe(0x50); // 16 bytes
  return { prefix, hash: body.subarray(i + 1, i + 17) };
}

test('E3 forged requests get a 4xx with a reason and change nothing', async ({ browser, request }) => {
  // A genuine request, as the page sends it.
  const context = await browser.newContext();
  const page = await context.newPage();
  const genuine = page.waitForRequest((r) => r.url().endsWith('/__wasmlit/shared') && r.method() === 'POST', { timeout: 120_000 });
  await page.goto(`${edgeURL}?seed=${seed + 2}&millions=2`, { waitUntil: 'commit' });
  const body = (await genuine).postDataBuffer()!;
  await hooked(page);
  const pi = await piText(page);
  await context.close();
  const { prefix, hash } = parseRequest(body);
  const before = await computations();

  const url = edgeURL + '__wasmlit/shared';
  const otherHash = Buffer.from(hash);
  otherHash[0] ^= 1;
  const forged: { name: string; method?: string; data: Buffer; status: number; reason: RegExp }[] = [
    { name: 'unknown function', data: cbor(['d:main.secret@00#', hash, [cbor(1), cbor(2)]]), status: 404, reason: /no shared function/ },
    { name: 'another build', data: cbor([prefix, otherHash, [cbor(2_000_000), cbor(seed + 2)]]), status: 409, reason: /another version/ },
    { name: 'wrong argument types', data: cbor([prefix, hash, [cbor('two million'), cbor(seed + 2)]]), status: 400, reason: /does not decode/ },
    { name: 'a value to store', data: cbor([prefix, hash, [cbor(2_000_000), cbor({ Pi: 'forged' })]]), status: 400, reason: /does not decode/ },
    { name: 'not a request', data: Buffer.from('{"store": "this"}'), status: 400, reason: /not a shared-function request/ },
    { name: 'oversized body', data: Buffer.alloc((1 << 20) + 1), status: 413, reason: /over the limit/ },
    { name: 'a record to store (PUT)', method: 'PUT', data: body, status: 405, reason: /not allowed/ },
  ];
  for (const f of forged) {
    const r = await request.fetch(url, { method: f.method ?? 'POST', data: f.data, headers: { 'Content-Type': 'application/cbor' } });
    expect(r.status(), f.name).toBe(f.status);
    expect(await r.text(), f.name).toMatch(f.reason);
  }
  expect(await computations()).toBe(before);

  // Nothing changed: a fresh browser still gets the genuine record from the edge, computed once.
  const c = await openShared(browser, edgeURL, seed + 2);
  await expect(c.page.getByText('answered by the edge: 1')).toBeVisible();
  expect(await piText(c.page)).toBe(pi);
  expect(await computations()).toBe(before);
  await c.close();
});

test('E4 the same app on the plain static server computes in the browser', async ({ browser, baseURL }) => {
  const s = await openShared(browser, `${baseURL}shared/`, seed);
  await expect(s.page.getByText('computed in this browser: 1')).toBeVisible();
  await expect(s.page.getByText('answered by the edge: 0')).toBeVisible();
  await s.close();
});
