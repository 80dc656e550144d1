// Helpers of the service-worker specs (offline.spec.ts, update.spec.ts): a site folder served by
// a wasmlit server of its own, so a spec can lay out base paths and deploy builds over each other.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const dist = path.resolve(__dirname, '..', 'dist');

let binary = '';

/** wasmlitBinary builds the wasmlit command once per worker process and returns its path. */
function wasmlitBinary(): string {
  if (!binary) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmlit-sw-bin-'));
    binary = path.join(dir, 'wasmlit');
    execFileSync('go', ['build', '-o', binary, '../cmd/wasmlit'], { cwd: __dirname, stdio: 'inherit' });
  }
  return binary;
}

/** A Site is a temporary folder served at url by `wasmlit serve -watch=false`. */
export type Site = { dir: string; url: string; close(): Promise<void> };

/** serveSite serves a new empty temporary folder on a free port. */
export async function serveSite(): Promise<Site> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmlit-sw-site-'));
  const proc: ChildProcess = spawn(wasmlitBinary(), ['serve', '-addr', '127.0.0.1:0', '-dir', dir, '-watch=false'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b) => {
      out += b;
      const m = /serving .* at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.stderr!.on('data', (b) => { out += b; });
    proc.on('exit', (code) => reject(new Error(`wasmlit serve exited with ${code}:\n${out}`)));
  });
  return {
    dir,
    url,
    async close() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** deploy makes site folder to (a slash path) a copy of dist/<app>, replacing what was there. */
export function deploy(site: Site, to: string, app: string): void {
  const from = path.join(dist, app);
  expect(fs.existsSync(path.join(from, 'sw.js')), `dist/${app} has no sw.js: build it (go run ./cmd/wasmlit build examples/${app})`).toBe(true);
  const target = path.join(site.dir, ...to.split('/').filter(Boolean));
  const next = `${target}.next`;
  fs.rmSync(next, { recursive: true, force: true });
  fs.cpSync(from, next, { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(next, target);
}

/** ready opens url, waits for the first run to settle and for the worker to hold the app. */
export async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settle(page);
  await expect(page.locator('html')).toHaveAttribute('data-wl-offline', 'ready', { timeout: 60_000 });
}

/** settle waits for the page's runtime hook, then for every session to be idle. */
export async function settle(page: Page): Promise<void> {
  // Generous: on a loaded 2-core machine a module's start has taken 20 s.
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function', undefined, { timeout: 60_000 });
  await page.evaluate(() => globalThis.wasmlit!.settled());
}

/** exceptions counts the exceptions the app shows (some examples show one on purpose). */
export function exceptions(page: Page): Promise<number> {
  return page.getByTestId('stException').count();
}

/** shown checks that the page runs its app: a first run drawn, no error page, and as many exceptions as online. */
export async function shown(page: Page, what: string, online: number): Promise<void> {
  await expect(page.locator('#app'), what).not.toBeEmpty();
  await expect(page.locator('#wl-error'), what).toBeHidden();
  await expect(page.getByTestId('stException'), what).toHaveCount(online);
}
