// paint.mjs: where hello's first contentful paint goes (issue 12, SPEC C7). A diagnostic beside
// the bench, not part of it: it copies the built dist/hello into variants that each drop or
// inline one part of the page, serves them with `wasmlit serve`, and measures each variant's first
// contentful paint with an empty HTTP cache in a browser process already running (the cache is
// cleared through CDP before each load), interleaved, so the differences come from one machine
// state. It prints medians; nothing is written to bench/results.json.
//
// Usage (from the repo root, after ./build.sh build): node playwright/bench/paint.mjs [reps]
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reps = Number(process.argv[2] || 11);
const port = 8790, base = `http://127.0.0.1:${port}`;
const site = path.join(root, 'bench', 'tmp', 'paint');

// variants maps a name to what it does to hello's index.html (html) given the app's folder (dir).
const variants = {
  'floor: one paragraph, nothing else': () => '<!doctype html><html lang="en"><meta charset="utf-8"><title>floor</title><p>Hello</p></html>',
  'prerendered HTML alone': (html) => strip(html, /<link rel="(preload|stylesheet)"[^>]*>\n|<script[^>]*><\/script>\n/g),
  'HTML and stylesheets': (html) => strip(html, /<link rel="preload"[^>]*>\n|<script[^>]*><\/script>\n/g),
  'HTML, scripts and preload': (html) => strip(html, /<link rel="stylesheet"[^>]*>\n/g),
  'the page as built': (html) => html,
  'the page, stylesheets inlined': (html, dir) => html.replace(/<link rel="stylesheet" href="\.\/([^"]+)">/g,
    (_, f) => `<style>${readFileSync(path.join(dir, f), 'utf8')}</style>`),
  'the page without the module preload': (html) => strip(html, /<link rel="preload"[^>]*>\n/g),
};

function strip(html, re) { return html.replace(re, ''); }

rmSync(site, { recursive: true, force: true });
const names = Object.keys(variants);
names.forEach((name, i) => {
  const dir = path.join(site, `v${i}`);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(root, 'dist', 'hello'), dir, { recursive: true });
  rmSync(path.join(dir, 'sw.js'), { force: true }); // no service worker: every load is a network load
  writeFileSync(path.join(dir, 'index.html'), variants[name](readFileSync(path.join(dir, 'index.html'), 'utf8'), dir));
});

const bin = path.join(root, 'bench', 'tmp', 'wasmlit');
execFileSync('go', ['build', '-o', bin, './cmd/wasmlit'], { cwd: root, stdio: 'inherit' });
// No CSP header: the inlined variant would be refused by the build's policy (style-src 'self').
const srv = spawn(bin, ['serve', '-addr', `127.0.0.1:${port}`, '-dir', site, '-watch=false', '-csp', 'off'], { stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    try { await fetch(base + '/v0/'); break; } catch { if (i > 100) throw new Error('the server did not start'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await (await browser.newContext()).newPage();
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${base}/v0/`); // the renderer process is up before the first measured load
  const fcp = names.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < names.length; i++) {
      await page.goto('about:blank');
      await cdp.send('Network.clearBrowserCache');
      await page.goto(`${base}/v${i}/`);
      fcp[i].push(await page.evaluate(() => new Promise((resolve) => new PerformanceObserver((list, obs) => {
        const e = list.getEntriesByName('first-contentful-paint')[0];
        if (e) { obs.disconnect(); resolve(e.startTime); }
      }).observe({ type: 'paint', buffered: true }))));
    }
  }
  await browser.close();
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`first contentful paint, empty HTTP cache, running browser process: median of ${reps}`);
  names.forEach((name, i) => console.log(`${String(Math.round(med(fcp[i]))).padStart(6)} ms  ${name}`));
} finally {
  srv.kill();
}
