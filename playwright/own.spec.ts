// A user's own module (SPEC F1, F2, F3): `wasmlit new demo -replace <checkout>` in a temporary
// folder outside the checkout, served by `wasmlit serve` (watching) from there. The page loads to
// idle; after a save of the app's source the page reloads with the new code and keeps the values
// the user had set and the app's session state; a reload the user makes starts fresh. Every wait
// is on the page's content and wasmlit.settled(), never on time.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { settled } from './helpers';

const repo = path.resolve(__dirname, '..');
let tmp = '';
let server: ChildProcess | undefined;
let url = '';
let log = '';

test.describe.configure({ mode: 'serial' });
// One build of a fresh module (a cold wasm compile) takes minutes on a busy 2-core machine.
test.setTimeout(300_000);

test.beforeAll(async () => {
  test.setTimeout(600_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmlit-own-'));
  const bin = path.join(tmp, 'wasmlit');
  execFileSync('go', ['build', '-o', bin, './cmd/wasmlit'], { cwd: repo, stdio: 'pipe' });
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  execFileSync(bin, ['new', 'demo', '-replace', repo], { cwd: tmp, env, stdio: 'pipe' });
  const demo = path.join(tmp, 'demo');
  // Port 0: the server picks a free one and prints it.
  server = spawn(bin, ['serve', '-addr', '127.0.0.1:0'], { cwd: demo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr!.on('data', (d) => { log += d; });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/serving .* at (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    server!.on('exit', (code) => reject(new Error(`wasmlit serve exited (${code}):\n${out}\n${log}`)));
  });
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(page: Page) {
  await page.goto(url);
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
}

test('F1 F2 a new module outside the checkout builds, serves and loads to idle', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);
  expect(new URL(page.url()).pathname).toBe('/demo/');
  await expect(page.getByRole('heading', { name: 'Hello from demo', exact: true })).toBeVisible();
  await expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'idle');
  await expect(page.locator('[data-testid=stLineChart]')).toBeVisible();
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('F3 after a save the page reloads with the new code and keeps the typed text, slider, tab and session state; a user reload starts fresh', async ({ page }) => {
  await open(page);
  await expect(page.getByText('Clicked 0 times', { exact: true })).toBeVisible();
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Count', exact: true }).click();
    await settled(page);
  }
  await expect(page.getByText('Clicked 3 times', { exact: true })).toBeVisible();
  const name = page.getByLabel('Your name');
  await name.fill('gopher');
  await name.press('Enter');
  await settled(page);
  await expect(page.getByText('Hello, gopher!')).toBeVisible();
  const slider = page.getByLabel('Frequency');
  const before = await slider.inputValue();
  await slider.focus();
  await slider.press('ArrowRight');
  await slider.press('ArrowRight');
  await settled(page);
  const moved = await slider.inputValue();
  expect(moved).not.toBe(before);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');

  const main = path.join(tmp, 'demo', 'main.go');
  fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('st.Title("Hello from demo")', 'st.Title("Hello again from demo")'));
  // The rebuild, then the reload: the new title shows once the new module runs.
  await expect(page.getByRole('heading', { name: 'Hello again from demo', exact: true })).toBeVisible({ timeout: 240_000 });
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  await expect(page.getByLabel('Your name')).toHaveValue('gopher');
  await expect(page.getByText('Hello, gopher!')).toBeVisible();
  await expect(page.getByLabel('Frequency')).toHaveValue(moved);
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Clicked 3 times', { exact: true })).toBeVisible(); // session state (wasm.NewState)

  await page.reload();
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  await expect(page.getByRole('heading', { name: 'Hello again from demo', exact: true })).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('world');
  await expect(page.getByLabel('Frequency')).toHaveValue(before);
  await expect(page.getByRole('tab', { name: 'Chart' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Clicked 0 times', { exact: true })).toBeVisible();
});
