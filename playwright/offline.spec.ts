// The service worker (SPEC C3, C4): after one visit an app works with the network gone, under
// any base path. dist/ must hold the built examples (go run ./cmd/wasmlit build).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './helpers';
import { dist, deploy, exceptions, openReady, serveSite, settle, shown } from './offline-helpers';

// The other specs block service workers (playwright.config.ts); these are about them.
test.use({ serviceWorkers: 'allow' });

const examplesDir = path.resolve(__dirname, '..', 'examples');

/** The built examples (WASMLIT_OFFLINE_APPS=a,b picks some, to check one quickly). */
function builtExamples(): string[] {
  const only = process.env.WASMLIT_OFFLINE_APPS?.split(',');
  return fs.readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dist, d.name, 'sw.js')))
    .filter((d) => !only || only.includes(d.name))
    .map((d) => d.name)
    .sort();
}

test('C4 every example reaches idle offline after one visit, cached values shown', async ({ page, context, pageErrors }) => {
  const apps = builtExamples();
  expect(apps.length, 'dist/ holds no built example: run go run ./cmd/wasmlit build').toBeGreaterThan(0);
  test.setTimeout(60_000 + apps.length * 150_000); // about 20 s an app on a quiet machine; 100 s at a load of 50
  for (const name of apps) {
    await openReady(page, `/${name}/`);
    const online = await exceptions(page);
    await context.setOffline(true);
    await page.reload();
    await settle(page);
    await shown(page, `${name} offline`, online);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller), `${name}: the worker serves the page`).toBe(true);
    if (name === 'rides') {
      // The result of cache.Data came from IndexedDB: nothing downloaded on the offline reload.
      await expect(page.getByText('downloads = 0')).toBeVisible();
    }
    await context.setOffline(false);
  }
  // Offline fetch failures of the page would show here; the worker answers every request. The one
  // expected line: examples/shared asks for the edge Worker, which a plain static server answers
  // with 405, and the function computes in the browser (E4).
  expect(pageErrors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|status of 405 \(Method Not Allowed\)/.test(e))).toEqual([]);
});

test('C3 C4 a built app works under a sub-path and under the root, online and offline', async ({ browser }) => {
  test.setTimeout(480_000); // two first visits and four offline loads; minutes on a loaded machine
  const site = await serveSite();
  try {
    deploy(site, 'some/prefix/app', 'hello');
    const root = await serveSite();
    try {
      fs.cpSync(path.join(dist, 'hello'), root.dir, { recursive: true });
      for (const url of [new URL('some/prefix/app/', site.url).href, root.url]) {
        const context = await browser.newContext({ serviceWorkers: 'allow' });
        const page = await context.newPage();
        await openReady(page, url);
        const online = await exceptions(page);
        await shown(page, `${url} online`, online);
        const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.scope);
        expect(scope, 'the worker is scoped to the app\'s folder').toBe(url);
        await context.setOffline(true);
        await page.reload();
        await settle(page);
        await shown(page, `${url} offline`, online);
        // A query string (the app's state in the URL) is the same page offline.
        await page.goto(url + '?x=1');
        await settle(page);
        await shown(page, `${url}?x=1 offline`, online);
        await context.close();
      }
    } finally {
      await root.close();
    }
  } finally {
    await site.close();
  }
});

test('C4 the gallery reloads offline after one visit, and leaves each app to its own worker', async ({ page, context, pageErrors }) => {
  test.setTimeout(300_000);
  const apps = builtExamples();
  expect(fs.existsSync(path.join(dist, 'sw.js')), 'dist/ holds no gallery: run ./build.sh build').toBe(true);
  expect(apps.length, 'dist/ holds no built example: run go run ./cmd/wasmlit build').toBeGreaterThan(0);
  const name = apps.includes('hello') ? 'hello' : apps[0];
  const list = page.locator('[data-testid=wlGallery] li[data-app]');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-wl-offline', 'ready', { timeout: 60_000 });
  const listed = await list.count();
  expect(listed).toBeGreaterThan(0);

  // An app opened from the gallery: its first visit is controlled by the gallery's worker (whose
  // scope holds the app's folder), which leaves it alone; the app registers its own, and offers
  // no "new version".
  await page.locator(`li[data-app="${name}"] a`).click();
  await page.waitForURL(`**/${name}/`);
  await settle(page);
  await expect(page.locator('html')).toHaveAttribute('data-wl-offline', 'ready', { timeout: 60_000 });
  const online = await exceptions(page);
  await expect(page.getByText('A new version of this app is available.')).toHaveCount(0);

  await context.setOffline(true);
  await page.goto('/');
  await expect(list).toHaveCount(listed);
  await page.reload();
  await expect(list).toHaveCount(listed);
  await expect(page.locator('[data-testid=wlGallery] h1')).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(new URL('/sw.js', page.url()).href);
  // The app, offline, is its own worker's.
  await page.goto(`/${name}/`);
  await settle(page);
  await shown(page, `${name} offline after the gallery`, online);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(new URL(`/${name}/sw.js`, page.url()).href);
  await context.setOffline(false);
  expect(pageErrors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|status of 405 \(Method Not Allowed\)/.test(e))).toEqual([]);
});
