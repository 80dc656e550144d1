// report rewrites the generated tables of docs/BENCHMARKS.md from the last `./build.sh bench` run
// (bench/browser.json, bench/go.txt, bench/go-wasm.txt). Each table sits between
// `<!-- bench:NAME -->` and `<!-- /bench -->`; the prose around them is written by hand and names
// no figure that a table does not show. Usage: node playwright/bench/report.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f) => readFileSync(path.join(root, f), 'utf8');
const browser = JSON.parse(read('bench/browser.json'));

// goBench parses `go test -bench` output into name → {nsPerOp, mbPerS}, without the -N suffix.
function goBench(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op(?:\s+([\d.]+) MB\/s)?/);
    if (m) out[m[1]] = { ns: Number(m[2]), mbs: m[3] ? Number(m[3]) : null };
  }
  return out;
}
const native = goBench(read('bench/go.txt'));
const wasm = goBench(read('bench/go-wasm.txt'));

const mb = (n) => (n / 1e6).toFixed(2) + ' MB';
const ms = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)) + ' ms';
const span = (s) => `${ms(s.median)} (${ms(s.min).replace(' ms', '')}–${ms(s.max)})`;
const rate = (b) => (b && b.mbs ? (b.mbs >= 1000 ? (b.mbs / 1000).toFixed(2) + ' GB/s' : Math.round(b.mbs) + ' MB/s') : '—');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const sizes = table(['app', 'raw', 'gzip', 'brotli'], Object.entries(browser.sizes).map(([app, s]) => [app, mb(s.raw), mb(s.gzip), mb(s.brotli)]));

const fi = browser.firstIdle.hello;
const startup = table(['hello', 'median (min–max)'], [
  ['cold (new browser context: empty HTTP cache)', span(fi.cold)],
  ['warm (reload: every file revalidated, 304)', span(fi.warm)],
]);

const rr = browser.rerun;
const label = { hello: 'hello (its whole page)', '100-one': '100 elements, one changes', '100-all': '100 elements, all change',
  '1000-one': '1,000 elements, one changes', '1000-all': '1,000 elements, all change', '10000-one': '10,000 elements, one changes',
  '10000-all': '10,000 elements, all change' };
const rerun = table(['app', 'median (min–max)'], Object.keys(label).filter((k) => rr[k]).map((k) => [label[k], span(rr[k])])) +
  `\n\nThe runtime's own share natively (\`go test -bench Rerun ./wasm/\`, through the recording host that also decodes every ` +
  `patch): ${(native.BenchmarkRerun1000OneChange.ns / 1e6).toFixed(2)} ms for 1,000 elements with one change, ` +
  `${(native.BenchmarkRerun1000AllChange.ns / 1e6).toFixed(2)} ms with all changing.`;

const [l1, l10] = browser.large;
const ratio = (l) => (l.data.idbHitMs.median / l.data.rawIdbReadMs).toFixed(2) + '×';
const large = table(['', '1M rows (32 MB)', '10M rows (320 MB)', 'Streamlit (the seed), 10M rows'], [
  ['`cache_data` first-run overhead', ms(l1.data.firstRunOverheadMs), ms(l10.data.firstRunOverheadMs), '0.4 s'],
  ['`cache_data` memory-tier hit (a fresh copy)', span(l1.data.memoryHitMs), span(l10.data.memoryHitMs), '0.2 s'],
  ['`cache_data` IndexedDB hit after a reload', span(l1.data.idbHitMs), span(l10.data.idbHitMs), '(no persistent tier)'],
  ['raw IndexedDB read of the same record, from JS', ms(l1.data.rawIdbReadMs), ms(l10.data.rawIdbReadMs), ''],
  ['ratio IndexedDB hit ÷ raw read', ratio(l1), ratio(l10), ''],
  ['`cache_resource` first-run overhead', ms(l1.resource.firstRunOverheadMs), ms(l10.resource.firstRunOverheadMs), ''],
  ['`cache_resource` hit', span(l1.resource.hitMs), span(l10.resource.hitMs), ''],
]);

const b = (name) => [rate(native[name]), rate(wasm[name])];
const small = (set) => ((set['BenchmarkHash/small-args']?.ns ?? 0) / 1000).toFixed(2) + ' µs';
const codec = table(['', 'native', 'wasm (V8)'], [
  ['argument hashing, `[]float64` of 10M (xxh3-128 over memory)', ...b('BenchmarkHash/float64-10M')],
  ['argument hashing, 100k strings', ...b('BenchmarkHash/strings-100k')],
  ['argument hashing, 100k small structs (reflection)', ...b('BenchmarkHash/structs-100k')],
  ['argument hashing, a few small arguments', small(native), small(wasm)],
  ['CBOR encode 10M float64, typed array (RFC 8746)', ...b('BenchmarkCodec10MFloat64/encode/typed')],
  ['CBOR encode 10M float64, plain array', ...b('BenchmarkCodec10MFloat64/encode/plain')],
  ['CBOR decode 10M float64, typed array', ...b('BenchmarkCodec10MFloat64/decode/typed')],
  ['CBOR decode 10M float64, plain array', ...b('BenchmarkCodec10MFloat64/decode/plain')],
  ['memory-tier hit of a `[]float64` of 10M', ...b('BenchmarkCodec10MFloat64/hit/top-level-[]float64')],
  ["a miss's encoding of the 320 MB table into its record", ...b('BenchmarkDataFirstRun10M')],
]);

const summary = table(['what', 'target', 'measured', ''], [
  ['hello wasm, gzip', '≤ 1.5 MB', `${mb(browser.sizes.hello.gzip)} (brotli ${mb(browser.sizes.hello.brotli)})`, browser.sizes.hello.gzip <= 1.5e6 ? 'met' : '**missed**'],
  ['navigation → first idle render, warm HTTP cache', '< 300 ms', span(fi.warm), fi.warm.median < 300 ? 'met' : '**missed** (see Startup)'],
  ['rerun, 1,000-element app, one element changes', '< 5 ms', span(rr['1000-one']), rr['1000-one'].median < 5 ? 'met' : '**missed**'],
  ['10M-row `cache_data` memory-tier hit', '≤ 0.1 s', span(l10.data.memoryHitMs), l10.data.memoryHitMs.median <= 100 ? 'met' : '**missed**'],
  ['10M-row `cache_data` first-run overhead, fresh page', '≤ 0.3 s', ms(l10.data.firstRunOverheadMs), l10.data.firstRunOverheadMs <= 300 ? 'met' : '**missed** (see below)'],
  ['IndexedDB hit ÷ raw IndexedDB read of the same bytes', '≤ 1.2×', `${ratio(l1)} (1M), ${ratio(l10)} (10M)`, Math.max(l1.data.idbHitMs.median / l1.data.rawIdbReadMs, l10.data.idbHitMs.median / l10.data.rawIdbReadMs) <= 1.2 ? 'met' : '**missed** (see below)'],
]);

const run = `Run of ${browser.date} in Chromium ${browser.browser}, ${browser.reps} repetitions per browser figure (fewer for the large table).`;
const tables = { run, summary, sizes, startup, rerun, large, codec };

let doc = read('docs/BENCHMARKS.md');
for (const [name, body] of Object.entries(tables)) {
  const re = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench -->)`);
  if (!re.test(doc)) throw new Error(`docs/BENCHMARKS.md has no <!-- bench:${name} --> section`);
  doc = doc.replace(re, (_, start, end) => `${start}\n${body}\n${end}`);
}
writeFileSync(path.join(root, 'docs/BENCHMARKS.md'), doc);
console.log('docs/BENCHMARKS.md: tables rewritten from bench/browser.json, bench/go.txt, bench/go-wasm.txt');
