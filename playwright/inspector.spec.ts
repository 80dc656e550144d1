// The cache inspector (SPEC B24) in examples/limits: the ⋮ menu's "Cache inspector" shows, beside
// each cached function's statistics, a table of its options as the app gave them (TTL, max
// entries, max bytes, scope, where entries are stored, spinner, background refresh).
import { test, expect, gotoApp, settled } from './helpers';
import type { Page } from '@playwright/test';

/** optionsTable is the inspector's table of options: the one with a "max entries" column. */
const optionsTable = (page: Page) =>
  page.getByTestId('stTable').filter({ has: page.getByRole('columnheader', { name: 'max entries', exact: true }) });

/** options reads the row of fn in the options table as "column value" strings. */
async function options(page: Page, fn: string): Promise<string[]> {
  const table = optionsTable(page);
  const headers = await table.getByRole('columnheader').allTextContents();
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: fn, exact: true }) });
  const cells = await row.getByRole('cell').allTextContents();
  return headers.map((h, i) => `${h} ${cells[i]}`);
}

test('B24 B23 B20 the cache inspector shows each function\'s options', async ({ page, pageErrors }) => {
  await gotoApp(page, 'limits');
  await page.getByRole('button', { name: 'Main menu' }).click();
  await page.getByRole('menuitem', { name: 'Cache inspector' }).click();
  await settled(page);
  await expect(optionsTable(page)).toBeVisible();

  const api = await options(page, 'getAPIData');
  expect(api).toContain('TTL 10s');
  expect(api).toContain('max entries unbounded');
  expect(api).toContain('scope global');
  expect(api).toContain('stored in memory and persistent store');
  expect(api).toContain('background refresh off');

  const arrays = await options(page, 'getLargeArray');
  expect(arrays).toContain('max entries 3');
  expect(arrays).toContain('TTL none');
  expect(arrays).toContain('max bytes unbounded');

  expect(await options(page, 'silent')).toContain('spinner off');
  expect(await options(page, 'custom')).toContain('spinner Fetching data from the API…');
  expect((await options(page, 'timed')).join('\n')).toMatch(/spinner Running `timed\(\.\.\.\)`\. \(with elapsed time\)/);

  await page.getByRole('button', { name: 'Close the inspector' }).click();
  await settled(page);
  await expect(optionsTable(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
