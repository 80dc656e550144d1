// startup-ab.mjs: an A/B of an app's start (issue 15), beside the bench, not part of it. It loads
// each URL given in turn, cold (a new browser context: empty HTTP cache) and then warm (a reload),
// N times (env N, default 9), interleaved so that every copy sees the same machine, and prints the
// median time of each of the host's startup marks (host/host.js) from navigation start. Nothing is
// written to bench/results.json.
//
// Usage: build two copies of an app (say, before and after a change), serve them, and compare:
//   go run ./cmd/wasmlit build -o bench/tmp/ab/a examples/hello   # before
//   go run ./cmd/wasmlit build -o bench/tmp/ab/b examples/hello   # after
//   go run ./cmd/wasmlit serve -addr 127.0.0.1:8792 -dir bench/tmp/ab -watch=false &
//   (cd playwright && N=15 node bench/startup-ab.mjs http://127.0.0.1:8792/a/hello/ http://127.0.0.1:8792/b/hello/)
import { chromium } from '@playwright/test';

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const n = Number(process.env.N || 9);
const urls = process.argv.slice(2);
if (!urls.length) throw new Error('usage: node bench/startup-ab.mjs URL...');
const marks = ['fcp', 'host', 'config', 'response', 'compiled', 'mount', 'first-idle'];

// times waits for the page's first idle run and returns its marks' times (ms from navigation start).
const times = (page) => page.evaluate(async () => {
  await globalThis.wasmlit.settled();
  const at = {};
  for (const m of performance.getEntriesByType('mark')) at[m.name.replace('wasmlit:', '')] = m.startTime;
  at.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
  return at;
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
const cold = urls.map(() => []);
const warm = urls.map(() => []);
for (let i = 0; i < n; i++) {
  for (let u = 0; u < urls.length; u++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(urls[u]);
    cold[u].push(await times(page));
    await page.reload();
    warm[u].push(await times(page));
    await ctx.close();
  }
}
await browser.close();

const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? Math.round(s[s.length >> 1]) : '—'; };
console.log(`median ms from navigation start, n = ${n} per cell`);
for (const [name, rows] of [['cold', cold], ['warm', warm]]) {
  urls.forEach((u, i) => console.log(name, u, marks.map((m) => `${m} ${median(rows[i].map((r) => r[m]))}`).join('  ')));
}
