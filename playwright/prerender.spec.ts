// The prerendered first paint (SPEC C7) and the prewarmed cache (C8), docs/PRERENDER.md. The
// build runs each app's first run natively and writes its elements into index.html; the live
// session adopts them in place. Calls marked with cache.Prewarm ship computed (rides' loader).
import { test, expect, settled } from './helpers';
import type { Page, Route } from '@playwright/test';

// rides parses 120 thousand rows in the page when it computes; a loaded 2-core machine needs time.
test.describe.configure({ timeout: 240_000 });

/** started waits for the host's test hook, however slowly the machine runs. */
async function started(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function', null, { timeout: 120_000 });
}

/** holdModule holds back every response for the app's module until release() is called. */
async function holdModule(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route('**/app.wasm*', async (route: Route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test('C7 hello shows its prerendered first run before the module, then adopts it in place', async ({ page, pageErrors }) => {
  const release = await holdModule(page);
  await page.goto('/hello/');
  // The module has not arrived: what shows is the build's HTML.
  const title = page.locator('[data-testid=stTitle]');
  await expect(title).toHaveText('Hello, wasmlit');
  await expect(page.locator('.wl-root[data-wl-prerendered]')).toHaveCount(1);
  await expect(page.locator('[data-testid=wlLoader]')).toBeHidden();
  expect(await page.evaluate(() => typeof (globalThis as any).wasmlitGo)).toBe('undefined');

  // Mark the session's nodes with JS properties, note where things stand, and type into a
  // prerendered field before the module is up.
  const before = await page.evaluate(() => {
    const main = document.querySelector('main.wl-main') as any;
    const root = document.querySelector('.wl-root') as any;
    main.wlMark = 'main';
    root.wlMark = 'root';
    const t = document.querySelector('[data-testid=stTitle]')!.getBoundingClientRect();
    return { top: t.top, height: t.height };
  });
  const name = page.getByLabel('Your name');
  await name.fill('Ada');
  await page.locator('[data-testid=stTitle]').click(); // leave the field

  release();
  await started(page);
  await settled(page);

  // The same root and main elements: adopted, not replaced.
  expect(await page.evaluate(() => (document.querySelector('main.wl-main') as any).wlMark)).toBe('main');
  expect(await page.evaluate(() => (document.querySelector('.wl-root') as any).wlMark)).toBe('root');
  await expect(page.locator('.wl-root')).toHaveCount(1);
  await expect(page.locator('[data-wl-prerendered]')).toHaveCount(0);
  await expect(title).toHaveCount(1);
  // No layout jump of what was shown.
  const after = await page.evaluate(() => {
    const t = document.querySelector('[data-testid=stTitle]')!.getBoundingClientRect();
    return { top: t.top, height: t.height };
  });
  expect(after).toEqual(before);
  // What was typed before the module was up reached the app.
  await expect(name).toHaveValue('Ada');
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^name = Ada$/ })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('C7 the live run takes over the prerendered elements one by one (same ids, same kinds)', async ({ page }) => {
  const release = await holdModule(page);
  await page.goto('/hello/');
  const pre = await page.evaluate(() => [...document.querySelectorAll('main.wl-main > [data-wl-id]')].map((e) => (e as HTMLElement).dataset.testid));
  expect(pre.length).toBeGreaterThan(5);
  release();
  await started(page);
  await settled(page);
  const live = await page.evaluate(() => [...document.querySelectorAll('main.wl-main > [data-testid]')].map((e) => (e as HTMLElement).dataset.testid));
  expect(live).toEqual(pre);
});

test('C7 the live page keeps the run\'s order however the module races the prerendered page', async ({ page }) => {
  // Not held: the module may start while the prerendered page is still being shown. Appended
  // live nodes go before the prerendered elements not taken over yet, and an adopted node that
  // stands elsewhere moves (an a11y run once found "Data" and "Fetch" above "Basics").
  await page.goto('/hello/');
  await started(page);
  await settled(page);
  const headers = await page.evaluate(() => [...document.querySelectorAll('main.wl-main h2')].map((e) => e.textContent?.trim()));
  expect(headers).toEqual(['Basics', 'Choices', 'Numbers', 'Layout', 'Data', 'Fetch', 'Trouble']);
  const inputs = await page.evaluate(() => [...document.querySelectorAll('main.wl-main [data-testid=stTextInput] input')].map((e) => e.getAttribute('aria-label') ?? (e as HTMLInputElement).labels?.[0]?.textContent?.trim()));
  expect(inputs.indexOf('Your name')).toBeLessThan(inputs.indexOf('URL to fetch'));
  expect(await page.locator('[data-wl-id]').count()).toBe(0); // every prerendered element taken over or removed
});

function csvRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => { if (/\.csv(\?|$)/.test(r.url())) seen.push(r.url()); });
  return seen;
}

test('C8 rides first visit with prewarm shows its table without fetching the CSV', async ({ page, pageErrors }) => {
  const csv = csvRequests(page);
  const bundle: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/rides/prewarm/')) bundle.push(new URL(r.url()).pathname); });
  await page.goto('/rides/');
  await started(page);
  await settled(page);
  const rows = Number((await page.locator('[data-testid=stText]').filter({ hasText: /^\s*rows = / }).textContent())!.replace(/[^0-9]/g, ''));
  expect(rows).toBeGreaterThan(100_000);
  await expect(page.locator('[data-testid=stDataFrame] [role=table]')).toHaveAttribute('aria-rowcount', String(rows + 1));
  // The loader never ran in this page: the record came from the bundle.
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^downloads = 0$/ })).toBeVisible();
  expect(csv).toEqual([]);
  expect(bundle.some((p) => p.endsWith('.rec'))).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('C8 a damaged prewarm record is ignored: rides computes instead', async ({ page }) => {
  await page.route('**/rides/prewarm/*.rec', (route) => route.fulfill({ status: 200, body: Buffer.from('wlc\u0000 not a record') }));
  const csv = csvRequests(page);
  await page.goto('/rides/');
  await started(page);
  await settled(page);
  await expect(page.locator('[data-testid=stText]').filter({ hasText: /^downloads = 1$/ })).toBeVisible();
  expect(csv.length).toBe(1);
});
