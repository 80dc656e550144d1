// Several tabs of one app (issue 6 item 4; SPEC B16, C5), on the caching fixture testapps/cachelab.
// cache.spec.ts already shows two tabs computing one key once; here four tabs ask for the same
// slow keys at once, and a tab is closed while it holds a key's Web Lock.
//
// Counting runs across tabs: each page shows how many times compute ran in that page ("runs
// after = "), counted by the function itself outside the cache, and which page computed the value
// it shows ("computed by = ", stored with the value). Summing the pages' counts is honest for the
// pages still open; the closed tab's run is known from its spinner and from the Web Lock it held,
// which the other pages see through navigator.locks.query().
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { gotoApp, settled } from './helpers';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

async function runs(page: Page): Promise<number> {
  return Number((await text(page, 'runs after = ').textContent())!.replace(/[^0-9]/g, ''));
}

// pageID is the fixture's random id of a page ("tab-123456").
async function pageID(page: Page): Promise<string> {
  const t = await page.locator('[data-testid=stCaption]').filter({ hasText: /^\s*page = / }).textContent();
  return t!.trim().slice('page = '.length);
}

// setField commits a value: fill then Enter, as a person types. It does not wait for the run.
async function setField(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

async function openTabs(context: BrowserContext, n: number, delayMs: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < n; i++) {
    const p = await context.newPage();
    await gotoApp(p, 'cachelab');
    // The delay is an argument of compute, so every tab must use the same one to share keys.
    await setField(p, 'Delay ms', String(delayMs));
    await settled(p);
    pages.push(p);
  }
  return pages;
}

// lockState counts the cache's Web Locks of the origin, seen from page: held and waiting. Their
// names hold a hash of the arguments, not the key; each test has its own browser context, so the
// only cache locks are this test's.
async function lockState(page: Page) {
  return page.evaluate(async (k) => {
    const q = await navigator.locks.query();
    const mine = (l: LockInfo) => !!l.name && l.name.startsWith(k);
    return { held: q.held!.filter(mine).length, pending: q.pending!.filter(mine).length };
  }, 'wasmlit:');
}

const unique = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test('B16 C5 four tabs asking for the same slow keys at once compute each key once and agree', async ({ context }) => {
  test.setTimeout(120_000);
  const tabs = await openTabs(context, 4, 1500);
  const ids = await Promise.all(tabs.map(pageID));
  expect(new Set(ids).size).toBe(4);
  for (const [i, name] of ['first', 'second'].entries()) {
    const key = unique(name);
    await Promise.all(tabs.map((p) => setField(p, 'Key', key)));
    await Promise.all(tabs.map((p) => settled(p)));
    const counts = await Promise.all(tabs.map(runs));
    expect(counts.reduce((a, b) => a + b, 0), `runs per tab ${counts}`).toBe(i + 1); // once per key, over all tabs
    const by = await Promise.all(tabs.map(async (p) => (await text(p, 'computed by = ').textContent())!.trim()));
    expect(new Set(by).size, `computed by ${by}`).toBe(1);
    expect(ids.map((id) => `computed by = ${id}`)).toContain(by[0]);
    for (const p of tabs) {
      await expect(text(p, 'value = ')).toHaveText(`value = v1:${key}`);
      await expect(p.locator('[data-testid=stException]')).toHaveCount(0);
    }
  }
});

test('B16 C5 a tab closed while it holds a key\'s Web Lock does not block the others', async ({ context }) => {
  test.setTimeout(120_000);
  // The holder must still be computing when it is closed, after the polls below: on a loaded
  // machine those took more than 3 s and the holder stored its result first (no tab then computed).
  const [holder, ...others] = await openTabs(context, 4, 15000);
  const holderID = await pageID(holder);
  const key = unique('closed');
  // The holder starts computing: its spinner shows only after it took the lock (and the miss).
  await setField(holder, 'Key', key);
  await expect(holder.locator('[data-testid=stSpinner]')).toBeVisible();
  await expect.poll(() => lockState(others[0])).toEqual({ held: 1, pending: 0 });
  // The others ask for the same key and wait on the lock.
  await Promise.all(others.map((p) => setField(p, 'Key', key)));
  await expect.poll(() => lockState(others[0])).toEqual({ held: 1, pending: 3 });
  // Close the holder mid-computation: the browser releases its lock.
  await holder.close();
  await Promise.all(others.map((p) => settled(p)));
  const counts = await Promise.all(others.map(runs));
  expect(counts.reduce((a, b) => a + b, 0), `runs per tab ${counts}`).toBe(1); // one of them computed it
  const by = await Promise.all(others.map(async (p) => (await text(p, 'computed by = ').textContent())!.trim()));
  expect(new Set(by).size, `computed by ${by}`).toBe(1);
  expect(by[0]).not.toBe(`computed by = ${holderID}`);
  for (const p of others) {
    await expect(text(p, 'value = ')).toHaveText(`value = v1:${key}`);
    await expect(p.locator('[data-testid=stException]')).toHaveCount(0);
  }
  expect(await lockState(others[0])).toEqual({ held: 0, pending: 0 });
});
