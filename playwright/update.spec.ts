// Updates (SPEC C10): a new build deployed over the one a page runs is noticed; the page keeps
// running one build (never one build's module with another's page) and offers a reload, which
// brings the whole new build. Two built examples stand in for two builds of one app: dist/hello is
// deployed first, then dist/api over it, at the same URL.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './helpers';
import { deploy, dist, openReady, serveSite, settle } from './offline-helpers';

test.use({ serviceWorkers: 'allow' });

/** loaded is what one load of the page ran: the page's build and the module it downloaded. */
type Loaded = { page: string; modules: string[] };

/** track records, per document load, the module URLs (?v=BUILD) the page requested. */
function track(page: Page): Loaded[] {
  const loads: Loaded[] = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) loads.push({ page: '', modules: [] });
    else if (u.pathname.endsWith('/app.wasm') && loads.length) loads[loads.length - 1].modules.push(u.searchParams.get('v') || '');
  });
  return loads;
}

/** buildOf returns the build id the page was built with (its module link). */
function buildOf(page: Page): Promise<string> {
  return page.locator('#wl-wasm').getAttribute('data-build-id').then((v) => v || '');
}

test('C10 a second build deployed over the first: the page offers a reload and never mixes builds', async ({ page, pageErrors }) => {
  test.setTimeout(300_000);
  const site = await serveSite();
  try {
    deploy(site, 'app', 'hello');
    const url = new URL('app/', site.url).href;
    const loads = track(page);
    const check = async (title: string) => {
      await settle(page);
      const build = await buildOf(page);
      loads[loads.length - 1].page = build;
      // The module that ran is the page's: its first run draws that app's title.
      await expect(page.getByRole('heading', { level: 1 }).first()).toContainText(title);
      return build;
    };

    await openReady(page, url);
    const first = await check('Hello, wasmlit');
    await page.reload(); // now the worker serves the page
    expect(await check('Hello, wasmlit')).toBe(first);
    await expect(page.getByTestId('wlUpdate')).toHaveCount(0);

    // A deployment half done: the second build's files, but the first build's page. The new
    // worker checks each file against its build's hashes and refuses to install.
    deploy(site, 'app', 'api');
    fs.copyFileSync(path.join(dist, 'hello', 'index.html'), path.join(site.dir, 'app', 'index.html'));
    expect(await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      await reg.update();
      const w = reg.installing;
      if (!w) return 'no new worker';
      if (w.state === 'redundant' || w.state === 'installed') return w.state;
      return new Promise<string>((resolve) => w.addEventListener('statechange', () => {
        if (w.state === 'redundant' || w.state === 'installed') resolve(w.state);
      }));
    })).toBe('redundant');
    await expect(page.getByTestId('wlUpdate')).toHaveCount(0);

    deploy(site, 'app', 'api'); // the second build, whole, over the first
    // A navigation makes the browser look for a new worker; the page is still the first build,
    // whole, from the worker's cache, and offers the new one.
    await page.reload();
    expect(await check('Hello, wasmlit')).toBe(first);
    const offer = page.getByRole('status').filter({ hasText: 'A new version of this app is available.' });
    await expect(offer).toBeVisible({ timeout: 60_000 });
    const reload = offer.getByRole('button', { name: 'Reload' });
    await expect(reload).toBeVisible();

    await reload.click();
    await page.waitForURL(url);
    await expect(page.getByTestId('wlUpdate')).toHaveCount(0, { timeout: 30_000 });
    const second = await check('API calls');
    expect(second).not.toBe(first);

    // Every load ran the module of its own page, and only that one.
    for (const l of loads) {
      if (!l.page) continue;
      expect(l.modules.every((v) => v === l.page), `a page of build ${l.page} requested modules ${l.modules}`).toBe(true);
    }
    expect(loads.filter((l) => l.page === second).length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await site.close();
  }
});
