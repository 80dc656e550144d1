// The rides example (examples/rides): the seed's Uber story. A cached loader downloads the rides
// CSV once; reruns and reloads take it from the cache (memory, then IndexedDB) and download
// nothing, which Playwright sees in the network log. Each test gets a fresh browser context, so
// IndexedDB starts empty. The 5 MB file keeps CI fast; the 50 MB one is checked by hand.
import { test, expect, type Page } from '@playwright/test';
import { gotoApp, settled } from './helpers';

// These tests tell the cache's download story from an empty cache, so the build's prewarm bundle
// (SPEC C8, which seeds the first view without any download) is kept out of them; prerender.spec.ts
// covers the first visit with it.
test.beforeEach(async ({ page }) => {
  await page.route('**/rides/prewarm/**', (route) => route.fulfill({ status: 404, body: '' }));
});

const text = (page: Page, s: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });

// csvRequests counts the page's requests for the rides CSVs, from now on.
function csvRequests(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (r) => {
    if (/\/rides\/static\/rides-\d+mb\.csv$/.test(r.url())) seen.count++;
  });
  return seen;
}

// shownRows is the row count in the page's text, as the app reports it.
async function shownRows(page: Page): Promise<number> {
  const t = await page.locator('[data-testid=stText]').filter({ hasText: /^\s*rows = / }).textContent();
  return Number(t!.replace(/[^0-9]/g, ''));
}

async function expectEveryRow(page: Page) {
  const rows = await shownRows(page);
  expect(rows).toBeGreaterThan(100_000); // the 5 MB file holds about 120 thousand rides
  // The grid counts its header row too (ARIA): rows + 1.
  await expect(page.locator('[data-testid=stDataFrame] [role=table]')).toHaveAttribute('aria-rowcount', String(rows + 1));
}

test('B1 B4 C2 the CSV is downloaded once: a rerun and a reload download it zero more times', async ({ page }) => {
  const csv = csvRequests(page);
  await gotoApp(page, 'rides');
  expect(csv.count).toBe(1);
  await expect(text(page, 'downloads = 1')).toBeVisible();
  await expectEveryRow(page);
  const rows = await shownRows(page);

  // A rerun: the cached loader returns the rides from memory.
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  expect(csv.count).toBe(1);
  await expect(text(page, 'downloads = 1')).toBeVisible();

  // A reload: the page's memory is gone; the rides come from IndexedDB.
  await page.reload();
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  expect(csv.count).toBe(1);
  await expect(text(page, 'downloads = 0')).toBeVisible();
  expect(await shownRows(page)).toBe(rows);
  await expectEveryRow(page);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('B1 without the cache every rerun downloads the CSV again', async ({ page }) => {
  const csv = csvRequests(page);
  await gotoApp(page, 'rides');
  await page.getByLabel('Cache the loader (cache.Data)').uncheck();
  await settled(page);
  expect(csv.count).toBe(2);
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  expect(csv.count).toBe(3);
  await expect(text(page, 'downloads = 3')).toBeVisible();
  await expectEveryRow(page);
  // Back on: the URL was cached by the first run, so no download at all.
  await page.getByLabel('Cache the loader (cache.Data)').check();
  await settled(page);
  expect(csv.count).toBe(3);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});
