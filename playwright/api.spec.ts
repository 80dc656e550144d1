// examples/api (issue 4, item 4): the seed's "API calls" with a TTL. The app calls
// static/posts.json through the fetch bridge in a cache_data function with TTL 10 s, and shows when
// it fetched and how many requests this page made. Playwright counts the requests itself and moves
// the browser's clock (page.clock): Go's time.Now in wasm reads Date/performance, so the cache's TTL
// clock moves with it and the spec never sleeps.
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

const line = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function value(page: Page, prefix: string): Promise<string> {
  const t = (await line(page, prefix).textContent())!.trim();
  return t.slice(prefix.length);
}

// apiRequests counts the page's requests for the JSON file, as the network log sees them.
function apiRequests(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('/static/posts.json')) n++;
  });
  return () => n;
}

async function rerun(page: Page) {
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
}

test('B1 B4 B6 the JSON is requested once across reruns, again after the TTL, and from IndexedDB after a reload', async ({ page, pageErrors }) => {
  await page.clock.install(); // time flows as usual until the spec fast-forwards it
  const requests = apiRequests(page);
  await gotoApp(page, 'api');

  // First run: one request, decoded into structs and shown.
  expect(requests()).toBe(1);
  expect(await value(page, 'fetches = ')).toBe('1');
  expect(await value(page, 'posts = ')).toBe('12');
  await expect(page.getByTestId('stDataFrame')).toContainText('Caching an API call');
  const first = await value(page, 'fetched at = ');

  // B1: reruns, and a widget change, are hits: no request, same fetched-at.
  await rerun(page);
  await rerun(page);
  await page.getByLabel('Post', { exact: true }).selectOption({ label: '3. Reading JSON into Go structs' });
  await settled(page);
  await expect(page.getByTestId('stJson')).toContainText('Reading JSON into Go structs');
  expect(requests()).toBe(1);
  expect(await value(page, 'fetches = ')).toBe('1');
  expect(await value(page, 'fetched at = ')).toBe(first);

  // B6: 11 s later the entry is expired: the next run asks the API again.
  await page.clock.fastForward(11_000);
  await rerun(page);
  expect(requests()).toBe(2);
  expect(await value(page, 'fetches = ')).toBe('2');
  const second = await value(page, 'fetched at = ');
  expect(Date.parse(second) - Date.parse(first)).toBeGreaterThanOrEqual(11_000);
  await rerun(page);
  expect(requests()).toBe(2); // fresh again: a hit

  // B4: after a reload the feed comes from IndexedDB: no request, no run, the same fetched-at.
  await page.reload();
  await page.waitForFunction(() => typeof globalThis.wasmlit?.settled === 'function');
  await settled(page);
  expect(requests()).toBe(2);
  expect(await value(page, 'fetches = ')).toBe('0');
  expect(await value(page, 'fetched at = ')).toBe(second);

  // B6 for persisted entries: the TTL still holds after the reload.
  await page.clock.fastForward(11_000);
  await rerun(page);
  expect(requests()).toBe(3);
  expect(await value(page, 'fetches = ')).toBe('1');

  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B6 the page counts down to expiry: 4 s later a hit shows at least 4 s less left, no request', async ({ page }) => {
  await page.clock.install();
  const requests = apiRequests(page);
  await gotoApp(page, 'api');
  const expires = page.locator('[data-testid=stMetric]').filter({ hasText: 'Expires in' });
  const left = async () => Number((await expires.textContent())!.match(/(\d+\.\d) s/)![1]);
  const left0 = await left();
  expect(left0).toBeGreaterThan(8);
  await page.clock.fastForward(4_000);
  await rerun(page);
  expect(await left()).toBeLessThanOrEqual(left0 - 4); // a hit, 4 s older
  expect(requests()).toBe(1);
});
