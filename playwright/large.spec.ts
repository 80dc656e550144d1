// Browser tests of the large example (the seed's large-data table, live): a table of 1M rows × 4
// float64 columns through cache_data and cache_resource, measured in the page. 1M rows only, to
// keep CI fast; the page also offers 10M. Every wait is on wasmlit.settled(), never on time.
import { type Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

// value returns what the page shows on its "name = value" line.
async function value(page: Page, name: string): Promise<string> {
  const line = page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + name + ' = ') });
  await expect(line).toHaveCount(1);
  return (await line.textContent())!.trim().slice(name.length + 3);
}

const msOf = (s: string) => Number(s.replace(/ ms$/, ''));

for (const [decorator, same, ids] of [
  ['cache_data', 'no', 'B19 B3'],
  ['cache_resource', 'yes', 'B19 B5'],
] as const) {
  test(`${ids} ${decorator}: the first call builds the 1M-row table, a rerun is a hit (build = 0), same instance: ${same}`, async ({ page, pageErrors }) => {
    await gotoApp(page, 'large');
    if (decorator !== 'cache_data') {
      await page.getByRole('radio', { name: decorator, exact: true }).check();
      await settled(page);
    }
    expect(await value(page, 'rows')).toBe('1000000');
    expect(msOf(await value(page, 'build'))).toBeGreaterThan(0); // a miss: the function ran
    expect(await value(page, 'same instance')).toBe('(first call)');
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Rerun' }).click();
      await settled(page);
      expect(await value(page, 'build')).toBe('0.0 ms'); // a hit: the function did not run
      expect(await value(page, 'same instance')).toBe(same);
    }
    // The summary table shows the measurement beside the seed's figures for 10M rows.
    const table = page.locator('[data-testid=stTable]');
    await expect(table).toContainText(decorator);
    await expect(table).toContainText(decorator === 'cache_data' ? '0.4 s' : '0.01 s');
    await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  });
}

test('B4 B19 after a reload, the cache_data table comes from IndexedDB: the first call is already a hit', async ({ page }) => {
  await gotoApp(page, 'large');
  expect(msOf(await value(page, 'build'))).toBeGreaterThan(0);
  // The 32 MB record is written after the call returns: wait until it is in IndexedDB.
  await page.waitForFunction(async () => {
    const db: IDBDatabase = await new Promise((ok, err) => { const r = indexedDB.open('wasmlit:large'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const n: number = await new Promise((ok) => { const r = db.transaction('values').objectStore('values').count(); r.onsuccess = () => ok(r.result); });
    db.close();
    return n > 0;
  });
  await page.reload();
  await settled(page);
  expect(await value(page, 'build')).toBe('0.0 ms');
  expect(await value(page, 'rows')).toBe('1000000');
  await expect(page.getByText('This first call was already a hit')).toHaveCount(1);
});
