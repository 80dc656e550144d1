// Loading the module: progress and readable failures (C1), relative URLs (C3).
import { test, expect } from '@playwright/test';

test('C1 a missing wasm shows a readable error page, not a blank page', async ({ page }) => {
  await page.route('**/app.wasm*', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('/hello/');
  const body = page.locator('body');
  await expect(body).toContainText(/404/);
  await expect(body).toContainText(/app\.wasm/);
});

test('C1 a corrupt wasm shows a readable error page', async ({ page }) => {
  await page.route('**/app.wasm*', (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('definitely not wasm') }));
  await page.goto('/hello/');
  await expect(page.locator('body')).toContainText(/app\.wasm/);
  // The page is prerendered, so its loader counts no bytes: the diagnosis reads the file's start again.
  await expect(page.locator('body')).toContainText('not a WebAssembly module');
  await expect(page.locator('body')).toContainText('it starts with "defi"');
  await expect(page.locator('[data-status=idle]')).toHaveCount(0);
});

test('C3 the app loads from a sub-path with only relative URLs', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http')) requests.push(u.pathname); // blob: URLs (images) stay in the page
  });
  await page.goto('/hello/');
  await page.waitForFunction(() => (globalThis as any).wasmlit?.settled);
  await page.evaluate(() => (globalThis as any).wasmlit.settled());
  const outside = requests.filter((p) => !p.startsWith('/hello/') && p !== '/favicon.ico');
  expect(outside).toEqual([]);
});
