// Caching in the browser (issue 3): what only a real page shows. The fixture is testapps/cachelab:
// one cached function `compute(st, key, size, _delayMs)` whose runs in this page it counts.
import { test, expect, type Page } from '@playwright/test';
import { gotoApp, settled } from './helpers';

const text = (page: Page, prefix: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + prefix) });

// runs is how many times compute has run in this page, as the page shows after the call.
async function runs(page: Page): Promise<number> {
  const t = await text(page, 'runs after = ').textContent();
  return Number(t!.replace(/[^0-9]/g, ''));
}

async function setField(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

// Each test gets its own keys: the IndexedDB of the origin is shared by the tests' pages.
const unique = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test('B4 a cached value survives a reload: it comes from IndexedDB, the function does not run', async ({ page }) => {
  await gotoApp(page, 'cachelab');
  const key = unique('reload');
  await setField(page, 'Key', key);
  await settled(page);
  expect(await runs(page)).toBe(1);
  const by = await text(page, 'computed by = ').textContent();
  await page.reload();
  await settled(page);
  await setField(page, 'Key', key);
  await settled(page);
  expect(await runs(page)).toBe(0);
  await expect(text(page, 'computed by = ')).toHaveText(by!);
  await expect(text(page, 'value = ')).toHaveText(`value = v1:${key}`);
  // B13: what the function drew on the miss is drawn again on the hit.
  await expect(page.locator('[data-testid=stCaption]').filter({ hasText: 'computed inside the cached function' })).toHaveCount(1);
});

test('B8 the spinner shows during a slow miss and never on a hit', async ({ page }) => {
  await gotoApp(page, 'cachelab');
  await setField(page, 'Delay ms', '1500');
  await settled(page);
  await setField(page, 'Key', unique('spin'));
  const spinner = page.locator('[data-testid=stSpinner]');
  await expect(spinner).toBeVisible();
  await expect(spinner).toContainText('Running `compute(...)`.');
  await settled(page);
  await expect(spinner).toHaveCount(0);
  // A hit: watch the DOM for any spinner while the rerun happens.
  await page.evaluate(() => {
    (window as any).__spinners = 0;
    new MutationObserver((muts) => {
      for (const m of muts) for (const n of m.addedNodes) {
        if (n instanceof Element && (n.matches('[data-testid=stSpinner]') || n.querySelector('[data-testid=stSpinner]'))) (window as any).__spinners++;
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  expect(await page.evaluate(() => (window as any).__spinners)).toBe(0);
  expect(await runs(page)).toBe(1);
});

test('B16 C5 two tabs asking for one slow key at once compute it once', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await gotoApp(a, 'cachelab');
  await gotoApp(b, 'cachelab');
  for (const p of [a, b]) {
    await setField(p, 'Delay ms', '2000');
    await settled(p);
  }
  const key = unique('shared');
  await Promise.all([setField(a, 'Key', key), setField(b, 'Key', key)]);
  await Promise.all([settled(a), settled(b)]);
  expect((await runs(a)) + (await runs(b))).toBe(1);
  const byA = await text(a, 'computed by = ').textContent();
  const byB = await text(b, 'computed by = ').textContent();
  expect(byA).toBe(byB);
});

test('B15 Clear cache from the menu and with the C key empties memory and IndexedDB', async ({ page }) => {
  await gotoApp(page, 'cachelab');
  const key = unique('clear');
  await setField(page, 'Key', key);
  await settled(page);
  expect(await runs(page)).toBe(1);
  await page.getByTestId('stMainMenu').click();
  await page.getByRole('menuitem', { name: 'Clear cache' }).click();
  await settled(page);
  expect(await runs(page)).toBe(2); // recomputed after the clear
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('c');
  await settled(page);
  expect(await runs(page)).toBe(3);
  await page.keyboard.press('r'); // R reruns without clearing
  await settled(page);
  expect(await runs(page)).toBe(3);
});

test('C6 a corrupted IndexedDB record is a miss: recomputed, no crash', async ({ page }) => {
  await gotoApp(page, 'cachelab');
  const key = unique('corrupt');
  await setField(page, 'Key', key);
  await settled(page);
  await page.waitForFunction(async () => {
    // The write happens after the value is returned: wait for the record to be there.
    const db: IDBDatabase = await new Promise((ok, err) => { const r = indexedDB.open('wasmlit:cachelab'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const keys: string[] = await new Promise((ok) => { const r = db.transaction('values').objectStore('values').getAllKeys(); r.onsuccess = () => ok(r.result as string[]); });
    db.close();
    return keys.length > 0;
  });
  // Overwrite every record with garbage (a corrupted or foreign record).
  const n = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, err) => { const r = indexedDB.open('wasmlit:cachelab'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const tx = db.transaction('values', 'readwrite');
    const store = tx.objectStore('values');
    const keys: IDBValidKey[] = await new Promise((ok) => { const r = store.getAllKeys(); r.onsuccess = () => ok(r.result); });
    for (const k of keys) store.put(new Uint8Array([0x77, 0x6c, 0x63, 0, 9, 9, 9, 1, 2, 3]), k);
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    return keys.length;
  });
  expect(n).toBeGreaterThan(0);
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.reload();
  await settled(page);
  await setField(page, 'Key', key);
  await settled(page);
  await expect(text(page, 'value = ')).toHaveText(`value = v1:${key}`);
  expect(await runs(page)).toBeGreaterThanOrEqual(1); // recomputed
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(warnings.join('\n')).toContain('unreadable cache record');
});

test('C6 quota exceeded: the app keeps working from memory and says so once', async ({ page }) => {
  await gotoApp(page, 'cachelab');
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 * 1024 * 1024 });
  await setField(page, 'Size', '1000000'); // 8 MB of float64s: over the 2 MB quota
  await settled(page);
  await setField(page, 'Key', unique('quota'));
  await settled(page);
  await expect(text(page, 'rows = ')).toHaveText('rows = 1000000');
  const warning = page.locator('[data-testid=stAlert]').filter({ hasText: 'Cached data cannot be saved' });
  await expect(warning).toHaveCount(1);
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  await expect(warning).toHaveCount(1); // one warning, not one per failure
  expect(await runs(page)).toBe(1); // the rerun was a hit, from memory
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});

test('C6 no IndexedDB at all: memory only, one visible warning', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });
  });
  await gotoApp(page, 'cachelab');
  await setField(page, 'Key', 'a');
  await settled(page);
  await expect(page.locator('[data-testid=stAlert]').filter({ hasText: 'Cached data cannot be saved' })).toHaveCount(1);
  await expect(text(page, 'value = ')).toHaveText('value = v1:a');
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  expect(await runs(page)).toBe(1);
});
